"""The secretary's console and the chair's tablet: one page each, a polled state fragment,
the record of one speaker, and one POST endpoint for every change (done through
`live.actions.console_requests`, once per device key). Opening the session is a form on the
conference page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core.qr import svg_data_uri
from doithoai.dialogues.models import Conference
from doithoai.live import rules
from doithoai.live.actions import console_requests, sessions
from doithoai.live.selectors import console
from doithoai.live.selectors.minutes import adopted
from doithoai.live.selectors.sessions import session_of
from doithoai.live.views.registrations import reachable_from_phones, registration_url
from doithoai.org import access


def conference_of(request, pk: int) -> Conference:
    return access.get_visible_object_or_404(request.user,
                                            Conference.objects.select_related("agency"), pk)


def _console_conference(request, pk: int) -> Conference:
    conference = conference_of(request, pk)
    access.require(request.user, rules.RUN_SESSION, conference)
    return conference


def _page(request, pk: int, template: str, view: str):
    conference = _console_conference(request, pk)
    session = session_of(conference)
    context = {"conference": conference, "view": view, **console.state(session),
               "action_labels": {key: str(label)
                                 for key, label in console_requests.LABELS.items()},
               **console.choices(conference, session)}
    if session is not None:
        url = registration_url(request, session)
        context.update(qr_url=url, qr_image=svg_data_uri(url),
                       qr_reachable=reachable_from_phones(url))
    return render(request, template, context)


@login_required
@require_GET
def console_page(request, pk: int):
    return _page(request, pk, "live/console.html", "secretary")


@login_required
@require_GET
def chair_page(request, pk: int):
    return _page(request, pk, "live/console.html", "chair")


@login_required
@require_GET
def state_fragment(request, pk: int):
    conference = _console_conference(request, pk)
    response = render(request, "live/_state.html",
                      {"conference": conference, "view": request.GET.get("view", "secretary"),
                       **console.state(session_of(conference))})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def speaker_fragment(request, pk: int, registration: int):
    """The record of one speaker: what was said and what became of it, with its forms."""
    conference = _console_conference(request, pk)
    session = session_of(conference)
    if session is None:
        return render(request, "live/_speaker.html", {"row": None})
    context = {"conference": conference, "session": session,
               "view": request.GET.get("view", "secretary"),
               "minutes_adopted": adopted(conference) is not None,
               **console.choices(conference, session),
               **console.speaker_record(session, registration)}
    response = render(request, "live/_speaker.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def answer_preview_fragment(request, pk: int, registration: int):
    """The public copy of the answer being typed (names masked), before it is recorded and
    so published; reads only."""
    conference = _console_conference(request, pk)
    session = session_of(conference)
    text = console.hall_answer(request.GET.get("text", ""), request.GET.get("addition", ""))
    previews = console.answer_preview(session, registration, text) if session else []
    response = render(request, "petitions/_public_preview.html", {"public_preview": previews})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def open_page(request, pk: int):
    conference = conference_of(request, pk)
    try:
        sessions.open_session(actor=request.user, conference=conference)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("dialogues:conference_detail", pk=conference.pk)
    return redirect("live:console", pk=conference.pk)


@login_required
@require_POST
def act(request, pk: int):
    """One change from the console or the tablet; JSON back: the message, or the refusal."""
    conference = conference_of(request, pk)
    session = session_of(conference)
    try:
        access.require(request.user, rules.RUN_SESSION, conference)
        if session is None:
            raise ValidationError(_("Phiên họp chưa được mở."))
        done = console_requests.perform(request.user, session, request.POST)
    except PermissionDenied as exc:
        return JsonResponse({"error": str(exc)}, status=403)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"message": done.message, "selected": done.selected,
                         "minutes_version": done.minutes_version,
                         "link": dict(zip(("href", "label"), done.link, strict=True))
                         if done.link else None})
