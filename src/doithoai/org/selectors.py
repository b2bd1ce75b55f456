"""Reads of the organisation model used by pages, always through the permission layer."""

from django.db.models import Count, Q

from doithoai.org.access import changeable, visible
from doithoai.org.models import AdministrativeUnit, Agency, Membership, Person, Unit, Village


def office_of(agency) -> Unit | None:
    """The agency's office (Văn phòng), the first active one in the organisation's order."""
    return (Unit.objects.filter(agency=agency, kind=Unit.Kind.OFFICE, is_active=True)
            .order_by("order", "pk").first())


def agencies_for(user):
    return visible(Agency, user).select_related("parent", "admin_unit").order_by("level", "name")


def agency_overview(user, agency: Agency) -> dict:
    units = visible(Unit, user).filter(agency=agency).annotate(
        people_count=Count("people", distinct=True)
    )
    villages = visible(Village, user).filter(agency=agency).annotate(
        people_count=Count("people", distinct=True)
    )
    return {"units": units, "villages": villages}


def copy_to_edit(obj):
    """A fresh copy of a row the user may change, for its form to fill in (the row checked
    by the permission layer stays as it was)."""
    return type(obj).objects.get(pk=obj.pk)


def people_of(user, **filters):
    return visible(Person, user).filter(**filters).select_related("unit", "village")


def counts_for_agency(user, agency: Agency) -> dict[str, int]:
    return {
        "units": visible(Unit, user).filter(agency=agency, is_active=True).count(),
        "villages": visible(Village, user).filter(agency=agency, is_active=True).count(),
        "people": visible(Person, user).filter(agency=agency).count(),
        "accounts": visible(Membership, user).filter(agency=agency, is_active=True)
        .values("user").distinct().count(),
    }


def counts_for_province(user, province: Agency) -> dict[str, int]:
    communes = visible(Agency, user).filter(parent=province)
    official = 0
    if province.admin_unit_id:
        official = AdministrativeUnit.objects.filter(parent_id=province.admin_unit_id).count()
    return {
        "official_communes": official,
        "agencies": communes.count(),
        "villages": visible(Village, user).filter(agency__parent=province).count(),
        "accounts": visible(Membership, user).filter(
            Q(agency__parent=province), is_active=True
        ).values("user").distinct().count(),
    }


def changeable_ids(user, objects) -> set[int]:
    """Which of these objects the user may change (one query, for edit links in lists)."""
    objects = list(objects)
    if not objects:
        return set()
    model = type(objects[0])
    return set(
        changeable(model, user).filter(pk__in=[o.pk for o in objects]).values_list("pk", flat=True)
    )
