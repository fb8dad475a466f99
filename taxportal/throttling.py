"""DRF throttling on every API (API_THROTTLE_RATES): per token (or per logged-in account) and
per client address, counted in the shared cache (Redis in production). Rates are read on each
request, so they follow the settings."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .http import client_address
from .models import ApiToken


class _PortalRateThrottle(SimpleRateThrottle):
    scope: str

    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]


class TokenRateThrottle(_PortalRateThrottle):
    """Calls per token; a session-authenticated call counts for its account."""

    scope = "token"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AddressRateThrottle(_PortalRateThrottle):
    """Calls per client address (taxportal.http.client_address: trusted proxies only)."""

    scope = "address"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
