"""The demo's organisation (`demo_data --no-petitions`: the province, its two communes, their
units, villages, people, accounts and the audit events that made them), built ONCE per test
process and then copied into each test's database in a fraction of the time the command takes.

`capture()` runs the command inside a transaction that is rolled back, and keeps every row it
added or changed (found by comparing each table before and after). `load(rows)` writes them
back with `bulk_create` in one transaction (foreign keys are checked at its end) and moves the
audit chain's head forward to the copied events, one step at a time as PostgreSQL's trigger
demands. It works in a test's transaction (rolled back with it) as in a transactional test's
committed database, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model

from doithoai.audit.models import AuditChainHead


def _models() -> list[type[Model]]:
    return [m for m in apps.get_models(include_auto_created=True)
            if m._meta.managed and not m._meta.proxy]


def _rows(model: type[Model]) -> dict:
    names = [f.attname for f in model._meta.concrete_fields]
    return {row[names.index(model._meta.pk.attname)]: dict(zip(names, row, strict=True))
            for row in model._base_manager.values_list(*names)}


@dataclass
class Rows:
    """What the command added ({model: [field values]}) and changed ({model: {pk: values}})."""

    added: dict = field(default_factory=dict)
    changed: dict = field(default_factory=dict)
    head: tuple = (0, "")  # the audit chain's (last seq, last hash) after the command


def capture() -> Rows:
    models = [m for m in _models() if m is not AuditChainHead]
    with transaction.atomic():
        before = {m: _rows(m) for m in models}
        call_command("demo_data", "--no-petitions", verbosity=0)
        rows = Rows()
        for model in models:
            old, new = before[model], _rows(model)
            if set(old) - set(new):
                raise AssertionError(f"demo_data removed rows of {model._meta.label}")
            added = [values for pk, values in new.items() if pk not in old]
            changed = {pk: values for pk, values in new.items()
                       if pk in old and old[pk] != values}
            if added:
                rows.added[model] = added
            if changed:
                rows.changed[model] = changed
        rows.head = AuditChainHead.objects.values_list("last_seq", "last_hash").get(pk=1)
        transaction.set_rollback(True)
    return rows


def load(rows: Rows) -> None:
    """Write the captured rows into the current database (which must not hold them yet)."""
    with transaction.atomic():
        for model, values in rows.added.items():
            model._base_manager.bulk_create([model(**v) for v in values])
        for model, changed in rows.changed.items():
            for pk, values in changed.items():
                model._base_manager.filter(pk=pk).update(**values)
        _move_head(*rows.head)
        statements = connection.ops.sequence_reset_sql(no_style(), list(rows.added))
        if statements:
            with connection.cursor() as cursor:
                for sql in statements:
                    cursor.execute(sql)


def _move_head(last_seq: int, last_hash: str) -> None:
    """The chain's head at the copied events' last one. The head only moves one event at a
    time (PostgreSQL refuses any other update); a database emptied by a transactional test
    has no head row at all."""
    current = AuditChainHead.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    if current is None:
        AuditChainHead.objects.create(pk=1, last_seq=last_seq, last_hash=last_hash)
        return
    if current != 0:
        raise AssertionError("the base organisation goes into an empty audit log only")
    if last_seq == 0:
        return
    head = AuditChainHead.objects.filter(pk=1)
    for seq in range(1, last_seq):
        head.update(last_seq=seq)
    head.update(last_seq=last_seq, last_hash=last_hash)
