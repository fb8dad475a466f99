"""Recognition of third parties and the authorities' notices of electronic service (GAR-1 to
GAR-4, GAR-9 terms). Every write is atomic and audited."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User

from ..models import (
    ServiceArrangement,
    ServingAuthority,
    ThirdParty,
)
from ..rules import (
    DEFAULT_PAYMENT_TERM_DAYS,
)


@transaction.atomic
def third_party_request_recognition(
    *, third_party: ThirdParty, details: dict, actor: User
) -> ThirdParty:
    """The third party sends (or updates) its request: security officer and signed form 1
    (GAR-2, GAR-4). A third party not yet published goes back to the director's review."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    for name, value in details.items():
        setattr(third_party, name, value)
    if third_party.status != ThirdParty.Status.PUBLISHED:
        third_party.status = ThirdParty.Status.REQUESTED
        third_party.requested_on = timezone.localdate()
    third_party.save()
    audit_record(
        actor=actor,
        action="recognition request sent",
        target=third_party,
        reason="form 1 and security officer",
        changes={k: str(v) for k, v in details.items()},
    )
    return third_party


@transaction.atomic
def third_party_publish(
    *, third_party: ThirdParty, published_on: date, actor: User | None, reason: str
) -> ThirdParty:
    """The director published that the third party can be served electronically (GAR-1),
    which requires the conditions of GAR-2: a security officer and a signed form 1."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    missing = third_party.missing_conditions()
    if missing:
        labels = ", ".join(str(ThirdParty._meta.get_field(name).verbose_name) for name in missing)
        raise ValidationError(
            _("%(name)s cannot be published: missing %(fields)s.")
            % {"name": third_party.name, "fields": labels},
            code="conditions",
        )
    third_party.published_on = published_on
    third_party.status = ThirdParty.Status.PUBLISHED
    third_party.service_stopped_at = None
    third_party.service_stopped_reason = ""
    third_party.save()
    audit_record(
        actor=actor,
        action="third party published",
        target=third_party,
        reason=reason,
        changes={"published_on": published_on},
    )
    return third_party


@transaction.atomic
def third_party_stop_service(
    *, third_party: ThirdParty, actor: User | None, reason: str, at: datetime | None = None
) -> ThirdParty:
    """Electronic service stops at the moment of the third party's own report that its security
    officer left or its systems no longer meet the conditions, or the director's notice (GAR-3).
    """
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    third_party.service_stopped_at = at or timezone.now()
    third_party.service_stopped_reason = reason
    third_party.status = ThirdParty.Status.REVOKED
    third_party.save()
    audit_record(
        actor=actor,
        action="electronic service stopped",
        target=third_party,
        reason=reason,
        changes={"service_stopped_at": third_party.service_stopped_at},
    )
    return third_party


@transaction.atomic
def arrangement_record(
    *,
    authority: ServingAuthority,
    third_party: ThirdParty,
    notice_on: date | None,
    payment_term_days: int = DEFAULT_PAYMENT_TERM_DAYS,
    actor: User | None,
    reason: str,
    **terms,
) -> ServiceArrangement:
    """The authority's notice that it serves the third party electronically (GAR-1b), and the
    terms they agreed (GAR-9)."""
    arrangement, _created = ServiceArrangement.objects.select_for_update().update_or_create(
        authority=authority,
        third_party=third_party,
        defaults={"notice_on": notice_on, "payment_term_days": payment_term_days, **terms},
    )
    audit_record(
        actor=actor,
        action="electronic service arrangement recorded",
        target=arrangement,
        reason=reason,
        changes={"notice_on": notice_on, "payment_term_days": payment_term_days, **terms},
    )
    return arrangement
