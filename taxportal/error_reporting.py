"""Error reporting to Sentry (or a Sentry-compatible service), on only when SENTRY_DSN is set.

Web processes and Celery workers both load the settings, so both report. No personal data is
sent by default (send_default_pii off: no user, no cookies, no request body); each event is
tagged with the request id that the logs carry.
"""

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def init_error_reporting(
    *, dsn: str, environment: str, release: str | None, traces_sample_rate: float
) -> bool:
    """Start the SDK when a DSN is given; return whether it was started."""
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        traces_sample_rate=traces_sample_rate,
    )
    return True
