"""Loads the demo organisation; safe to run again (finds rows by their natural keys)."""

from django.conf import settings
from django.db import transaction

from doithoai.audit.services import record, snapshot
from doithoai.demo import data
from doithoai.org.actions import load_units
from doithoai.org.models import AdministrativeUnit, Agency, Membership, Person, Unit, User, Village

# Stored data (log reasons, positions) is Vietnamese whatever language is active.
DEMO_REASON = "Tạo dữ liệu mẫu"


def _upsert(model, lookup: dict, defaults: dict):
    obj, created = model.objects.update_or_create(**lookup, defaults=defaults)
    if created:
        record(actor=None, action=f"{model._meta.model_name}.create", obj=obj,
               after=snapshot(obj), reason=DEMO_REASON)
    return obj


def _agency(spec: dict, level: str, parent: Agency | None) -> Agency:
    return _upsert(Agency, {"code": spec["code"]}, {
        "name": spec["name"], "level": level, "parent": parent,
        "admin_unit": AdministrativeUnit.objects.get(code=spec["admin_unit"]),
        "header_issuer": spec["header_issuer"], "place_name": spec["place_name"],
        "address": spec.get("address", ""), "phone": spec.get("phone", ""),
    })


def _account(username: str, full_name: str, password: str, person=None, **flags) -> User:
    # Reserved ".example" domain: reminders and notices can be seen in the console, never sent.
    user = _upsert(User, {"username": username},
                   {"full_name": full_name, "person": person,
                    "email": f"{username}@doithoai.example", **flags})
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def _membership(user, role, agency, unit=None, village=None, title=""):
    return _upsert(Membership, {"user": user, "role": role, "agency": agency, "unit": unit,
                                "village": village}, {"title": title, "is_active": True})


def _commune(spec: dict, province: Agency, password: str) -> list[tuple[str, str, str]]:
    agency = _agency(spec, Agency.Level.COMMUNE, province)
    units = {}
    for order, (code, name, short, kind, parent) in enumerate(spec["units"], start=1):
        units[code] = _upsert(Unit, {"agency": agency, "code": code}, {
            "name": name, "short_name": short, "kind": kind, "order": order,
            "parent": units.get(parent),
        })
    villages = {}
    for order, (name, households, head) in enumerate(spec["villages"], start=1):
        village = _upsert(Village, {"agency": agency, "name": name},
                          {"households": households, "order": order})
        villages[name] = village
        _upsert(Person, {"agency": agency, "full_name": head, "village": village},
                {"position": "Trưởng thôn"})
    people = {}
    for full_name, position, unit_code in spec["people"]:
        people[full_name] = _upsert(Person, {"agency": agency, "full_name": full_name},
                                    {"position": position, "unit": units[unit_code]})
    accounts = []
    for username, full_name, role, where, title in spec["accounts"]:
        unit = units.get(where) if role == "unit_officer" else None
        village = villages.get(where) if role == "village_head" else None
        person = people.get(full_name) or Person.objects.filter(
            agency=agency, full_name=full_name).first()
        user = _account(username, full_name, password, person=person)
        _membership(user, role, agency, unit=unit, village=village, title=title)
        accounts.append((username, full_name, f"{title} — {agency.name}"))
    return accounts


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Creates or refreshes the demo data; returns (username, name, role) of each account."""
    if not AdministrativeUnit.objects.exists():
        # The whole country, unless settings ask for the demo's province only (the tests:
        # a second per test instead of three).
        only = {data.PROVINCE["admin_unit"]} if settings.DEMO_UNITS_ONLY else None
        load_units(provinces=only)
    password = data.DEMO_PASSWORD
    admin_name = admin_label = data.ADMIN_ACCOUNT[1]
    admin = _account(data.ADMIN_ACCOUNT[0], admin_name, password,
                     is_staff=True, is_superuser=True)
    _membership(admin, "admin", None, title=admin_label)
    accounts = [(admin.username, admin_name, admin_label)]
    province = _agency(data.PROVINCE, Agency.Level.PROVINCE, None)
    for commune in data.COMMUNES:
        accounts += _commune(commune, province, password)
    for username, full_name, role, title in data.PROVINCE_ACCOUNTS:
        user = _account(username, full_name, password)
        _membership(user, role, province, title=title)
        accounts.append((username, full_name, f"{title} — {province.name}"))
    return accounts
