"""Before the conference: the opinion board, a village's opinions, the Front's summary report
and the units' prepared answers. Thin: look up through the permission layer (404 outside the
user's scope), read through the selectors, change through the actions, render."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doithoai.core import dates
from doithoai.dialogues import rules
from doithoai.dialogues.actions import prepared_answers as prepared_answers_actions
from doithoai.dialogues.actions import village_opinions as village_opinions_actions
from doithoai.dialogues.models import Conference, Milestone
from doithoai.dialogues.selectors import milestones
from doithoai.dialogues.selectors import prepared_answers as prepared_answers_reads
from doithoai.dialogues.selectors import village_opinions as village_opinions_reads
from doithoai.dialogues.selectors.conferences import visible_conference
from doithoai.dialogues.views.common import optional_url
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404, visible
from doithoai.org.models import Village
from doithoai.petitions import rules as petition_rules
from doithoai.petitions.models import Petition
from doithoai.petitions.views.navigation import unit_officer_only


def _nav(request, conference: Conference) -> dict:
    current = request.resolver_match.view_name if request.resolver_match else ""
    links = [(name, label) for name, label in (
        ("dialogues:opinion_board", _("Ý kiến các thôn")),
        ("dialogues:front_report", _("Báo cáo tổng hợp của Mặt trận")),
        ("dialogues:prepared_answers", _("Nội dung chuẩn bị trả lời")),
    )]
    return {
        "conference": conference,
        "conference_url": optional_url("dialogues:conference_detail", conference.pk),
        "preparation_nav": [{"url": reverse(name, args=[conference.pk]), "label": label,
                             "current": name == current} for name, label in links],
    }


def _queue_query(user, conference: Conference) -> str:
    """The petitions queue filtered to this conference (the commune chosen too when the user
    sees several); "" for a unit officer only (his queue has no such filters)."""
    if unit_officer_only(user):
        return ""
    params = {"conference": conference.pk}
    if access.sees_several_agencies(user):
        params = {"agency": conference.agency_id, **params}
    return f"{reverse('petitions:queue')}?{urlencode(params)}"


def _filtered(queue: str, params: dict | None) -> str:
    """The queue link narrowed further ("" when there is no queue link or no filter)."""
    if not queue or params is None:
        return ""
    return f"{queue}&{urlencode(params)}"


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


# --- the board and a village -------------------------------------------------------------------

@login_required
@require_GET
def opinion_board(request, pk: int):
    conference = visible_conference(request.user, pk)
    board = village_opinions_reads.opinion_board(request.user, conference)
    queue = _queue_query(request.user, conference)
    roles = access.roles_for_rows(request.user, [r.village for r in board.rows if r.village])
    for row in board.rows:
        row.can_send = (row.village is not None
                        and village_opinions_reads.opinions_open(conference, row.village_return)
                        and rules.SEND_OPINIONS.allows(roles[row.village.pk]))
        village = {"village": row.village.pk} if row.village else None
        row.url = _filtered(queue, village) if row.total else ""
        row.links = [(n, _filtered(queue, {**village, "field": c.field_id})
                      if n and village and c.field_id else "")
                     for n, c in zip(row.cells, board.columns, strict=True)]
    columns = [(c, n, _filtered(queue, {"field": c.field_id}) if n and c.field_id else "")
               for c, n in zip(board.columns, board.column_totals, strict=True)]
    milestone = milestones.of_kind(conference, Milestone.Kind.VILLAGE_OPINIONS)
    return render(request, "dialogues/preparation/board.html", {
        **_nav(request, conference), "board": board, "milestone": milestone,
        "milestone_status": milestones.milestone_status(milestone) if milestone else "",
        "columns": columns, "queue": queue, "next_url": request.get_full_path(),
    })


@login_required
@require_GET
def village_opinions(request, pk: int, village_pk: int):
    conference = visible_conference(request.user, pk)
    village = get_visible_object_or_404(
        request.user, Village.objects.filter(agency=conference.agency_id), village_pk)
    village_return = village_opinions_reads.village_return(request.user, conference, village)
    due_on = village_opinions_reads.opinions_due(conference)
    sending = (village_opinions_reads.village_sending(conference, returns=[village_return])[0]
               if village_return else None)
    return render(request, "dialogues/preparation/village.html", {
        **_nav(request, conference), "village": village, "village_return": village_return,
        "due_on": due_on, "status": sending.status if sending else "", "sending": sending,
        "petitions": village_opinions_reads.village_petitions(request.user, conference, village),
        "can_send": (village_opinions_reads.opinions_open(conference, village_return)
                     and access.can(request.user, rules.SEND_OPINIONS, village)),
        "can_intake": (optional_url("intake:index") is not None
                       and access.holds(request.user, petition_rules.CHANGE)),
        "queue": _queue_query(request.user, conference),
        "next_url": request.get_full_path(),
    })


@login_required
@require_POST
def village_opinions_send(request, pk: int, village_pk: int):
    conference = visible_conference(request.user, pk)
    village = get_visible_object_or_404(
        request.user, Village.objects.filter(agency=conference.agency_id), village_pk)
    target = _safe_next(request, reverse("dialogues:village_opinions",
                                         args=[conference.pk, village.pk]))
    try:
        sent = village_opinions_actions.send_village_opinions(actor=request.user,
                                                              conference=conference,
                                                 village=village)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(target)
    messages.success(request, _("Đã ghi nhận %(village)s gửi ý kiến (%(n)s ý kiến).")
                     % {"village": village.name, "n": sent.opinions})
    if sent.late:
        messages.warning(request, _("%(village)s gửi sau hạn %(due)s: đã ghi nhận là gửi "
                                    "muộn.") % {"village": village.name,
                                                "due": dates.day(sent.due_on)})
    if sent.opinions == 0:
        messages.warning(request, _("%(village)s chưa có ý kiến nào được nhập cho hội nghị "
                                    "này.") % {"village": village.name})
    if sent.all_sent:
        messages.success(request, _("Tất cả các thôn đã gửi ý kiến: mốc “Thôn gửi ý kiến” "
                                    "đã được xác nhận hoàn thành."))
    return redirect(target)


# --- the Front's report ------------------------------------------------------------------------

@login_required
@require_GET
def front_report(request, pk: int):
    conference = visible_conference(request.user, pk)
    narrowed = not access.can(request.user, rules.SEE_EVERY_VILLAGE, conference)
    report = village_opinions_reads.front_report_data(conference, visible(Petition, request.user))
    return render(request, "dialogues/preparation/front_report.html", {
        **_nav(request, conference), "report": report, "narrowed": narrowed,
    })


# --- prepared answers --------------------------------------------------------------------------

def _answers_page(request, conference: Conference, *, errors=None, typed=None, status=200):
    rows = prepared_answers_reads.prepared_answer_rows(request.user, conference)
    errors, typed = errors or {}, typed or {}
    for row in rows:
        row.token = prepared_answers_reads.answer_token(row.answer)
        row.errors = errors.get(row.petition.pk, [])
        row.typed = typed.get(row.petition.pk, row.answer.text if row.answer else "")
    needed = [r for r in rows if r.needed]
    units = []
    for row in rows:
        label = row.petition.unit.name if row.petition.unit else _("Chưa giao đơn vị")
        if not units or units[-1]["label"] != label:
            units.append({"label": label, "rows": []})
        units[-1]["rows"].append(row)
    milestone = milestones.of_kind(conference, Milestone.Kind.PREPARED_ANSWERS)
    return render(request, "dialogues/preparation/answers.html", {
        **_nav(request, conference), "units": units, "total": len(rows),
        "needed": len(needed), "ready": sum(1 for r in needed if r.ready),
        "missing": sum(1 for r in needed if not r.ready),
        "unassigned": sum(1 for r in rows if not r.needed and not r.petition.unit_id),
        "milestone": milestone, "open": conference.state == Conference.State.PLANNED,
        "milestone_status": milestones.milestone_status(milestone) if milestone else "",
    }, status=status)


@login_required
@require_GET
def prepared_answers(request, pk: int):
    return _answers_page(request, visible_conference(request.user, pk))


@login_required
@require_POST
def prepared_answer_save(request, pk: int, petition_pk: int):
    conference = visible_conference(request.user, pk)
    petition = get_visible_object_or_404(
        request.user, Petition.objects.filter(conference=conference).select_related("unit"),
        petition_pk)
    text = request.POST.get("text", "")
    try:
        prepared_answers_actions.save_prepared_answer(actor=request.user, conference=conference,
                                                      petition=petition, text=text,
                                                      token=request.POST.get("token") or None)
    except ValidationError as exc:
        return _answers_page(request, conference, errors={petition.pk: exc.messages},
                             typed={petition.pk: text}, status=400)
    messages.success(request, _("Đã lưu nội dung chuẩn bị trả lời ý kiến %(code)s.")
                     % {"code": petition.tracking_code})
    url = reverse("dialogues:prepared_answers", args=[conference.pk])
    return redirect(f"{url}#y-kien-{petition.pk}")


urlpatterns = [
    path("hoi-nghi/<int:pk>/y-kien-cac-thon/", opinion_board, name="opinion_board"),
    path("hoi-nghi/<int:pk>/y-kien-cac-thon/<int:village_pk>/", village_opinions,
         name="village_opinions"),
    path("hoi-nghi/<int:pk>/y-kien-cac-thon/<int:village_pk>/da-gui/", village_opinions_send,
         name="village_opinions_send"),
    path("hoi-nghi/<int:pk>/bao-cao-mat-tran/", front_report, name="front_report"),
    path("hoi-nghi/<int:pk>/chuan-bi-tra-loi/", prepared_answers, name="prepared_answers"),
    path("hoi-nghi/<int:pk>/chuan-bi-tra-loi/<int:petition_pk>/", prepared_answer_save,
         name="prepared_answer_save"),
]
