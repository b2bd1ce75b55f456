"""The law's date format on every page: `{{ day|day }}` writes 07/12/2026 and
`{{ moment|moment }}` writes 08:30 07/12/2026, both through `core.dates` (the one place for the
formats, shared with messages, documents and Excel files).

A builtin of the templates (settings TEMPLATES OPTIONS "builtins"): no `{% load %}` needed.
It lives in org, the lowest app that renders pages, so that every app's templates (workdays,
petitions, dialogues, public, live, documents, web) use a filter from an app at or below their
own layer; core cannot hold it, core imports no Django.

Like Django's `date` filter, a moment is first turned into local time, and an empty or
unreadable value gives an empty text.
"""

from django import template

from doithoai.core import dates

register = template.Library()


def _written(write, value) -> str:
    if value in (None, ""):
        return ""
    try:
        return write(value)
    except AttributeError:  # not a date: as `|date` does
        return ""


@register.filter(expects_localtime=True)
def day(value) -> str:
    """ "07/12/2026" (Django's `|date:"d/m/Y"`)."""
    return _written(dates.day, value)


@register.filter(expects_localtime=True)
def moment(value) -> str:
    """ "08:30 07/12/2026" (Django's `|date:"H:i d/m/Y"`)."""
    return _written(dates.moment, value)
