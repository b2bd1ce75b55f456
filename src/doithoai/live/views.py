"""Live room pages: the projector view for the hall's screen (a page and the fragment it
polls every second)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doithoai.dialogues.models import Conference
from doithoai.live import projector
from doithoai.org.access import get_visible_object_or_404


def _conference(request, pk: int) -> Conference:
    return get_visible_object_or_404(request.user, Conference.objects.select_related("agency"),
                                     pk)


@login_required
@require_GET
def screen(request, pk: int):
    conference = _conference(request, pk)
    return render(request, "live/screen.html", {"screen": projector.screen(conference)})


@login_required
@require_GET
def screen_fragment(request, pk: int):
    conference = _conference(request, pk)
    response = render(request, "live/_screen.html", {"screen": projector.screen(conference)})
    response["Cache-Control"] = "no-store"
    return response
