"""Contact details and their verification (REG-21, REG-23)."""

from functools import partial

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from .. import rules, tasks
from ..models import Channel, CitizenProfile, ContactChange, ContactVerification

VERIFICATION_SALT = "registration.contact-verification"


# --- contact details and their verification (REG-21, REG-23) ---------------------------------


def detail_field(channel: str) -> str:
    return "mobile" if channel == Channel.SMS else "email"


def verification_start(
    *, profile: CitizenProfile, channel: str, value: str, language: str
) -> ContactVerification:
    verification = ContactVerification.objects.create(
        profile=profile, channel=channel, value=value, language=language
    )
    transaction.on_commit(partial(tasks.send_contact_verification.delay, verification.pk))
    return verification


def verification_token(verification: ContactVerification) -> str:
    return signing.TimestampSigner(salt=VERIFICATION_SALT).sign(str(verification.pk))


def verification_from_token(token: str) -> ContactVerification | None:
    """The verification a link names, or None when the link is forged or expired."""
    try:
        pk = signing.TimestampSigner(salt=VERIFICATION_SALT).unsign(
            token, max_age=rules.VERIFICATION_LINK_MAX_AGE
        )
    except signing.BadSignature:
        return None
    return ContactVerification.objects.select_related("profile").filter(pk=pk).first()


@transaction.atomic
def contact_verify(*, verification: ContactVerification) -> bool:
    """Following a link verifies that detail; a pending new detail or channel takes effect."""
    profile = CitizenProfile.objects.select_for_update().get(pk=verification.profile_id)
    field = detail_field(verification.channel)
    now = timezone.now()
    pending = getattr(profile, f"pending_{field}")
    if pending == verification.value:
        setattr(profile, field, pending)
        setattr(profile, f"pending_{field}", "")
    elif getattr(profile, field) != verification.value:
        return False  # superseded by a later change
    setattr(profile, f"{field}_verified_at", now)
    if profile.pending_channel == verification.channel:
        profile.channel = profile.pending_channel
        profile.pending_channel = ""
    profile.save()
    ContactVerification.objects.filter(pk=verification.pk).update(verified_at=now)
    audit_record(
        actor=profile.user,
        action=gettext_noop("contact detail verified"),
        target=profile,
        reason=said(gettext_noop("verification link followed")),
        changes={"channel": verification.channel},
    )
    return True


def contact_apply(
    *, profile: CitizenProfile, change: ContactChange, actor: User | None
) -> list[ContactVerification]:
    """REG-23: a change takes effect: consents at once; a new mobile, e-mail or channel waits
    for its verification link, and until then messages keep going where they went. `profile`
    is locked by the caller."""
    before = {
        "mobile": profile.mobile,
        "email": profile.email,
        "channel": profile.channel,
        "consent_sms": profile.consent_sms,
        "consent_email": profile.consent_email,
    }
    profile.consent_sms = change.consent_sms
    profile.consent_email = change.consent_email
    to_verify: list[tuple[str, str]] = []
    for detail_channel, new_value in ((Channel.SMS, change.mobile), (Channel.EMAIL, change.email)):
        field = detail_field(detail_channel)
        current = getattr(profile, field)
        if new_value == current:
            setattr(profile, f"pending_{field}", "")
        elif not new_value:
            setattr(profile, field, "")
            setattr(profile, f"pending_{field}", "")
            setattr(profile, f"{field}_verified_at", None)
        else:
            setattr(profile, f"pending_{field}", new_value)
            to_verify.append((detail_channel, new_value))
    profile.pending_channel = "" if change.channel == profile.channel else change.channel
    if profile.pending_channel and not any(c == change.channel for c, _ in to_verify):
        to_verify.append((change.channel, profile.detail_of(change.channel)))
    profile.save()
    audit_record(
        actor=actor,
        action=gettext_noop("contact details updated"),
        target=profile,
        reason=change.get_source_display(),
        changes={
            "before": before,
            "after": {
                "mobile": change.mobile,
                "email": change.email,
                "channel": change.channel,
                "consent_sms": change.consent_sms,
                "consent_email": change.consent_email,
            },
        },
    )
    return [
        verification_start(profile=profile, channel=c, value=v, language=change.language)
        for c, v in to_verify
    ]
