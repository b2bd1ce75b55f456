"""The live room's box on the conference page: open the session on the day, or go to the
console, the chair's view and the hall's screen (who may: `live.run_session`, asked in the
template)."""

from django import template
from django.utils import timezone

from doithoai.dialogues.models import Conference
from doithoai.live.selectors.sessions import session_of

register = template.Library()


@register.inclusion_tag("live/_conference_box.html", takes_context=True)
def live_room(context, conference: Conference):
    session = session_of(conference)
    today = conference.held_on == timezone.localdate()
    return {
        "conference": conference, "session": session, "request": context["request"],
        "may_open": session is None and today and conference.state == Conference.State.PLANNED,
        "csrf_token": context.get("csrf_token"),
    }
