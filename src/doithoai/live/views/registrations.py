"""A citizen in the hall asks for the floor from his phone: the QR code shown on the console
(and printed or projected) opens a short form — name, village, what he wants to say — with no
account. Once his words are a petition (heard and recorded, or received when the session
ended without his turn), the same page on the same phone shows its tracking code.

Against a form spammed from one phone: the page gives the phone a device cookie, the form
must come from that page, and one device registers at most LIVE_QR_PER_DEVICE people (an
elder's neighbour may register him). The whole hall shares one Wi-Fi address, so the limit
per address (LIVE_QR_PER_ADDRESS an hour) is only against scripts.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from doithoai.live.actions.registrations import confidential_by_phone, register_by_phone
from doithoai.live.models import Registration, Session
from doithoai.live.selectors.outcomes import of_phone
from doithoai.live.selectors.sessions import (
    ahead_of,
    registered_by_key,
    registered_from_device,
    session_for_phones,
    villages_of,
)
from doithoai.public import throttle

SALT = "doithoai.live.qr"
DEVICE_COOKIE = "doithoai_thiet_bi"


def token(session: Session) -> str:
    return signing.Signer(salt=SALT).sign(str(session.pk))


LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def public_address(request, path: str) -> str:
    """A page's address for citizens: on the public address when one is set, else on the
    address this page was opened at (a laptop serving the hall's Wi-Fi)."""
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    if base and urlsplit(base).hostname not in LOOPBACK:
        return f"{base}{path}"
    return request.build_absolute_uri(path)


def registration_url(request, session: Session) -> str:
    """The QR code's address (`public_address`)."""
    return public_address(request, reverse("live_public:register", args=[token(session)]))


def reachable_from_phones(url: str) -> bool:
    """False when the address only works on the computer itself (127.0.0.1, localhost)."""
    return urlsplit(url).hostname not in LOOPBACK


def _session(value: str) -> Session:
    try:
        pk = int(signing.Signer(salt=SALT).unsign(value))
    except (signing.BadSignature, ValueError) as exc:
        raise Http404 from exc
    session = session_for_phones(pk)
    if session is None:
        raise Http404
    return session


def _device(request) -> str:
    return request.get_signed_cookie(DEVICE_COOKIE, default="", salt=SALT)


@never_cache
def register(request, value: str):
    session = _session(value)
    conference = session.conference
    device = _device(request) or secrets.token_hex(8)
    villages = villages_of(conference.agency)
    context = {"session": session, "conference": conference, "villages": villages,
               "data": {}, "errors": [], "mine": of_phone(session, device),
               "track_address": public_address(request, reverse("public:track"))}
    status = 200
    if request.method == "POST" and request.POST.get("an_danh"):
        # "Do not name me": asked from the confirmation, for one registered on this phone.
        number = (request.POST.get("so") or "").strip()
        try:
            if not _device(request) or not number.isdigit():
                raise ValidationError(_("Hãy mở lại trang đăng ký từ mã QR trong hội trường "
                                        "rồi gửi lại."))
            row = confidential_by_phone(session=session, device=device, number=int(number))
        except ValidationError as exc:
            context["errors"] = exc.messages
            status = 400
        else:
            return redirect(f"{request.path}?so={row.number}")
    elif request.method == "POST":
        context["data"] = request.POST
        try:
            row = _register(request, session, device)
        except ValidationError as exc:
            context["errors"] = exc.messages
            status = 429 if getattr(exc, "code", "") == "too_many" else 400
        else:
            return redirect(f"{request.path}?so={row.number}")
    # After a refusal the page shows the refusal, not the confirmation of an earlier one.
    number = request.GET.get("so", "") if not context["errors"] else ""
    context["done"] = next((r for r in context["mine"] if str(r.number) == number), None)
    if context["done"] is not None:
        context["ahead"] = ahead_of(context["done"])
    context["nonce"] = secrets.token_hex(8)
    response = render(request, "live/register.html", context, status=status)
    response.set_signed_cookie(DEVICE_COOKIE, device, salt=SALT, max_age=2 * 86400,
                               httponly=True, samesite="Lax")
    return response


def _register(request, session: Session, device: str) -> Registration:
    if not _device(request):  # the form did not come from this page on this phone
        raise ValidationError(_("Hãy mở lại trang đăng ký từ mã QR trong hội trường rồi gửi "
                                "lại."))
    nonce = (request.POST.get("nonce") or "").strip()[:16]
    key = f"{device}-{nonce}"
    again = registered_by_key(session, key)
    if again is not None:  # the same form sent twice
        return again
    allowed = getattr(settings, "LIVE_QR_PER_DEVICE", 3)
    if registered_from_device(session, device).count() >= allowed:
        raise ValidationError(_("Điện thoại này đã đăng ký đủ số người được phép. Nếu cần "
                                "đăng ký thêm, hãy gặp thư ký hội nghị."), code="too_many")
    return register_by_phone(session=session, client=throttle.client_key(request), key=key,
                             full_name=request.POST.get("full_name", ""),
                             village_pk=(request.POST.get("village") or "").strip(),
                             topic=request.POST.get("topic", ""),
                             confidential=bool(request.POST.get("confidential")))
