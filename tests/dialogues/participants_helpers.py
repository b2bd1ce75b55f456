"""Helpers of the participants' tests (tests/dialogues/test_participants.py and
test_invitations.py): a village by name, the state a refusal must leave untouched, citizens added
to a village's list. Their fixtures (`built`, `village_head`, `front`) are in conftest.py."""

from doithoai.audit.models import AuditEvent
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.dialogues.models import Delegate, Invitation, ParticipantGroup, VillageReturn
from doithoai.org.models import Village

Side = ParticipantGroup.Side


def village_of(commune, name="Thôn Nà Pàn"):
    return Village.objects.get(agency=commune, name=name)


def untouched(conference):
    """Everything a refusal must leave untouched."""
    return (
        sorted(Delegate.objects.filter(conference=conference)
               .values_list("pk", "full_name", "position", "phone", "side")),
        sorted(Invitation.objects.filter(delegate__conference=conference)
               .values_list("pk", "code", "state", "sent_at", "sent_late", "needs_resend",
                            "responded_at", "checked_in_at")),
        sorted(VillageReturn.objects.filter(conference=conference)
               .values_list("pk", "citizen_seats", "delegates_sent_at")),
        AuditEvent.objects.count(),
    )


def add_citizens(conference, clerk, village, n, start=0):
    return [delegates_actions.add_delegate(actor=clerk, conference=conference, side=Side.CITIZEN,
                                           village=village, full_name=f"Hoàng Văn Dân {start + i}",
                                           position="Đại diện hộ gia đình", phone="0912 345 678")
            for i in range(n)]
