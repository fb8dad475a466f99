"""Release under protest (CUS-17): the guarantee, deposit or payment, its extension and its
settlement (the daily job that forfeits it when no appeal came in time is in `finalise`)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.money import format_shekels
from taxportal.texts import Said, label, said

from .. import rules, selectors
from ..models import (
    AuditAction,
    DecisionKind,
    ProtestRelease,
    ReleaseForm,
    ReleaseStatus,
    ValuationCase,
)
from ..rules import RELEASABLE_STATUSES
from .base import InvalidTransition, lock_case, record_decision

# --- Release under protest (CUS-17) --------------------------------------------------------------


def release_amount(case: ValuationCase, form: str, considered_value: Decimal) -> Decimal:
    """The guarantee or deposit equals the tax difference; paying under protest pays it all."""
    on_value = selectors.case_taxes(case, considered_value).total
    if form == ReleaseForm.PAID_UNDER_PROTEST:
        return on_value
    declared = selectors.declared_value(case) or Decimal(0)
    return max(on_value - selectors.case_taxes(case, declared).total, Decimal(0))


def releases_settle(
    case: ValuationCase, *, actor: User | None, value: Decimal, reasons: str | Said
) -> None:
    """CUS-17: once the value is decided (accepted after the answer, or by the appeal) every
    guarantee or deposit is settled with a notice. It secures the tax difference, so what is
    forfeited is the difference the decision keeps (the taxes on the value decided less those on
    the declared value) and the rest is released: all of it when the declared value stands. A
    payment under protest keeps the taxes on the value decided and refunds the rest."""
    for release in case.releases.select_for_update().filter(status=ReleaseStatus.HELD):
        kept = min(release.amount, release_amount(case, release.form, value))
        release.forfeited_amount = kept
        release.status = rules.release_settlement_status(amount=release.amount, kept=kept)
        release.save(update_fields=["status", "forfeited_amount"])
        explanation = said(
            gettext_noop(
                "%(form)s of %(amount)s NIS: %(kept)s NIS forfeited, %(released)s NIS released."
            ),
            form=ReleaseForm(release.form).label,
            amount=format_shekels(release.amount),
            kept=format_shekels(kept),
            released=format_shekels(release.released_amount),
        )
        audit_record(
            actor=actor,
            action=AuditAction.RELEASE_SETTLED,
            target=case,
            reason=explanation,
            changes={"release": release.pk, "status": release.status, "forfeited": kept},
        )
        record_decision(
            case,
            actor=actor,
            kind=DecisionKind.GUARANTEE_SETTLED,
            reasons=said("%(settlement)s\n%(reasons)s", settlement=explanation, reasons=reasons),
            value=value,
        )


@transaction.atomic
def release_record(
    *, actor: User, case: ValuationCase, form: ReleaseForm, reference: str, lodged_on: date
) -> ProtestRelease:
    """The vehicle is released from the notice of intent on a guarantee, deposit or payment."""
    locked = lock_case(case, RELEASABLE_STATUSES)
    considered = locked.determined_value or _last_value(locked)
    amount = release_amount(locked, form, considered)
    expires = None
    if form != ReleaseForm.PAID_UNDER_PROTEST:
        months = selectors.policy(locked.valuation_date).guarantee_months
        expires = rules.months_after(lodged_on, months)
    release = ProtestRelease.objects.create(
        case=locked,
        form=form,
        amount=amount,
        reference=reference,
        lodged_on=lodged_on,
        expires_on=expires,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.RELEASED_UNDER_PROTEST,
        target=locked,
        reason=label(ReleaseForm(form).label),
        changes={"amount": amount, "expires_on": expires, "reference": reference},
    )
    return release


def _last_value(case: ValuationCase) -> Decimal:
    decision = case.decisions.exclude(value=None).order_by("-decided_at", "-id").first()
    if decision is None:
        raise ValidationError(_("No value has been considered yet."))
    assert decision.value is not None  # excluded above
    return decision.value


@transaction.atomic
def release_extend(*, actor: User, release: ProtestRelease, expires_on: date, reason: str) -> None:
    """The officer keeps the guarantee valid until the committee decides."""
    release = ProtestRelease.objects.select_for_update().get(pk=release.pk)
    if release.status != ReleaseStatus.HELD or release.expires_on is None:
        raise InvalidTransition(_("Only a held guarantee or deposit can be extended."))
    if expires_on <= release.expires_on:
        raise ValidationError({"expires_on": _("The new date must be after the current one.")})
    before = release.expires_on
    release.expires_on = expires_on
    release.save(update_fields=["expires_on"])
    audit_record(
        actor=actor,
        action=AuditAction.GUARANTEE_EXTENDED,
        target=release.case,
        reason=reason,
        changes={"from": before, "to": expires_on},
    )
