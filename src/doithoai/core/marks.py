"""Texts of the core that users read: marked for the translation catalogue without importing
Django (makemessages knows the name `gettext_noop`); the pages translate them when they show
them."""


def gettext_noop(text: str) -> str:
    return text
