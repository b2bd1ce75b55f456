"""Reads for bringing paper in: where the user may bring petitions in (agencies, villages,
fields), and the batches and their petitions."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from doithoai.org.access import INTAKE_ROLES, scope_of, visible
from doithoai.org.models import Agency, Role, Village
from doithoai.petitions import occasions
from doithoai.petitions.models import Field, IntakeBatch, Petition


def _intake_grants(user, agency: Agency):
    return [g for g in scope_of(user).grants
            if agency.pk in g.agency_ids and g.role in INTAKE_ROLES]


def intake_agencies(user) -> QuerySet[Agency]:
    """The agencies for which the user may start batches and import files."""
    scope = scope_of(user)
    if scope.is_admin:
        return Agency.objects.filter(level=Agency.Level.COMMUNE, is_active=True,
                                     villages__isnull=False).distinct()
    ids = set().union(*(g.agency_ids for g in scope.grants if g.role in INTAKE_ROLES))
    return Agency.objects.filter(pk__in=ids, is_active=True)


def villages_for(user, agency: Agency) -> QuerySet[Village]:
    """The villages whose petitions the user may bring in (a village head: their own)."""
    villages = Village.objects.filter(agency=agency, is_active=True)
    if user is None or scope_of(user).is_admin:
        return villages
    grants = _intake_grants(user, agency)
    if any(g.role != Role.VILLAGE_HEAD for g in grants):
        return villages
    return villages.filter(pk__in=[g.village_id for g in grants])


def only_own_village(user, agency: Agency) -> bool:
    """True when the user brings petitions in only as a village head."""
    if user is None or scope_of(user).is_admin:
        return False
    grants = _intake_grants(user, agency)
    return bool(grants) and all(g.role == Role.VILLAGE_HEAD for g in grants)


def fields_for(agency: Agency) -> QuerySet[Field]:
    """The active fields opinions of this agency are classified in (every agency is made
    with the default ones: `receivers.agency_saved`)."""
    return Field.objects.filter(agency=agency, is_active=True).order_by("order", "name")


def batches_for(user) -> QuerySet[IntakeBatch]:
    """Batches the user sees in the agencies where they bring petitions in, the latest
    received first (a stack typed in late sits by the day it came in)."""
    agencies = intake_agencies(user)
    return (visible(IntakeBatch, user).filter(agency__in=agencies)
            .select_related("agency", "village").annotate(petition_count=Count("petitions"))
            .order_by("-received_on", "-created_at", "-pk"))


def batch_petitions(user, batch: IntakeBatch) -> QuerySet[Petition]:
    return (visible(Petition, user).filter(batch=batch)
            .select_related("village", "field").order_by("-pk"))


def saved_petition(user, batch: IntakeBatch, code: str) -> Petition | None:
    """The batch's petition just saved, by its tracking code (the page after saving)."""
    return batch_petitions(user, batch).filter(tracking_code=code).first()


def printed_batch(user, batch: IntakeBatch) -> QuerySet[Petition]:
    """The batch's petitions as the printed list files them: in the order of the paper."""
    return (visible(batch.petitions.all(), user)
            .select_related("village", "field").prefetch_related("petitioners")
            .order_by("source_row", "pk"))


def visible_batch(user, pk) -> IntakeBatch | None:
    return visible(IntakeBatch, user).filter(pk=pk).first()


def conference_of_batch(batch: IntakeBatch):
    """The conference a batch's opinions are collected for, if any (`occasions`)."""
    provider = occasions.registered()
    return provider.of_batch(batch) if provider is not None else None
