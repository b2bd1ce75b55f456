"""The follow-up as the demo opens it: the office has already urged, today, the unit with the
most overdue answers, so that the follow-up page shows when and by whom, a second urge is
refused without a reason, and its written reminder (công văn đôn đốc) can be printed."""

from __future__ import annotations

from django.db.models import Count

from doithoai.demo.timeline import Timeline
from doithoai.org.models import Agency, Unit, User
from doithoai.petitions import notify
from doithoai.petitions.actions import urges
from doithoai.petitions.models import Urge
from doithoai.petitions.selectors.deadlines import today_info
from doithoai.petitions.selectors.follow_up import waiting_for_unit

AGENCY_CODE = "ubnd-xa-diem-he"
CLERK = "vanphong"


def urge_latest_unit(timeline: Timeline) -> Urge | None:
    """Urge the unit with the most overdue answers, once (idempotent); sends nothing."""
    agency = Agency.objects.filter(code=AGENCY_CODE).first()
    clerk = User.objects.filter(username=CLERK).first()
    if agency is None or clerk is None:
        return None
    done = Urge.objects.filter(agency=agency).first()
    if done is not None:
        return done
    today = today_info(timeline.today)
    late = (waiting_for_unit(clerk, today, agency=agency).filter(due_date__lt=today.today)
            .order_by().values("unit").annotate(n=Count("pk")).order_by("-n", "unit").first())
    if late is None:
        return None
    with notify.muted():
        return urges.urge_unit(actor=clerk, unit=Unit.objects.get(pk=late["unit"]),
                               today=today).urge
