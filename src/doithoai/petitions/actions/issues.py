"""Issues: petitions that raise the same matter, grouped (and one taken out again). Every
petitioner and all history stay."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.kind_hints import DENUNCIATION, suggested_kind
from doithoai.core.petition_flow import on_its_procedure
from doithoai.core.text import nfc
from doithoai.org import access
from doithoai.petitions import rules
from doithoai.petitions.actions.moves import lock
from doithoai.petitions.models import Issue, Petition


@transaction.atomic
def group_into_issue(*, actor, petitions: list[Petition], title: str, reason: str = ""
                     ) -> Issue:
    """Group petitions that raise the same matter; merging into an existing issue when one
    of them already has one. Every petitioner and all history stay."""
    petitions = list(Petition.objects.select_for_update(of=("self",)).filter(
        pk__in=[p.pk for p in petitions]).select_related("issue"))
    if len(petitions) < 2 and not any(p.issue_id for p in petitions):
        raise ValidationError(_("Cần chọn ít nhất hai ý kiến để gộp thành một vấn đề."))
    agencies = {p.agency_id for p in petitions}
    if len(agencies) != 1:
        raise ValidationError(_("Chỉ gộp được ý kiến của cùng một cơ quan."))
    for p in petitions:
        access.require(actor, rules.GROUP, p)
    if any(_on_its_own(p) for p in petitions):
        # Grouped, its words or the issue's title would be read in public as an opinion's.
        raise ValidationError(_("Khiếu nại, tố cáo không gộp với ý kiến khác: giải quyết riêng "
                                "theo thủ tục của nó."))
    issue = next((p.issue for p in petitions if p.issue_id), None)
    if issue is None:
        title = nfc(title)
        if not title:
            raise ValidationError({"title": _("Hãy đặt tên cho vấn đề.")})
        if suggested_kind(title):  # the title heads the issue in what is published
            raise ValidationError({"title": _(
                "Tên vấn đề được công khai: không đặt tên như một nội dung khiếu nại, tố cáo; "
                "hãy nêu việc mà các ý kiến đề nghị.")})
        issue = Issue.objects.create(agency_id=agencies.pop(), title=title)
        record(actor=actor, action="issue.create", obj=issue, after=snapshot(issue),
               reason=reason)
    for p in petitions:
        if p.issue_id != issue.pk:
            before = {"issue": p.issue_id}
            Petition.objects.filter(pk=p.pk).update(issue=issue, version=p.version + 1)
            record(actor=actor, action="petition.group", obj=p, before=before,
                   after={"issue": issue.pk}, reason=reason)
    return issue


def _on_its_own(petition: Petition) -> bool:
    """A complaint or denunciation by its kind, its state or (a denunciation) its words."""
    return (on_its_procedure(petition.kind, petition.state)
            or suggested_kind(petition.text) == DENUNCIATION)


@transaction.atomic
def remove_from_issue(*, actor, petition: Petition, reason: str, version: int | None = None
                      ) -> Petition:
    petition = lock(petition, version)
    access.require(actor, rules.UNGROUP, petition)
    reason = require_reason(reason)
    if petition.issue_id is None:
        raise ValidationError(_("Ý kiến này không thuộc vấn đề nào."))
    before = {"issue": petition.issue_id}
    Petition.objects.filter(pk=petition.pk).update(issue=None, version=petition.version + 1)
    record(actor=actor, action="petition.ungroup", obj=petition, before=before,
           after={"issue": None}, reason=reason)
    petition.refresh_from_db()
    return petition
