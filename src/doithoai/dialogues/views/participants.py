"""Participants pages: the office's delegate list and invitations, a village's own list, the
printable invitation list, and check-in at the door (works with and without JavaScript; the
live count is refreshed by htmx polling)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from doithoai.core import dates
from doithoai.dialogues import rules
from doithoai.dialogues.actions import check_in, invitations
from doithoai.dialogues.actions import delegates as delegates_actions
from doithoai.dialogues.forms.common import add_service_errors
from doithoai.dialogues.forms.delegates import (
    CheckInForm,
    DelegateForm,
    OfficeDelegateForm,
    QuotaForm,
    SendForm,
    WalkInForm,
)
from doithoai.dialogues.models import Conference, Delegate, Invitation, ParticipantGroup
from doithoai.dialogues.selectors import delegates as delegates_reads
from doithoai.dialogues.selectors.conferences import covered_villages, visible_conference
from doithoai.org import access
from doithoai.org.access import get_visible_object_or_404
from doithoai.org.models import Village

Side = ParticipantGroup.Side


def _error(request, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def _delegates_url(conference: Conference) -> str:
    return reverse("dialogues:delegates", args=[conference.pk])


def _village_url(conference: Conference, village) -> str:
    return reverse("dialogues:village_delegates", args=[conference.pk, village.pk])


# -- the office's page --------------------------------------------------------------------------


@login_required
@require_GET
def delegates(request, pk: int):
    conference = visible_conference(request.user, pk)
    own = delegates_reads.own_village(request.user, conference)
    if own is not None:
        return redirect(_village_url(conference, own))
    villages = covered_villages(conference)
    rows = delegates_reads.village_rows(conference, villages)
    listed = delegates_reads.listed(request.user, conference)
    by_village: dict[int, list[Delegate]] = {}
    for d in listed:
        if d.village_id:
            by_village.setdefault(d.village_id, []).append(d)
    commune = [d for d in listed if d.side == Side.COMMUNE and not d.village_id]
    extra = [d for d in listed if d.side == Side.EXTRA]
    office = access.can(request.user, rules.MANAGE, conference)
    counts = delegates_reads.counts(conference)
    to_send = counts["invited"] - counts["sent"] + counts["needs_resend"]
    return render(request, "dialogues/participants/delegates.html", {
        "conference": conference, "office": office, "rows": rows,
        "village_blocks": [(row, by_village.get(row.village.pk, [])) for row in rows],
        "commune": commune, "extra": extra, "counts": counts, "to_send": to_send,
        "sending": delegates_reads.sending_summary(conference),
        "not_sent": [r for r in rows if not r.village_return.delegates_sent_at],
        "late_lists": [r for r in rows if r.late],
        "lists_due": delegates_reads.delegate_lists_due(conference),
        "invitations_due": delegates_reads.invitations_due(conference),
        "late_due": delegates_reads.sending_late(conference) if to_send else None,
        "send_form": SendForm(),
        "add_form": OfficeDelegateForm(villages=villages, agency=conference.agency)
        if office else None,
        "role_seats": delegates_reads.village_role_seats(conference),
    })


def _office_action(request, pk: int, action) -> Conference:
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    try:
        action(conference)
    except ValidationError as exc:
        _error(request, exc)
    return conference


@login_required
@require_POST
def build(request, pk: int):
    def act(conference):
        added = delegates_actions.build_delegates(actor=request.user, conference=conference)
        if added:
            messages.success(request, _("Đã lập danh sách từ thành phần của kế hoạch: thêm "
                                        "%(n)s đại biểu.") % {"n": added})
        else:
            messages.info(request, _("Danh sách đã đủ theo thành phần của kế hoạch, không thêm "
                                     "ai."))
    return redirect(_delegates_url(_office_action(request, pk, act)))


@login_required
@require_POST
def add(request, pk: int):
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    form = OfficeDelegateForm(request.POST, villages=covered_villages(conference),
                              agency=conference.agency)
    if form.is_valid():
        try:
            d = delegates_actions.add_delegate(actor=request.user, conference=conference,
                                               **form.cleaned_data)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": d})
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect(_delegates_url(conference))


@login_required
@require_POST
def prepare(request, pk: int):
    def act(conference):
        made = invitations.prepare_invitations(actor=request.user, conference=conference)
        if made:
            messages.success(request, _("Đã chuẩn bị %(n)s giấy mời, mỗi giấy một mã điểm "
                                        "danh.") % {"n": made})
        waiting = delegates_reads.unnamed_seats(conference)
        if waiting:
            messages.warning(request, _("%(n)s chỗ chưa ghi tên người dự nên chưa có giấy mời; "
                                        "giấy mời được chuẩn bị khi đã ghi tên.") % {"n": waiting})
        elif not made:
            messages.info(request, _("Mọi đại biểu đã có giấy mời."))
    return redirect(_delegates_url(_office_action(request, pk, act)))


@login_required
@require_POST
def send(request, pk: int):
    form = SendForm(request.POST)
    form.is_valid()

    def act(conference):
        result = invitations.send_invitations(actor=request.user, conference=conference,
                                              late_ok=form.cleaned_data.get("confirm_late", False))
        if result.late:
            messages.warning(request, _("Đã gửi %(n)s giấy mời; hạn gửi là %(d)s nên các giấy "
                                        "mời này được ghi là gửi sau hạn.")
                             % {"n": result.count, "d": dates.day(result.due_on)})
        else:
            messages.success(request, _("Đã ghi nhận gửi %(n)s giấy mời.") % {"n": result.count})
    return redirect(_delegates_url(_office_action(request, pk, act)))


@login_required
@require_POST
def respond(request, pk: int, invitation_pk: int):
    conference = visible_conference(request.user, pk)
    invitation = get_visible_object_or_404(
        request.user, Invitation.objects.filter(delegate__conference=conference)
        .select_related("delegate"), invitation_pk)
    answer = request.POST.get("answer")
    if answer not in ("confirmed", "declined"):
        messages.error(request, _("Hãy chọn tham dự hoặc báo vắng."))
    else:
        try:
            invitations.record_response(actor=request.user, invitation=invitation,
                                        confirmed=answer == "confirmed")
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã ghi trả lời của %(name)s.")
                             % {"name": invitation.delegate})
    return redirect(_delegates_url(conference))


@login_required
@require_GET
def invitation_list(request, pk: int):
    """The printable list: every invitee with the code printed on his invitation."""
    conference = visible_conference(request.user, pk)
    listed = delegates_reads.listed(request.user, conference)
    return render(request, "dialogues/participants/invitation_list.html", {
        "conference": conference, "delegates": listed,
        "office": access.can(request.user, rules.MANAGE, conference),
    })


# -- a village's list ---------------------------------------------------------------------------


def _village(request, conference: Conference, village_pk: int):
    village = get_visible_object_or_404(
        request.user, Village.objects.filter(agency=conference.agency_id), village_pk)
    if village.pk not in {v.pk for v in covered_villages(conference)}:
        raise Http404
    return village


@login_required
@require_http_methods(["GET", "POST"])
def village_delegates(request, pk: int, village_pk: int):
    conference = visible_conference(request.user, pk)
    village = _village(request, conference, village_pk)
    form = DelegateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            d = delegates_actions.add_delegate(actor=request.user, conference=conference,
                                               side=Side.CITIZEN, village=village,
                                               **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s vào danh sách của %(v)s.")
                             % {"name": d, "v": village.name})
            return redirect(_village_url(conference, village))
    row = delegates_reads.village_rows(conference, [village])[0]
    listed = delegates_reads.village_list(request.user, conference, village)
    return render(request, "dialogues/participants/village.html", {
        "conference": conference, "village": village, "row": row, "form": form,
        "roles_list": [d for d in listed if d.side == Side.VILLAGE],
        "citizens": [d for d in listed if d.side == Side.CITIZEN],
        "others": [d for d in listed if d.side not in (Side.VILLAGE, Side.CITIZEN)],
        "can_edit": delegates_reads.may_edit_list(request.user, conference, village),
        "office": access.can(request.user, rules.MANAGE, conference),
        "quota_form": QuotaForm(initial={"seats": row.village_return.citizen_seats}),
        "lists_due": delegates_reads.delegate_lists_due(conference),
        "full": row.citizens >= row.citizen_seats,
    })


@login_required
@require_POST
def village_submit(request, pk: int, village_pk: int):
    conference = visible_conference(request.user, pk)
    village = _village(request, conference, village_pk)
    try:
        result = delegates_actions.submit_village_list(actor=request.user, conference=conference,
                                                       village=village)
    except ValidationError as exc:
        _error(request, exc)
    else:
        if result.late:
            messages.warning(request, _("Đã gửi danh sách của %(v)s; hạn gửi là %(d)s nên "
                                        "danh sách được ghi là gửi sau hạn.")
                             % {"v": village.name, "d": dates.day(result.due_on)})
        else:
            messages.success(request, _("Đã gửi danh sách đại biểu của %(v)s.")
                             % {"v": village.name})
        if result.all_in:
            messages.info(request, _("Đã đủ danh sách của mọi thôn."))
    return redirect(_village_url(conference, village))


@login_required
@require_POST
def village_quota(request, pk: int, village_pk: int):
    conference = visible_conference(request.user, pk)
    village = _village(request, conference, village_pk)
    access.require(request.user, rules.MANAGE, conference)
    form = QuotaForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    else:
        try:
            delegates_actions.set_village_quota(actor=request.user, conference=conference,
                                                village=village,
                                  seats=form.cleaned_data["seats"])
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã lưu số đại diện Nhân dân của %(v)s.")
                             % {"v": village.name})
    return redirect(_village_url(conference, village))


def _back(conference: Conference, delegate: Delegate) -> str:
    if delegate.village_id:
        return _village_url(conference, delegate.village)
    return _delegates_url(conference)


def _delegate(request, conference: Conference, delegate_pk: int) -> Delegate:
    return get_visible_object_or_404(
        request.user, conference.delegates.select_related("village"), delegate_pk)


@login_required
@require_http_methods(["GET", "POST"])
def delegate_edit(request, pk: int, delegate_pk: int):
    conference = visible_conference(request.user, pk)
    delegate = _delegate(request, conference, delegate_pk)
    if not delegates_reads.may_edit_list(request.user, conference, delegate.village):
        raise PermissionDenied(_("Bạn chỉ có quyền xem danh sách này."))
    form = DelegateForm(request.POST or None, initial={
        "full_name": delegate.full_name, "position": delegate.position,
        "phone": delegate.phone})
    if request.method == "POST" and form.is_valid():
        try:
            delegates_actions.update_delegate(actor=request.user, delegate=delegate,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đại biểu."))
            return redirect(_back(conference, delegate))
    return render(request, "dialogues/participants/delegate_edit.html", {
        "conference": conference, "delegate": delegate, "form": form,
        "back": _back(conference, delegate)})


@login_required
@require_http_methods(["GET", "POST"])
def delegate_remove(request, pk: int, delegate_pk: int):
    """Removing someone not yet invited is one click; someone invited already gets a page
    asking why (the reason is kept in the log)."""
    conference = visible_conference(request.user, pk)
    delegate = _delegate(request, conference, delegate_pk)
    back = _back(conference, delegate)
    name = str(delegate)
    invitation = getattr(delegate, "invitation", None)
    invited = invitation is not None and invitation.sent_at is not None
    if request.method == "GET" or (invited and not request.POST.get("reason", "").strip()):
        if not delegates_reads.may_edit_list(request.user, conference, delegate.village):
            raise PermissionDenied(_("Bạn không có quyền sửa danh sách này."))
        return render(request, "dialogues/participants/delegate_remove.html", {
            "conference": conference, "delegate": delegate, "invited": invited,
            "back": back, "missing_reason": request.method == "POST"},
            status=400 if request.method == "POST" else 200)
    try:
        delegates_actions.remove_delegate(actor=request.user, delegate=delegate,
                                          reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã bỏ %(name)s khỏi danh sách.") % {"name": name})
    return redirect(back)


# -- at the door ----------------------------------------------------------------------------------


def _checkin_url(conference: Conference, query: str = "") -> str:
    url = reverse("dialogues:checkin", args=[conference.pk])
    return f"{url}?{urlencode({'q': query})}" if query else url


@login_required
@require_http_methods(["GET", "POST"])
def checkin(request, pk: int):
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    query = (request.POST.get("q") or request.GET.get("q") or "").strip()[:80]
    if request.method == "POST":
        delegate = None
        if request.POST.get("delegate"):
            delegate = _delegate(request, conference, request.POST["delegate"])
        try:
            invitation = check_in.check_in(actor=request.user, conference=conference,
                                           code=request.POST.get("code", ""), delegate=delegate)
        except check_in.AlreadyCheckedIn as exc:
            messages.warning(request, exc.messages[0])
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Có mặt: %(name)s (%(code)s).")
                             % {"name": invitation.delegate.addressee,
                                "code": invitation.code})
        return redirect(_checkin_url(conference, query))
    found = []
    if query:
        found = delegates_reads.search(conference, query)
    return render(request, "dialogues/participants/checkin.html", {
        "conference": conference, "form": CheckInForm(), "query": query, "found": found,
        "counts": delegates_reads.counts(conference), "today": timezone.localdate(),
        "walkin_form": WalkInForm(prefix="vl", villages=covered_villages(conference)),
    })


@login_required
@require_POST
def checkin_undo(request, pk: int, invitation_pk: int):
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    invitation = get_visible_object_or_404(
        request.user, Invitation.objects.filter(delegate__conference=conference), invitation_pk)
    try:
        check_in.undo_check_in(actor=request.user, invitation=invitation,
                               reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Đã hủy điểm danh của %(name)s.")
                         % {"name": invitation.delegate.addressee})
    return redirect(_checkin_url(conference, (request.POST.get("q") or "").strip()[:80]))


@login_required
@require_GET
def checkin_count(request, pk: int):
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    return render(request, "dialogues/participants/_count.html", {
        "conference": conference, "counts": delegates_reads.counts(conference)})


@login_required
@require_POST
def walk_in(request, pk: int):
    conference = visible_conference(request.user, pk)
    access.require(request.user, rules.MANAGE, conference)
    form = WalkInForm(request.POST, prefix="vl", villages=covered_villages(conference))
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    else:
        try:
            invitation = check_in.walk_in(actor=request.user, conference=conference,
                                          **form.cleaned_data)
        except ValidationError as exc:
            _error(request, exc)
        else:
            messages.success(request, _("Đã thêm và điểm danh %(name)s (mã %(code)s).")
                             % {"name": invitation.delegate.addressee,
                                "code": invitation.code})
    return redirect(_checkin_url(conference))


urlpatterns = [
    path("hoi-nghi/<int:pk>/dai-bieu/", delegates, name="delegates"),
    path("hoi-nghi/<int:pk>/dai-bieu/lap-danh-sach/", build, name="delegates_build"),
    path("hoi-nghi/<int:pk>/dai-bieu/them/", add, name="delegate_add"),
    path("hoi-nghi/<int:pk>/dai-bieu/<int:delegate_pk>/sua/", delegate_edit,
         name="delegate_edit"),
    path("hoi-nghi/<int:pk>/dai-bieu/<int:delegate_pk>/bo/", delegate_remove,
         name="delegate_remove"),
    path("hoi-nghi/<int:pk>/dai-bieu/thon/<int:village_pk>/", village_delegates,
         name="village_delegates"),
    path("hoi-nghi/<int:pk>/dai-bieu/thon/<int:village_pk>/gui/", village_submit,
         name="village_submit"),
    path("hoi-nghi/<int:pk>/dai-bieu/thon/<int:village_pk>/so-dai-dien/", village_quota,
         name="village_quota"),
    path("hoi-nghi/<int:pk>/giay-moi/chuan-bi/", prepare, name="invitations_prepare"),
    path("hoi-nghi/<int:pk>/giay-moi/gui/", send, name="invitations_send"),
    path("hoi-nghi/<int:pk>/giay-moi/<int:invitation_pk>/tra-loi/", respond,
         name="invitation_respond"),
    path("hoi-nghi/<int:pk>/giay-moi/danh-sach/", invitation_list, name="invitation_list"),
    path("hoi-nghi/<int:pk>/diem-danh/", checkin, name="checkin"),
    path("hoi-nghi/<int:pk>/diem-danh/so-luong/", checkin_count, name="checkin_count"),
    path("hoi-nghi/<int:pk>/diem-danh/<int:invitation_pk>/huy/", checkin_undo,
         name="checkin_undo"),
    path("hoi-nghi/<int:pk>/diem-danh/vang-lai/", walk_in, name="walk_in"),
]
