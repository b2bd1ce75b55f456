"""The citizens' side: send an opinion without an account, keep the code, follow it.

Thin views: parse the form, call `public.actions.send` (limits, honeypot, `receive`),
render. The receipt is a signed link (POST → redirect → GET), so that reloading it never sends
the opinion twice and so that a bot caught by the honeypot gets the same kind of page.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from doithoai.core import tracking
from doithoai.core.qr import svg_data_uri
from doithoai.dialogues.models import Conference
from doithoai.org.models import Agency
from doithoai.petitions.actions import intake
from doithoai.petitions.models import Channel
from doithoai.public import actions as public
from doithoai.public import selectors, throttle
from doithoai.public.forms import (
    RATINGS,
    AskAgainForm,
    ChooseCommuneForm,
    SubmitForm,
    TrackForm,
    new_token,
)
from doithoai.public.models import Attempt

RECEIPT_SALT = "doithoai.public.receipt"


# --- sending an opinion --------------------------------------------------------------------

def _commune_for(request) -> tuple[Agency | None, ChooseCommuneForm | None]:
    """The commune the citizen writes to, or the form to choose one."""
    code = request.POST.get("xa") or request.GET.get("xa")
    if code:
        agency = selectors.commune(code)
        if agency is not None:
            return agency, None
        return None, ChooseCommuneForm({"xa": code})
    if (only := selectors.only_commune()) is not None:
        return only, None
    return None, ChooseCommuneForm()


def submit(request):
    agency, chooser = _commune_for(request)
    if agency is None:
        if chooser is not None and chooser.is_bound:
            chooser.is_valid()
        return render(request, "public/choose_commune.html",
                      {"form": chooser,
                       "has_communes": selectors.active_communes().exists()})
    status = 200
    conference = _conference_for(request, agency)
    if request.method != "POST":
        form = SubmitForm(agency=agency, conference=conference)
        return render(request, "public/submit.html", _submit_context(agency, form, conference))
    form = SubmitForm(request.POST, agency=agency, conference=conference)
    if form.is_valid():
        try:
            sent = public.send(_intake(form, conference), client=throttle.client_key(request),
                                   is_bot=form.is_bot)
        except public.TooMany as exc:
            form.add_error(None, _refusal(exc.limit))
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect(_receipt_url(sent))
    if "token" in form.errors:
        form.data = form.data.copy()
        form.data["token"] = new_token()
    return render(request, "public/submit.html", _submit_context(agency, form, conference),
                  status=status)


def _conference_for(request, agency: Agency) -> Conference | None:
    """The conference named by the announcement's link, while it is still being prepared;
    any other value is ignored (the opinion is still received, without a conference)."""
    raw = request.POST.get("hoi_nghi") or request.GET.get("hoi-nghi") or ""
    if not raw.isdigit():
        return None
    return selectors.conference_to_join(agency, int(raw))


def _submit_context(agency: Agency, form: SubmitForm, conference=None) -> dict:
    fields = ["village", "field", "text"]
    contact = ["full_name", "phone", "email", "name_public"]
    return {"agency": agency, "form": form,
            "main_fields": [form[name] for name in fields],
            "contact_fields": [form[name] for name in contact],
            "several_communes": selectors.several_communes(),
            "conference": conference}


def _refusal(limit: throttle.Limit) -> str:
    hourly = limit.window <= dt.timedelta(hours=1)
    wait = _("sau khoảng một giờ") if hourly else _("vào ngày mai")
    return _("Từ địa chỉ mạng của bạn đã có nhiều ý kiến được gửi trong thời gian ngắn, nên ý "
             "kiến này chưa được gửi (để chống gửi tự động). Hãy thử lại %(wait)s, hoặc "
             "gửi qua trưởng thôn, tổ dân phố hay Văn phòng Ủy ban nhân dân xã. Nội dung bạn "
             "viết vẫn còn dưới đây.") % {"wait": wait}


def _intake(form: SubmitForm, conference=None) -> intake.Intake:
    data = form.cleaned_data
    village = data["village"]
    petitioners = []
    if data["full_name"] or data["phone"] or data["email"]:
        petitioners.append(intake.PetitionerData(
            full_name=data["full_name"], village_id=village.pk, phone=data["phone"],
            email=data["email"], name_public=data["name_public"]))
    return intake.Intake(
        agency=form.agency, text=data["text"], channel=Channel.ONLINE,
        received_on=timezone.localdate(), petitioners=petitioners, field=data["field"],
        village_id=village.pk, submission_key=form.key,
        conference=conference)


def _receipt_url(sent: public.Receipt) -> str:
    payload = signing.dumps({
        "a": sent.agency_id, "c": sent.code, "r": sent.received_on.isoformat(),
        "d": sent.due_date.isoformat() if sent.due_date else None,
        "v": sent.village_id, "f": sent.field_id}, salt=RECEIPT_SALT, compress=True)
    return f"{reverse('public:receipt')}?{urlencode({'bn': payload})}"


@never_cache
def receipt(request):
    try:
        data = signing.loads(request.GET.get("bn", ""), salt=RECEIPT_SALT)
    except signing.BadSignature as exc:
        raise Http404 from exc
    agency = selectors.receipt_agency(data["a"])
    if agency is None:
        raise Http404
    due = dt.date.fromisoformat(data["d"]) if data["d"] else None
    # The address the citizen actually used: right behind any host name or port.
    base = request.build_absolute_uri("/").rstrip("/")
    track_code_address = base + reverse("public:track_code", args=[data["c"]])
    return render(request, "public/receipt.html", {
        "agency": agency, "code": data["c"],
        "received_on": dt.date.fromisoformat(data["r"]), "due_date": due,
        "village": selectors.receipt_village(data["v"]),
        "field": selectors.receipt_field(data["f"]),
        "track_address": base + reverse("public:track"),
        "track_code_address": track_code_address,
        # scanned from the printed receipt, the phone opens this petition's tracking page
        "track_qr": svg_data_uri(track_code_address),
        "workdays": settings.PETITION_ANSWER_WORKDAYS,
        "sent": selectors.receipt_text(data["c"]),
    })


# --- tracking ------------------------------------------------------------------------------

def _track_refused(request, form):
    limit = throttle.track_limits()[0]
    minutes = int(limit.window.total_seconds() // 60)
    message = _("Bạn đã nhập sai mã tra cứu quá nhiều lần. Để bảo vệ thông tin của người dân, "
                "hãy thử lại sau %(minutes)s phút.") % {"minutes": minutes}
    return render(request, "public/track.html", {"form": form, "message": message},
                  status=429)


def _lookup(request, typed: str, form):
    """The petition for a typed code, or a page that says why not (counting the misses)."""
    client = throttle.client_key(request)
    limits = throttle.track_limits()
    if throttle.exceeded(Attempt.Bucket.TRACK_MISS, client, limits):
        return None, _track_refused(request, form)
    code = tracking.normalise(typed)
    petition = selectors.find(code) if code else None
    if petition is None:
        public.count_hit(bucket=Attempt.Bucket.TRACK_MISS, client=client, limits=limits)
        return None, _unknown(request, typed, code, form)
    return petition, None


def _unknown(request, typed: str, code: str | None, form):
    if code is None:
        message = _("“%(typed)s” không phải là mã tra cứu. Mã gồm 8 chữ và số, ví dụ "
                    "ABCD-EFGH; hãy xem lại giấy biên nhận.") % {"typed": typed[:40]}
    else:
        message = _("Không tìm thấy ý kiến nào có mã %(code)s. Hãy xem lại mã trên giấy "
                    "biên nhận (chữ O và số 0, chữ I và số 1 không dùng trong mã).") % {
                        "code": code}
    form.add_error("ma", message)
    return render(request, "public/track.html", {"form": form}, status=404)


def track(request):
    if "ma" not in request.GET:
        return render(request, "public/track.html", {"form": TrackForm()})
    form = TrackForm(request.GET)
    if not form.is_valid():
        return render(request, "public/track.html", {"form": form})
    petition, refusal = _lookup(request, form.cleaned_data["ma"], form)
    if refusal is not None:
        return refusal
    return redirect("public:track_code", code=petition.tracking_code)


def track_code(request, code):
    form = TrackForm({"ma": code[:40]})
    form.is_valid()
    petition, refusal = _lookup(request, code, form)
    if refusal is not None:
        return refusal
    if code != petition.tracking_code:
        return redirect("public:track_code", code=petition.tracking_code)
    return _detail(request, petition)


def _detail(request, petition, *, ask_form=None, problem="", status=200):
    return render(request, "public/track_detail.html", {
        "view": selectors.public_view(petition), "petition": petition,
        "today": timezone.localdate(), "ask_form": ask_form or AskAgainForm(),
        "problem": problem}, status=status)


# --- answering back (no account: the code in the address is the key) ------------------------

def _answer_back(request, code, send, *, ask_form=None):
    """Call `send(client)`; a refusal re-renders the page (or the code's own refusal)."""
    form = TrackForm({"ma": code[:40]})
    form.is_valid()
    try:
        send(throttle.client_key(request))
    except public.TooMany:
        return _track_refused(request, form)
    except public.UnknownCode as exc:
        return _unknown(request, code, exc.code, form)
    except ValidationError as exc:
        petition = selectors.find(tracking.normalise(code))
        if ask_form is not None and hasattr(exc, "error_dict"):
            ask_form.add_error(None, exc)  # the words themselves: shown at the field
            return _detail(request, petition, ask_form=ask_form, status=400)
        # a rule (not answered yet, once per answer, its procedure): at the top of the page
        return _detail(request, petition, problem=" ".join(exc.messages), status=400)
    return None


@require_POST
def ask_again(request, code):
    form = AskAgainForm(request.POST)
    form.is_valid()
    refused = _answer_back(request, code, lambda client: public.ask_again(
        code=code, client=client, reason=form.cleaned_data.get("reason", "")), ask_form=form)
    if refused is not None:
        return refused
    messages.success(request, _(
        "Đã gửi đề nghị giải quyết lại. Ý kiến được chuyển về Văn phòng Ủy ban nhân dân xã "
        "cùng lời nhắn của bạn để giao giải quyết tiếp; hạn trả lời mới hiện dưới đây."))
    return redirect("public:track_code", code=tracking.normalise(code))


@require_POST
def rate(request, code):
    choice = request.POST.get("danh_gia", "")
    if choice not in RATINGS:
        refused = _answer_back(request, code, lambda client: _bad_rating(
            public.by_code(code=code, client=client)))
    else:
        refused = _answer_back(request, code, lambda client: public.rate_answer(
            code=code, client=client, satisfied=RATINGS[choice]))
    if refused is not None:
        return refused
    messages.success(request, _("Cảm ơn bạn đã đánh giá trả lời. Đánh giá được gửi tới Ủy "
                                "ban nhân dân xã để cải thiện việc trả lời."))
    return redirect("public:track_code", code=tracking.normalise(code))


def _bad_rating(_petition):
    raise ValidationError(_("Hãy chọn “Hài lòng” hoặc “Chưa hài lòng”."))
