"""Every change to the organisation model: one function per use case, one transaction,
one audit event (the official list of units, copied in by a command, has none)."""

from django.db import transaction

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.org import access, rules
from doithoai.org.models import AdministrativeUnit, Person, Village
from doithoai.org.official_units import LoadResult, official_rows


def _apply(instance, changes: dict) -> None:
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()


def _require_person(actor, rule: access.Rule, person: Person) -> None:
    """The rule, then the scope underneath it: a Front officer sees every person of his
    agency but changes only the people of a village (`access.require_change`)."""
    access.require(actor, rule, person)
    access.require_change(actor, person)


@transaction.atomic
def update_village(*, actor, village: Village, changes: dict, reason: str) -> Village:
    reason = require_reason(reason)
    # The rule's roles reach exactly the villages they change: no scope check beneath it.
    access.require(actor, rules.CHANGE_VILLAGE, village)
    village = Village.objects.select_for_update().get(pk=village.pk)
    before = snapshot(village)
    _apply(village, changes)
    record(actor=actor, action="village.update", obj=village, before=before,
           after=snapshot(village), reason=reason)
    return village


@transaction.atomic
def update_person(*, actor, person: Person, changes: dict, reason: str) -> Person:
    reason = require_reason(reason)
    _require_person(actor, rules.CHANGE_PERSON, person)
    person = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(person)
    _apply(person, changes)
    # The new unit or village must also be within the actor's reach.
    _require_person(actor, rules.CHANGE_PERSON, person)
    record(actor=actor, action="person.update", obj=person, before=before,
           after=snapshot(person), reason=reason)
    return person


@transaction.atomic
def load_units(*, provinces: set[str] | None = None) -> LoadResult:
    """Idempotent: creates what is missing, updates what changed, leaves the rest.
    `provinces` (official codes) limits the load to those provinces and their communes."""
    result = LoadResult()
    existing = {u.code: u for u in AdministrativeUnit.objects.all()}
    rows = [(code, fields, parent) for code, fields, parent in official_rows()
            if provinces is None or (parent or code) in provinces]
    # Provinces first so that communes can point at them.
    _sync([(code, fields) for code, fields, parent in rows if parent is None], existing, result)
    provinces = dict(
        AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE)
        .values_list("code", "pk")
    )
    communes = [
        (code, {**fields, "parent_id": provinces[parent]})
        for code, fields, parent in rows if parent is not None
    ]
    _sync(communes, existing, result)
    return result


def _sync(rows, existing: dict, result: LoadResult) -> None:
    to_create, to_update = [], []
    for code, fields in rows:
        unit = existing.get(code)
        if unit is None:
            to_create.append(AdministrativeUnit(code=code, **fields))
        elif any(getattr(unit, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(unit, k, v)
            to_update.append(unit)
        else:
            result.unchanged += 1
    # bulk_create skips save(): the package's names are already NFC.
    AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    AdministrativeUnit.objects.bulk_update(
        to_update, ["name", "kind", "level", "codename", "parent"], batch_size=500
    )
    result.created += len(to_create)
    result.updated += len(to_update)
