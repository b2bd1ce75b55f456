"""The slips the secretary prints at the end for those registered on paper (their phone shows
them nothing): one per registrant whose words became a petition, with his number, his name
(only the number for one not to be named), the tracking code, the tracking address and how to
follow. A4, several slips a page, cut along the lines."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from doithoai.core.qr import svg_data_uri
from doithoai.live import rules
from doithoai.live.selectors.outcomes import slips, waiting_for_codes
from doithoai.live.selectors.sessions import session_of
from doithoai.live.views.console import conference_of
from doithoai.live.views.registrations import public_address
from doithoai.org import access

# Everyone who registered, not only on paper (a phone lost, an opinion sent before).
EVERYONE = "tat-ca"


@login_required
@require_GET
def slips_page(request, pk: int):
    conference = conference_of(request, pk)
    access.require(request.user, rules.RUN_SESSION, conference)
    session = session_of(conference)
    everyone = request.GET.get(EVERYONE) == "1"
    rows = slips(session, everyone=everyone) if session is not None else []
    track = public_address(request, reverse("public:track"))
    cards = [{"slip": slip, "link": public_address(
        request, reverse("public:track_code", args=[slip.code]))} for slip in rows]
    for card in cards:
        card["qr"] = svg_data_uri(card["link"], scale=3)
    return render(request, "live/slips.html", {
        "conference": conference, "session": session, "cards": cards, "everyone": everyone,
        "track_address": track, "everyone_param": EVERYONE,
        "later": waiting_for_codes(session, everyone=everyone) if session is not None else 0,
    })
