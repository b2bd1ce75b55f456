"""The client's address, for login lockouts and the public pages' rate limits.

Behind N trusted reverse proxies (settings.TRUSTED_PROXY_COUNT, from the environment) the
address is the N-th from the right in X-Forwarded-For; entries further left are set by the
client and cannot be trusted. With no proxy, REMOTE_ADDR.
"""

from django.conf import settings


def client_ip(request) -> str | None:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if a.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
