"""What the dialogues tell the apps above them."""

from django.dispatch import Signal

# The chair's conclusion was given on the conference page, sent with `actor`, `conference`,
# `conclusion`, `concluded_on` and `version` (the form's): the documents write it down and
# issue the conclusion notice made from it, numbered by their register, in one transaction
# (the conference becomes concluded). A refusal (ValidationError, PermissionDenied) reaches
# the page through `send`.
conclusion_given = Signal()
