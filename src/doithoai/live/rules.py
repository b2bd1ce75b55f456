"""Who may run the live room. The office (clerk, leader: the secretary and the chair) runs
the session; a citizen registers himself from the hall's QR code without an account (the QR
form's own limits guard it, not a rule)."""

from django.utils.translation import gettext_lazy as _

from doithoai.org import access

REFUSAL = _("Chỉ thư ký, chủ trì (Văn phòng, lãnh đạo UBND) điều hành phiên họp.")

# Open the session, see the console and the chair's tablet, take registrations, call the
# speakers, move the programme on, record what was said, close the session.
RUN_SESSION = access.rule("live.run_session", access.OFFICE_ROLES, REFUSAL)
# The chair's decisions on what was said: move a speaker ahead, answer in the hall, assign a
# unit, send to the complaint or denunciation procedure, conclude.
DECIDE = access.rule("live.decide", access.OFFICE_ROLES, REFUSAL)
# Write the minutes' draft and adopt them at the end of the session.
KEEP_MINUTES = access.rule("live.keep_minutes", access.OFFICE_ROLES, REFUSAL)

