"""The live room's box on the conference page: open the session on the day, or go to the
console, the chair's view and the hall's screen."""

from django import template
from django.utils import timezone

from doithoai.dialogues.models import Conference
from doithoai.live.models import Session
from doithoai.org.access import OFFICE_ROLES, acting_roles
from doithoai.org.models import Role

register = template.Library()


@register.inclusion_tag("live/_conference_box.html", takes_context=True)
def live_room(context, conference: Conference):
    user = context["request"].user
    roles = acting_roles(user, conference)
    session = Session.objects.filter(conference=conference).first()
    today = conference.held_on == timezone.localdate()
    return {
        "conference": conference, "session": session,
        "office": bool(roles & OFFICE_ROLES) or Role.ADMIN in roles,
        "may_open": session is None and today and conference.state == Conference.State.PLANNED,
        "csrf_token": context.get("csrf_token"),
    }
