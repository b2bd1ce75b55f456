"""Live room pages: the secretary's console and the chair's tablet (one page each, a polled
state fragment, one POST endpoint for every change), the projector view for the hall's
screen, and the record of one speaker."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.dialogues.models import Conference
from doithoai.documents.drawing.qr import svg_data_uri
from doithoai.live import actions, console, minutes, projector, public_views, services
from doithoai.live.models import Session
from doithoai.org.access import get_visible_object_or_404


def _conference(request, pk: int) -> Conference:
    return get_visible_object_or_404(request.user, Conference.objects.select_related("agency"),
                                     pk)


def _office_conference(request, pk: int) -> Conference:
    conference = _conference(request, pk)
    services.require_office(request.user, conference)
    return conference


def _session(conference: Conference) -> Session | None:
    return Session.objects.filter(conference=conference).first()


def _page(request, pk: int, template: str, view: str):
    conference = _office_conference(request, pk)
    session = _session(conference)
    context = {"conference": conference, "view": view, **console.state(session),
               "action_labels": {key: str(label) for key, label in actions.LABELS.items()},
               **console.choices(conference, session)}
    if session is not None:
        url = public_views.registration_url(request, session)
        context.update(qr_url=url, qr_image=svg_data_uri(url),
                       qr_reachable=public_views.reachable_from_phones(url))
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
    conference = _office_conference(request, pk)
    response = render(request, "live/_state.html",
                      {"conference": conference, "view": request.GET.get("view", "secretary"),
                       **console.state(_session(conference))})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def speaker_fragment(request, pk: int, registration: int):
    """The record of one speaker: what was said and what became of it, with its forms."""
    conference = _office_conference(request, pk)
    session = _session(conference)
    if session is None:
        return render(request, "live/_speaker.html", {"row": None})
    row = session.registrations.select_related("village", "petition__unit").filter(
        pk=registration).first()
    context = {"conference": conference, "session": session, "row": row,
               "view": request.GET.get("view", "secretary"),
               "minutes_adopted": minutes.adopted(conference) is not None,
               **console.choices(conference, session)}
    if row is not None:
        context["outcome"], context["settled"] = console.outcome_label(row)
        context["answer"] = (row.petition.answers.filter(at_conference=True).first()
                             if row.petition_id else None)
    response = render(request, "live/_speaker.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def open_page(request, pk: int):
    conference = _conference(request, pk)
    try:
        services.open_session(actor=request.user, conference=conference)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("dialogues:conference_detail", pk=conference.pk)
    return redirect("live:console", pk=conference.pk)


@login_required
@require_POST
def act(request, pk: int):
    """One change from the console or the tablet; JSON back: the message, or the refusal."""
    conference = _conference(request, pk)
    session = _session(conference)
    try:
        services.require_office(request.user, conference)
        if session is None:
            raise ValidationError(_("Phiên họp chưa được mở."))
        done = actions.perform(request.user, session, request.POST)
    except PermissionDenied as exc:
        return JsonResponse({"error": str(exc)}, status=403)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"message": done.message, "selected": done.selected,
                         "minutes_version": done.minutes_version})


@login_required
@require_GET
def screen(request, pk: int):
    conference = _conference(request, pk)
    context = {"screen": projector.screen(conference)}
    session = context["screen"].session
    if session is not None and session.is_open:  # the hall registers from this code
        url = public_views.registration_url(request, session)
        context.update(qr_image=svg_data_uri(url))
    return render(request, "live/screen.html", context)


@login_required
@require_GET
def screen_fragment(request, pk: int):
    conference = _conference(request, pk)
    response = render(request, "live/_screen.html", {"screen": projector.screen(conference)})
    response["Cache-Control"] = "no-store"
    return response
