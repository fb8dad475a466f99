"""System checks: the portal does not run without the key of the answers' hashes (REG-11)."""

from django.conf import settings
from django.core.checks import Error


def answer_key_is_set(app_configs, **kwargs):
    if settings.REGISTRATION_ANSWER_KEY:
        return []
    return [
        Error(
            "REGISTRATION_ANSWER_KEY is not set.",
            hint="Set it in the environment (32 characters or more); it keys the hashes of the "
            "Authority's answers to the identity questions.",
            id="registration.E001",
        )
    ]
