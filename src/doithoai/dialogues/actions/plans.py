"""Plans: drafted with every section prefilled, edited, issued, published, completed.

Only the office (clerk, leader) acts on a plan. A draft is edited freely; once issued its text
is the signed document (settings still move, with a reason).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import bump_version, check_version
from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core import milestones as milestone_rules
from doithoai.core.text import nfc
from doithoai.dialogues import defaults, rules
from doithoai.dialogues.actions.milestones import sync_milestones
from doithoai.dialogues.models import Conference, ParticipantGroup, Plan, PlanTask
from doithoai.dialogues.selectors.plans import default_signer, missing_for_issue
from doithoai.org import access
from doithoai.org.models import Agency

PLAN_SECTIONS = ("title", "legal_bases", "preamble", "purposes", "requirements", "form",
                 "time_text", "venue", "content", "programme", "banner", "rules",
                 "coordination", "budget", "budget_source", "recipients")
PLAN_SETTINGS = tuple(milestone_rules.Settings.__dataclass_fields__)
PLAN_EDITABLE = (*PLAN_SECTIONS, *PLAN_SETTINGS, "kind", "ad_hoc_basis", "signer",
                 "signer_capacity", "signer_position", "yearly_report_due_on")


# Why an ad hoc conference is held (Art. 43 of Law 72/2025), as the plan's text says it.
AD_HOC_GROUNDS = {
    Plan.AdHocBasis.PRESSING: "Xét tình hình có vấn đề bức xúc, cấp thiết cần trao đổi, đối "
                              "thoại với Nhân dân;",
    Plan.AdHocBasis.VOTERS: "Xét đề nghị của ít nhất 10% cử tri trên địa bàn về việc tổ chức "
                            "hội nghị trao đổi, đối thoại;",
    Plan.AdHocBasis.NECESSARY: "Xét thấy cần thiết tổ chức hội nghị trao đổi, đối thoại với "
                               "Nhân dân;",
}


def create_plan(*, actor, agency: Agency, year: int, kind: str = Plan.Kind.PERIODIC,
                ad_hoc_basis: str = "") -> Plan:
    """A new draft plan, every section prefilled (defaults), its composition and tasks."""
    access.require(actor, rules.MANAGE, agency)
    if kind == Plan.Kind.AD_HOC and not ad_hoc_basis:
        raise ValidationError({"ad_hoc_basis": _("Kế hoạch đột xuất cần ghi căn cứ tổ chức.")})
    if kind == Plan.Kind.PERIODIC:
        ad_hoc_basis = ""
    if not 2000 <= year <= 2100:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    if kind == Plan.Kind.PERIODIC and Plan.objects.filter(
            agency=agency, year=year, kind=Plan.Kind.PERIODIC).exists():
        raise ValidationError({"year": _("Năm %(year)s đã có kế hoạch định kỳ. Hội nghị thêm "
                                         "trong năm thì thêm vào kế hoạch đó, hoặc lập kế "
                                         "hoạch đột xuất.") % {"year": year}})
    with transaction.atomic():
        plan = Plan(agency=agency, year=year, kind=kind, ad_hoc_basis=ad_hoc_basis,
                    created_by=access.account(actor),
                    signer=default_signer(agency), **defaults.sections(agency, year))
        if kind == Plan.Kind.AD_HOC:
            plan.title = plan.title.replace("Tổ chức hội nghị", "Tổ chức hội nghị đột xuất", 1)
            plan.preamble = f"{AD_HOC_GROUNDS[ad_hoc_basis]} {plan.preamble}"
        plan.save()
        ParticipantGroup.objects.bulk_create([
            ParticipantGroup(plan=plan, order=i, side=g.side, label=g.label, seats=g.seats,
                             unit=g.unit) for i, g in enumerate(defaults.groups(agency))])
        PlanTask.objects.bulk_create([
            PlanTask(plan=plan, order=i, unit=t.unit, text=t.text, offset_days=t.offset_days)
            for i, t in enumerate(defaults.tasks(agency))])
        record(actor=actor, action="plan.create", obj=plan, after=snapshot(plan))
    return plan


def update_plan(*, actor, plan: Plan, data: dict, version: int | None = None,
                reason: str = "") -> Plan:
    """Edit a plan's sections and settings. A draft is edited freely; once issued, the text
    is the signed document and stays as issued (settings still move, with a reason)."""
    access.require(actor, rules.MANAGE, plan)
    unknown = set(data) - set(PLAN_EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, version)
        if plan.state != Plan.State.DRAFT:
            touched = [f for f in data if f not in PLAN_SETTINGS and
                       getattr(plan, f) != data[f]]
            if touched:
                raise ValidationError(_("Kế hoạch đã ban hành: nội dung văn bản không sửa được "
                                        "nữa. Muốn thay đổi, hãy ban hành kế hoạch điều chỉnh."))
            reason = require_reason(reason)
        before = snapshot(plan)
        for name, value in data.items():
            setattr(plan, name, nfc(value) if isinstance(value, str) else value)
        report_due = plan.yearly_report_due_on
        # The year's report: in the year, or at the latest in the first quarter after it.
        if report_due and not (dt.date(plan.year, 1, 1) <= report_due
                               <= dt.date(plan.year + 1, 3, 31)):
            raise ValidationError({"yearly_report_due_on": _(
                "Hạn gửi báo cáo kết quả năm %(year)s phải trong năm %(year)s hoặc đầu năm "
                "sau.") % {"year": plan.year}})
        if plan.kind == Plan.Kind.AD_HOC and not plan.ad_hoc_basis:
            raise ValidationError({"ad_hoc_basis": _("Kế hoạch đột xuất cần ghi căn cứ tổ "
                                                     "chức.")})
        plan.full_clean(exclude=["agency", "created_by"])
        bump_version(plan)
        plan.save()
        record(actor=actor, action="plan.update", obj=plan, before=before,
               after=snapshot(plan), reason=reason)
        if set(data) & set(PLAN_SETTINGS):
            for conference in plan.conferences.exclude(state=Conference.State.CLOSED):
                sync_milestones(conference)
    return plan


def issue_plan(*, actor, plan: Plan, number: str, issued_on: dt.date,
               version: int | None = None) -> Plan:
    """The plan is approved and signed: record its number and date (draft → issued)."""
    access.require(actor, rules.MANAGE, plan)
    number = nfc(number).strip()
    if not number:
        raise ValidationError({"number": _("Hãy ghi số, ký hiệu của kế hoạch (ví dụ "
                                           "27/KH-UBND).")})
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, version)
        if plan.state != Plan.State.DRAFT:
            raise ValidationError(_("Kế hoạch này đã được ban hành."))
        missing = missing_for_issue(plan)
        if missing:
            raise ValidationError(_("Chưa ban hành được, còn thiếu: %(fields)s.")
                                  % {"fields": ", ".join(missing)})
        if issued_on > timezone.localdate():
            raise ValidationError({"issued_on": _("Ngày ban hành không được sau hôm nay.")})
        if issued_on.year not in (plan.year - 1, plan.year):
            raise ValidationError({"issued_on": _("Ngày ban hành phải thuộc năm của kế hoạch "
                                                  "hoặc năm trước đó.")})
        before = snapshot(plan)
        plan.state, plan.number, plan.issued_on = Plan.State.ISSUED, number, issued_on
        bump_version(plan)
        plan.save()
        record(actor=actor, action="plan.issue", obj=plan, before=before, after=snapshot(plan))
    return plan


def publish_plan(*, actor, plan: Plan, published_on: dt.date | None = None,
                 version: int | None = None) -> Plan:
    """The issued plan is made public (R11): its public page opens."""
    access.require(actor, rules.MANAGE, plan)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, version)
        if plan.state != Plan.State.ISSUED:
            raise ValidationError(_("Chỉ công khai được kế hoạch đã ban hành và chưa công "
                                    "khai."))
        before = snapshot(plan)
        plan.state, plan.published_on = Plan.State.PUBLISHED, published_on or timezone.localdate()
        bump_version(plan)
        plan.save()
        record(actor=actor, action="plan.publish", obj=plan, before=before,
               after=snapshot(plan))
    return plan


def complete_plan(*, actor, plan: Plan, version: int | None = None) -> Plan:
    """Every conference of the plan is closed: the plan is done."""
    access.require(actor, rules.MANAGE, plan)
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        check_version(plan, version)
        if plan.state not in (Plan.State.ISSUED, Plan.State.PUBLISHED):
            raise ValidationError(_("Kế hoạch chưa ban hành hoặc đã hoàn thành."))
        conferences = plan.conferences.all()
        if not conferences.exists():
            raise ValidationError(_("Kế hoạch chưa có hội nghị nào."))
        if conferences.exclude(state=Conference.State.CLOSED).exists():
            raise ValidationError(_("Còn hội nghị chưa hoàn thành việc trả lời ý kiến."))
        before = snapshot(plan)
        plan.state = Plan.State.DONE
        bump_version(plan)
        plan.save()
        record(actor=actor, action="plan.complete", obj=plan, before=before,
               after=snapshot(plan))
    return plan
