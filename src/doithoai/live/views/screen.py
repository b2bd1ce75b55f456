"""The hall's screen (a projector): the programme item, who has the floor and for how long,
the next in the queue, and the QR code to register from while the session is open — only when
phones can open its address (an address that works on this computer only is no use to the
hall: the secretary's console says what to do, the screen shows no code)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from doithoai.core.qr import svg_data_uri
from doithoai.live.selectors.screen import screen as screen_of
from doithoai.live.views.console import conference_of
from doithoai.live.views.registrations import reachable_from_phones, registration_url


@login_required
@require_GET
def screen(request, pk: int):
    conference = conference_of(request, pk)
    context = {"screen": screen_of(conference)}
    session = context["screen"].session
    if session is not None and session.is_open:  # the hall registers from this code
        url = registration_url(request, session)
        if reachable_from_phones(url):
            context.update(qr_image=svg_data_uri(url))
    return render(request, "live/screen.html", context)


@login_required
@require_GET
def screen_fragment(request, pk: int):
    conference = conference_of(request, pk)
    response = render(request, "live/_screen.html", {"screen": screen_of(conference)})
    response["Cache-Control"] = "no-store"
    return response
