"""Every registrant has an outcome: when the session ends, whoever registered to speak and was
not heard — still waiting, or withdrawn with something to say — becomes a petition of the
conference (channel "registered to speak"), received on the conference day and answered in
writing within the conference's answer time like any other opinion of it. Everything goes
through the petitions' intake, so the tracking code, the due date, the conference link and
the petition's own history are those of every petition.

The law holds as for a speaker recorded in the hall: the kind the words suggest applies (a
complaint or denunciation is on its own track from the start, never answered as an opinion,
`core.petition_flow`), and whoever was confidential before the hall (asked for it, or
denounces) stays anonymous to the public.

Done once per registration, whatever calls it again (the session's close, the minutes'
adoption for a session closed before this existed): a registration that already has a
petition keeps it, and the petition's key is the one `speeches.record_speech` uses, so a
registration has one petition however it came."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from doithoai.audit.services import record
from doithoai.core.kind_hints import suggested_kind
from doithoai.core.petition_flow import PROCEDURE_KINDS
from doithoai.live.models import Registration, Session
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel, Kind

# The petition's key: the same as `speeches.KEY` (one registration, one petition).
KEY = "live-{session}-{number}"
# Stored as the opinion when the registrant gave no topic (plain Vietnamese, as petitions
# store what citizens and pages read).
NO_TOPIC = ("Đăng ký phát biểu tại hội nghị nhưng chưa được trình bày; người đăng ký chưa ghi "
            "nội dung muốn phát biểu.")


def _pending(session: Session):
    """Those not heard who have no petition yet: still waiting, or withdrawn with a topic."""
    return (session.registrations.select_for_update()
            .filter(petition=None)
            .filter(Q(state=Registration.State.WAITING)
                    | (Q(state=Registration.State.WITHDRAWN) & ~Q(topic="")))
            .order_by("number"))


def kind_of(row: Registration) -> str:
    """The kind the registrant's words suggest (an opinion when they say neither)."""
    hint = suggested_kind(row.topic)
    return hint if hint in PROCEDURE_KINDS else Kind.OPINION


def settle(*, actor, session: Session) -> list[Registration]:
    """Inside the caller's transaction, the session locked and closed: each registrant not
    heard becomes a petition of the conference; one audit event names them all. Returns the
    registrations that got one now (none the second time)."""
    rows = list(_pending(session))
    if not rows:
        return []
    conference = session.conference
    for row in rows:
        petition = intake.receive(intake.Intake(
            agency=conference.agency, text=row.topic.strip() or NO_TOPIC,
            channel=Channel.REGISTERED, received_on=conference.held_on, kind=kind_of(row),
            village_id=row.village_id, conference=conference,
            # Not named to the public when not named before the hall; a denunciation by its
            # words is confidential (`Registration.is_confidential`).
            petitioners=[intake.PetitionerData(
                full_name=row.full_name, village_id=row.village_id,
                anonymous_to_public=row.is_confidential)],
            submission_key=KEY.format(session=session.pk, number=row.number)), actor=actor)
        row.petition = petition
    Registration.objects.bulk_update(rows, ["petition"])
    record(actor=actor, action="live.outcomes", obj=session,
           after={"petitions": {str(row.number): row.petition_id for row in rows}},
           reason=_("Người đăng ký phát biểu chưa được trình bày: chuyển thành ý kiến, kiến "
                    "nghị của hội nghị, trả lời bằng văn bản"))
    return rows
