"""Request facts every app needs the same way."""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The client's IP address, for rate limits and the audit trail.

    With TRUSTED_PROXY_HOPS = 0 (no proxy) it is REMOTE_ADDR. Behind N trusted reverse proxies
    every request comes from the nearest proxy; each appends the address it saw to
    X-Forwarded-For, so the client is the N-th entry from the end. Entries before that were sent
    by the client and are never trusted.
    """
    candidates = []
    hops = settings.TRUSTED_PROXY_HOPS
    if hops:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= hops:
            candidates.append(forwarded[-hops])
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
