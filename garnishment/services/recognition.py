"""Recognition of third parties and the authorities' notices of electronic service (GAR-1 to
GAR-4, GAR-9 terms). Every write is atomic and audited."""

from datetime import date, datetime, time
from typing import cast

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.texts import said

from ..models import (
    ServiceArrangement,
    ServingAuthority,
    ThirdParty,
)
from ..rules import (
    DEFAULT_PAYMENT_TERM_DAYS,
)


def _replaced(third_party: ThirdParty, details: dict) -> list[str]:
    """The reviewed details (GAR-3) that these details replace."""
    replaced = []
    for name in ThirdParty.REVIEWED_DETAILS:
        if name not in details:
            continue
        old = getattr(third_party, name)
        if name == "form1_file" or (old.name if hasattr(old, "name") else old) != details[name]:
            replaced.append(name)
    return replaced


@transaction.atomic
def third_party_request_recognition(
    *, third_party: ThirdParty, details: dict, actor: User | None
) -> ThirdParty:
    """The third party sends (or updates) its request: security officer and signed form 1
    (GAR-2, GAR-4). A third party not yet published goes back to the director's review; a
    published one that replaces its security officer or form 1 keeps its recognition while
    the director reviews that change (GAR-3)."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    replaced = _replaced(third_party, details)
    for name, value in details.items():
        setattr(third_party, name, value)
    if third_party.status != ThirdParty.Status.PUBLISHED:
        third_party.status = ThirdParty.Status.REQUESTED
        third_party.requested_on = timezone.localdate()
    elif replaced:
        third_party.changes_to_review = sorted({*third_party.changes_to_review, *replaced})
    third_party.save()
    audit_record(
        actor=actor,
        action=gettext_noop("recognition request sent"),
        target=third_party,
        reason=said(gettext_noop("form 1 and security officer")),
        changes={
            **{k: str(v) for k, v in details.items()},
            "to_review": third_party.changes_to_review,
        },
    )
    return third_party


@transaction.atomic
def third_party_review_approve(*, third_party: ThirdParty, actor: User, reason: str) -> ThirdParty:
    """The director reviewed a published third party's new security officer or form 1 and
    found that it still meets the conditions (GAR-3). Otherwise the director revokes."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    reviewed = third_party.changes_to_review
    third_party.changes_to_review = []
    third_party.save()
    audit_record(
        actor=actor,
        action=gettext_noop("recognition change approved"),
        target=third_party,
        reason=reason,
        changes={"reviewed": reviewed},
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
        labels = ", ".join(
            str(cast(models.Field, ThirdParty._meta.get_field(name)).verbose_name)
            for name in missing
        )
        raise ValidationError(
            _("%(name)s cannot be published: missing %(fields)s.")
            % {"name": third_party.name, "fields": labels},
            code="conditions",
        )
    third_party.published_on = published_on
    third_party.status = ThirdParty.Status.PUBLISHED
    third_party.service_stopped_at = None
    third_party.service_stopped_reason = ""
    third_party.service_stopped_by = ""
    third_party.changes_to_review = []
    third_party.save()
    audit_record(
        actor=actor,
        action=gettext_noop("third party published"),
        target=third_party,
        reason=reason,
        changes={"published_on": published_on},
    )
    return third_party


def _stop(
    third_party: ThirdParty, *, at: datetime, by: str, actor: User | None, reason: str
) -> ThirdParty:
    third_party.service_stopped_at = at
    third_party.service_stopped_reason = reason
    third_party.service_stopped_by = by
    third_party.status = ThirdParty.Status.REVOKED
    third_party.changes_to_review = []
    third_party.save()
    audit_record(
        actor=actor,
        action=(
            gettext_noop("electronic service stopped")
            if by == ThirdParty.ServiceStop.REPORTED
            else gettext_noop("third party revoked")
        ),
        target=third_party,
        reason=reason,
        changes={"service_stopped_at": at, "by": by},
    )
    return third_party


@transaction.atomic
def third_party_stop_service(
    *, third_party: ThirdParty, actor: User | None, reason: str, at: datetime | None = None
) -> ThirdParty:
    """Electronic service stops at the moment of the third party's own report that its security
    officer left or its systems no longer meet the conditions (GAR-3): orders received on that
    day or later are not billable."""
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    return _stop(
        third_party,
        at=at or timezone.now(),
        by=ThirdParty.ServiceStop.REPORTED,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def third_party_revoke(
    *, third_party: ThirdParty, revoked_on: date, reason: str, actor: User
) -> ThirdParty:
    """The director publishes that the third party can no longer be served electronically
    (GAR-3), with a reason: orders received on `revoked_on` or later are not billable."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the revocation."), code="reason")
    third_party = ThirdParty.objects.select_for_update().get(pk=third_party.pk)
    start = timezone.make_aware(datetime.combine(revoked_on, time.min))
    return _stop(
        third_party, at=start, by=ThirdParty.ServiceStop.REVOKED, actor=actor, reason=reason
    )


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
        action=gettext_noop("electronic service arrangement recorded"),
        target=arrangement,
        reason=reason,
        changes={"notice_on": notice_on, "payment_term_days": payment_term_days, **terms},
    )
    return arrangement
