"""Per-address limits for the public pages, shared by every process through the database.

This module reads and decides (which limits apply, whether an address has reached one); a hit
is counted by `public.actions.count_hit`.

Limits are read from settings at each call (so tests and deployments can change them):
PUBLIC_SUBMIT_LIMIT_HOUR, PUBLIC_SUBMIT_LIMIT_DAY (accepted submissions per address),
PUBLIC_TRACK_LIMIT and PUBLIC_TRACK_WINDOW_MINUTES (unknown or malformed tracking codes per
address, against guessing codes). The address is the one django-axes resolves, so a reverse
proxy is configured once for both.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from doithoai.public.models import Attempt


@dataclass(frozen=True)
class Limit:
    count: int
    window: dt.timedelta


def submit_limits() -> list[Limit]:
    return [Limit(getattr(settings, "PUBLIC_SUBMIT_LIMIT_HOUR", 5), dt.timedelta(hours=1)),
            Limit(getattr(settings, "PUBLIC_SUBMIT_LIMIT_DAY", 20), dt.timedelta(days=1))]


def track_limits() -> list[Limit]:
    minutes = getattr(settings, "PUBLIC_TRACK_WINDOW_MINUTES", 10)
    return [Limit(getattr(settings, "PUBLIC_TRACK_LIMIT", 30), dt.timedelta(minutes=minutes))]


def client_key(request) -> str:
    """A keyed hash of the caller's address (an IPv6 caller by its /64, which one household
    or phone usually holds whole)."""
    raw = get_client_ip_address(request) or "unknown"
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        value = raw
    else:
        if isinstance(address, ipaddress.IPv6Address):
            if address.ipv4_mapped is not None:
                value = str(address.ipv4_mapped)
            else:
                value = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            value = str(address)
    return salted_hmac("doithoai.public.throttle", value, algorithm="sha256").hexdigest()


def exceeded(bucket: str, client: str, limits: list[Limit]) -> Limit | None:
    """The first limit this address has already reached, if any."""
    now = timezone.now()
    for limit in limits:
        used = Attempt.objects.filter(bucket=bucket, client=client,
                                      at__gte=now - limit.window).count()
        if used >= limit.count:
            return limit
    return None

