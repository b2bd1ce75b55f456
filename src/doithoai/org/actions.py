"""Every change to the organisation model: one function per use case, one transaction,
one audit event."""

from django.db import transaction

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.org.access import require_change
from doithoai.org.models import Person, Village


def _apply(instance, changes: dict) -> None:
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


@transaction.atomic
def update_village(*, actor, village: Village, changes: dict, reason: str) -> Village:
    reason = require_reason(reason)
    require_change(actor, village)
    village = Village.objects.select_for_update().get(pk=village.pk)
    before = snapshot(village)
    _apply(village, changes)
    record(actor=actor, action="village.update", obj=village, before=before,
           after=snapshot(village), reason=reason)
    return village


@transaction.atomic
def update_person(*, actor, person: Person, changes: dict, reason: str) -> Person:
    reason = require_reason(reason)
    require_change(actor, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    _apply(person, changes)
    # The new unit or village must also be within the actor's reach.
    require_change(actor, person)
    record(actor=actor, action="person.update", obj=person, before=before,
           after=snapshot(person), reason=reason)
    return person


@transaction.atomic
def create_person(*, actor, person: Person, reason: str) -> Person:
    reason = require_reason(reason)
    person.full_clean()
    person.save()
    require_change(actor, person)  # rolls back when the actor may not create it here
    record(actor=actor, action="person.create", obj=person, after=snapshot(person),
           reason=reason)
    return person
