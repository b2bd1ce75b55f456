"""Conferences: scheduled under a plan (programme, villages and milestones seeded), changed
while planned (a new date moves every milestone; once invitations went out a change needs a
reason and confirmation)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doithoai.audit.conflicts import bump_version, check_version
from doithoai.audit.services import record, require_reason, snapshot
from doithoai.core.text import nfc
from doithoai.dialogues import defaults, rules
from doithoai.dialogues.actions.milestones import sync_milestones
from doithoai.dialogues.models import AgendaItem, Conference, Invitation, Plan, VillageReturn
from doithoai.dialogues.selectors import conference_links
from doithoai.dialogues.selectors.conferences import check_hall, covered_villages
from doithoai.dialogues.selectors.schedule import change_impact, check_date, year_error
from doithoai.org import access
from doithoai.org.models import Person, Unit
from doithoai.petitions.actions import deadlines as petition_deadlines

CONFERENCE_FIELDS = ("title", "held_on", "starts_at", "venue", "mode", "online_link",
                     "hall_capacity", "chair", "co_chair", "secretary", "topics",
                     "speaker_minutes", "answer_workdays", "complex_answer_workdays")


def locked_conference(conference: Conference) -> Conference:
    """The conference's row read again and locked until the transaction ends (two people
    changing one conference, its lists or its outcome wait for each other)."""
    return Conference.objects.select_for_update().get(pk=conference.pk)


def schedule_conference(*, actor, plan: Plan, data: dict, villages=None,
                        today: dt.date | None = None) -> Conference:
    """A conference under the plan: programme seeded from the plan, milestones computed when
    the date is known, a return expected from each covered village."""
    access.require(actor, rules.MANAGE, plan)
    if plan.state == Plan.State.DONE:
        raise ValidationError(_("Kế hoạch đã hoàn thành, không thêm hội nghị được nữa."))
    data = {k: v for k, v in data.items() if k in CONFERENCE_FIELDS}
    check = check_date(data.get("held_on"), today=today)
    year = year_error(plan, data.get("held_on"))
    if check.errors or year:
        raise ValidationError({"held_on": [*check.errors, *([year] if year else [])]})
    with transaction.atomic():
        conference = Conference(agency=plan.agency, plan=plan, **data)
        _default_people(conference, plan, actor)
        conference.title = conference.title or _default_title(plan)
        conference.venue = conference.venue or plan.venue
        conference.topics = conference.topics or plan.content
        conference.answer_workdays = data.get("answer_workdays") or plan.answer_workdays
        conference.complex_answer_workdays = (data.get("complex_answer_workdays")
                                              or plan.complex_answer_workdays)
        conference.save()
        if villages:
            conference.villages.set(villages)
        refusal = check_hall(conference)
        if refusal:
            raise ValidationError({"hall_capacity": refusal})
        AgendaItem.objects.bulk_create([
            AgendaItem(conference=conference, order=i, title=line,
                       minutes=defaults.agenda_minutes(line))
            for i, line in enumerate(Plan.lines(plan.programme))])
        VillageReturn.objects.bulk_create([
            VillageReturn(conference=conference, village=v) for v in covered_villages(conference)])
        sync_milestones(conference)
        record(actor=actor, action="conference.create", obj=conference,
               after=snapshot(conference))
    return conference


def _default_people(conference: Conference, plan: Plan, actor) -> None:
    """The usual chair (the plan's signer), co-chair (the People's Council's standing
    member) and secretary (the clerk scheduling it), where the office chose nobody."""

    if conference.chair_id is None:
        conference.chair = plan.signer
    if conference.co_chair_id is None:
        conference.co_chair = (Person.objects.filter(agency=plan.agency,
                                                     unit__kind=Unit.Kind.COUNCIL)
                               .order_by("pk").first())
    if conference.secretary_id is None:
        person = getattr(actor, "person", None) if actor is not None else None
        if person is not None and person.agency_id == plan.agency_id:
            conference.secretary = person


def _default_title(plan: Plan) -> str:
    n = plan.conferences.count() + 1
    short = defaults.short_name(plan.agency)
    return f"Hội nghị đối thoại với Nhân dân {short} năm {plan.year}" + (
        f" (lần {n})" if n > 1 else "")


def update_conference(*, actor, conference: Conference, data: dict, villages=None,
                      reason: str = "", confirmed: bool = False, version: int | None = None,
                      today: dt.date | None = None) -> Conference:
    """Change a planned conference. A new date moves every milestone; once invitations went
    out, a change of date, time or place needs a reason and confirmation, and the invitations
    are marked to be sent again."""

    access.require(actor, rules.MANAGE, conference)
    data = {k: v for k, v in data.items() if k in CONFERENCE_FIELDS}
    with transaction.atomic():
        conference = locked_conference(conference)
        check_version(conference, version)
        if conference.state != Conference.State.PLANNED:
            raise ValidationError(_("Hội nghị đã diễn ra: không đổi thông tin tổ chức được "
                                    "nữa."))
        moved = any(name in data and data[name] != getattr(conference, name)
                    for name in ("held_on", "starts_at", "venue"))
        impact = change_impact(conference, data.get("held_on", conference.held_on), today)
        if "held_on" in data and data["held_on"] != conference.held_on and \
                impact.date_check.errors:
            raise ValidationError({"held_on": impact.date_check.errors})
        sent = Invitation.objects.filter(delegate__conference=conference).exclude(sent_at=None)
        if moved and sent.exists():
            if not confirmed:
                raise ValidationError(_("Giấy mời đã gửi cho %(n)s đại biểu: hãy xác nhận thay "
                                        "đổi; giấy mời sẽ được đánh dấu cần gửi lại.")
                                      % {"n": sent.count()})
            reason = require_reason(reason)
        elif (impact.impossible or impact.late_done) and "held_on" in data and not confirmed:
            steps = [*impact.impossible, *impact.late_done]
            raise ValidationError(_("Với ngày mới, có việc không còn kịp hạn: %(list)s. Hãy "
                                    "xác nhận nếu vẫn đổi.")
                                  % {"list": "; ".join(f"{d.title} ({d.rule})" for d in steps)})
        before = snapshot(conference)
        for name, value in data.items():
            setattr(conference, name, nfc(value) if isinstance(value, str) else value)
        bump_version(conference)
        conference.save()
        if villages is not None:
            conference.villages.set(villages)
            _sync_village_returns(conference)
        refusal = check_hall(conference)
        if refusal:
            raise ValidationError({"hall_capacity": refusal})
        if moved:
            sent.update(needs_resend=True)
        petition_deadlines.keep_conference_terms(conference.petitions.all(),
                                                 conference_links.terms(conference))
        sync_milestones(conference)
        record(actor=actor, action="conference.update", obj=conference, before=before,
               after=snapshot(conference), reason=reason)
    return conference


def _sync_village_returns(conference: Conference) -> None:
    wanted = {v.pk for v in covered_villages(conference)}
    have = set(conference.village_returns.values_list("village_id", flat=True))
    VillageReturn.objects.bulk_create([
        VillageReturn(conference=conference, village_id=pk) for pk in wanted - have])
    conference.village_returns.filter(village_id__in=have - wanted, opinions_sent_at=None,
                                      delegates_sent_at=None).delete()
