"""After the session: the outcome recorded, the conclusion written and its notice issued, the
conference closed once every petition is answered or escalated.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doithoai.audit.conflicts import bump_version, check_version
from doithoai.audit.services import record, snapshot
from doithoai.core import dates
from doithoai.core.text import nfc
from doithoai.dialogues import rules
from doithoai.dialogues.actions.conferences import locked_conference
from doithoai.dialogues.actions.milestones import confirm_automatic
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors.conferences import checked_in_count, unsettled
from doithoai.org import access


def record_outcome(*, actor, conference: Conference, outcome: str, attendance: int | None,
                   version: int | None = None) -> Conference:
    """The secretary records the session by hand (until the live room's minutes do it):
    the conference is held."""
    access.require(actor, rules.MANAGE, conference)
    outcome = nfc(outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Hãy ghi tóm tắt kết quả hội nghị.")})
    with transaction.atomic():
        conference = locked_conference(conference)
        check_version(conference, version)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã được ghi nhận là đã tổ chức."))
        if conference.held_on is None or conference.held_on > timezone.localdate():
            raise ValidationError(_("Chưa đến ngày tổ chức hội nghị."))
        before = snapshot(conference)
        conference.state, conference.outcome = Conference.State.HELD, outcome
        conference.attendance = attendance if attendance is not None else checked_in_count(
            conference)
        conference.held_recorded_at = timezone.now()
        bump_version(conference)
        conference.save()
        record(actor=actor, action="conference.held", obj=conference, before=before,
               after=snapshot(conference))
    return conference


def set_conclusion(*, actor, conference: Conference, conclusion: str,
                   version: int | None = None) -> Conference:
    """The chair's conclusion written down before the notice is issued (held only): the
    notice is rendered from it."""
    access.require(actor, rules.MANAGE, conference)
    conclusion = nfc(conclusion or "").strip()
    if not conclusion:
        raise ValidationError({"conclusion": _("Hãy ghi nội dung kết luận.")})
    with transaction.atomic():
        conference = locked_conference(conference)
        check_version(conference, version)
        if conference.state != Conference.State.HELD:
            raise ValidationError(_("Chỉ ban hành thông báo kết luận sau khi hội nghị đã tổ "
                                    "chức và chưa có thông báo kết luận."))
        if conference.conclusion == conclusion:
            return conference
        before = snapshot(conference)
        conference.conclusion = conclusion
        bump_version(conference)
        conference.save()
        record(actor=actor, action="conference.conclusion_text", obj=conference,
               before=before, after=snapshot(conference))
    return conference


def issue_conclusion(*, actor, conference: Conference, number: str, concluded_on: dt.date,
                     conclusion: str, version: int | None = None) -> Conference:
    """The conclusion notice is issued (held → concluded); its milestone is confirmed."""
    access.require(actor, rules.MANAGE, conference)
    number, conclusion = nfc(number).strip(), nfc(conclusion or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Hãy ghi số thông báo kết luận (ví dụ 45/TB-UBND).")
    if not conclusion:
        errors["conclusion"] = _("Hãy ghi nội dung kết luận.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conference = locked_conference(conference)
        check_version(conference, version)
        if conference.state != Conference.State.HELD:
            raise ValidationError(_("Chỉ ban hành thông báo kết luận sau khi hội nghị đã tổ "
                                    "chức và chưa có thông báo kết luận."))
        if concluded_on < conference.held_on or concluded_on > timezone.localdate():
            raise ValidationError({"concluded_on": _("Ngày thông báo phải từ ngày hội nghị "
                                                     "đến hôm nay.")})
        before = snapshot(conference)
        conference.state = Conference.State.CONCLUDED
        conference.conclusion_number, conference.concluded_on = number, concluded_on
        conference.conclusion = conclusion
        bump_version(conference)
        conference.save()
        record(actor=actor, action="conference.conclude", obj=conference, before=before,
               after=snapshot(conference))
        confirm_automatic(conference, Milestone.Kind.CONCLUSION_NOTICE,
                          f"Thông báo kết luận số {number} ngày {dates.day(concluded_on)}", actor,
                          done_on=concluded_on)
    return conference


def close_conference(*, actor, conference: Conference, version: int | None = None
                     ) -> Conference:
    """Every petition of the conference is answered or escalated: the conference is closed."""
    access.require(actor, rules.MANAGE, conference)
    with transaction.atomic():
        conference = locked_conference(conference)
        check_version(conference, version)
        if conference.state != Conference.State.CONCLUDED:
            raise ValidationError(_("Chỉ hoàn thành được hội nghị đã có thông báo kết luận."))
        left = unsettled(conference).count()
        if left:
            raise ValidationError(ngettext(
                "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.",
                "Còn %(n)s ý kiến chưa được trả lời hoặc chuyển cấp trên.", left) % {"n": left})
        before = snapshot(conference)
        conference.state, conference.closed_at = Conference.State.CLOSED, timezone.now()
        bump_version(conference)
        conference.save()
        record(actor=actor, action="conference.close", obj=conference, before=before,
               after=snapshot(conference))
        confirm_automatic(conference, Milestone.Kind.WRITTEN_ANSWERS,
                          "Mọi ý kiến của hội nghị đã được trả lời hoặc chuyển cấp trên", actor)
    return conference
