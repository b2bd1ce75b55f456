"""Sorting a petition out: classify it (kind, field, urgency), give it to a unit to answer
(one or many at once), and the unit giving it back to the office."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import require_reason
from doithoai.core.petition_flow import PROCEDURE_KINDS, Action
from doithoai.org.models import Unit
from doithoai.petitions import notify
from doithoai.petitions.actions.deadlines import set_due_date
from doithoai.petitions.actions.moves import move
from doithoai.petitions.models import Field, Kind, Petition


@transaction.atomic
def classify(*, actor, petition: Petition, kind: str, field: Field | None, urgency: str,
             village_id: int | None = None, is_complex: bool = False, reason: str = "",
             version: int | None = None) -> Petition:
    if field is not None and field.agency_id != petition.agency_id:
        raise ValidationError({"field": _("Lĩnh vực không thuộc cơ quan này.")})
    changes = {"kind": kind, "field": field, "urgency": urgency,
               "village_id": village_id or petition.village_id, "is_complex": is_complex,
               "hide_from_public": kind == Kind.DENUNCIATION}
    if kind in PROCEDURE_KINDS:
        changes["issue_id"] = None  # never grouped with opinions (`issues.group_into_issue`)
    petition = move(actor, petition, Action.CLASSIFY, reason=reason, version=version,
                    changes=changes)
    set_due_date(petition)
    petition.save(update_fields=["due_date", "due_rule", "due_rule_label"])
    return petition


def _check_unit(petition: Petition, unit: Unit) -> None:
    if unit.agency_id != petition.agency_id or not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị không thuộc cơ quan này.")})


@transaction.atomic
def assign(*, actor, petition: Petition, unit: Unit, reason: str = "",
           version: int | None = None) -> Petition:
    _check_unit(petition, unit)
    if petition.kind in PROCEDURE_KINDS:
        raise ValidationError(_("Khiếu nại, tố cáo không được giao trả lời như ý kiến thường: "
                                "hãy chuyển theo thủ tục khiếu nại, tố cáo."))
    petition = move(actor, petition, Action.ASSIGN, reason=reason, version=version,
                    changes={"unit": unit})
    transaction.on_commit(lambda: notify.unit_assigned(petition.pk))
    return petition


def bulk_assign(*, actor, petitions: Iterable[Petition], unit: Unit, reason: str = ""
                ) -> tuple[list[Petition], list[tuple[Petition, str]]]:
    """Assign many; each in its own transaction, so one refusal does not undo the rest."""
    done, refused = [], []
    for petition in petitions:
        try:
            done.append(assign(actor=actor, petition=petition, unit=unit, reason=reason))
        except (ValidationError, PermissionDenied) as exc:
            message = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            refused.append((petition, message))
    return done, refused


@transaction.atomic
def return_to_office(*, actor, petition: Petition, reason: str,
                     version: int | None = None) -> Petition:
    return move(actor, petition, Action.RETURN, reason=require_reason(reason),
                version=version, changes={"unit": None})
