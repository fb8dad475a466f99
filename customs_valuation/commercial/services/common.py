"""What every service of part 2.2 shares: who is acting (in the terms of CUS-95), the customs
houses a valuer works at, the case under a row lock and its transition table, the policy in
force, refusals as form errors, the audit record and notifications to the agent (CUS-56)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.locks import locked
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import Said

from ...declarations.choices import NotificationKind
from ...declarations.models import CustomsHouseStaff
from ...declarations.services.common import NotAllowed, notify
from .. import rules
from ..choices import ActorKind
from ..models import CommercialCase, CommercialPolicy

__all__ = ["NotAllowed", "notify", "NotificationKind"]


def today() -> date:
    return timezone.localdate()


def actor_kind(user: User) -> str | None:
    """CUS-95: the chief valuer is also a valuer; valuation-unit staff consult and read."""
    if user is None or not user.is_authenticated:
        return None
    for codename, kind in (
        ("act_as_chief_valuer", ActorKind.CHIEF),
        ("value_commercial_imports", ActorKind.VALUER),
        ("answer_valuation_consultations", ActorKind.UNIT),
        ("act_as_customs_agent", ActorKind.AGENT),
        ("issue_freight_notices", ActorKind.DIRECTOR),
    ):
        if user.has_perm(perm(codename)):
            return kind
    return None


def house_ids(user: User, day: date | None = None) -> set[int]:
    """The customs houses the user works at on the day (CustomsHouseStaff), read once per
    request for today."""
    day = day or today()
    cached = getattr(user, "_commercial_houses", None)
    if cached is not None and cached[0] == day:
        return cached[1]
    ids = set(_posts(user, day).values_list("customs_house_id", flat=True))
    user._commercial_houses = (day, ids)  # type: ignore[attr-defined]  # a per-request cache
    return ids


def houses_of(user: User) -> set[int] | QuerySet:
    """The same houses for a filter (`customs_house_id__in`): those read already in this
    request, else a subquery of the filtering query (a queue page reads them in no query of
    their own)."""
    day = today()
    cached = getattr(user, "_commercial_houses", None)
    if cached is not None and cached[0] == day:
        return cached[1]
    return _posts(user, day).order_by().values("customs_house_id")


def _posts(user: User, day: date) -> QuerySet:
    return CustomsHouseStaff.objects.filter(user=user, started_on__lte=day).exclude(
        ended_on__lte=day
    )


def require_valuer(user: User, house_id: int) -> str:
    """A valuer or chief valuer of the handling customs house."""
    kind = actor_kind(user)
    if kind not in {ActorKind.VALUER, ActorKind.CHIEF} or house_id not in house_ids(user):
        raise NotAllowed(_("Only a valuer of the handling customs house may do this."))
    return kind


def require_work(user: User, case: CommercialCase) -> str:
    """The valuer may record on the case now (under (c) only the chief valuer)."""
    kind = require_valuer(user, case.customs_house_id)
    if not rules.may_work(kind, case.status):
        raise NotAllowed(
            _("This cannot be done while the case is “%(status)s”.")
            % {"status": case.get_status_display()}
        )
    return kind


def require_agent_of(agent, case: CommercialCase) -> None:
    if agent is None or case.entry.agent_id != agent.pk:
        raise NotAllowed(_("This case is not one of your entries."))


def lock(case: CommercialCase) -> CommercialCase:
    return locked(case, "entry")


def move(case: CommercialCase, action: str, kind: str) -> str:
    """The one place a case's status changes: the table says where the action leads, and who may
    take it."""
    if not rules.may_act(kind, case.status, action):
        if action in rules.TRANSITIONS.get(case.status, {}):
            raise NotAllowed(_("You may not take this action on this case now."))
        raise ValidationError(_invalid(case))
    case.status = rules.next_status(case.status, action)
    return case.status


def _invalid(case) -> str:
    return _("This cannot be done while the case is “%(status)s”.") % {
        "status": case.get_status_display()
    }


def policy_on(day: date) -> CommercialPolicy:
    policy = CommercialPolicy.objects.filter(effective_from__lte=day).first()
    if policy is None:
        raise ValidationError(
            _("No commercial valuation policy is in force on %(day)s: load the reference data.")
            % {"day": day}
        )
    return policy


def refused(error: rules.Refused) -> ValidationError:
    """A rule's refusal as a form or API error on the field it concerns."""
    return ValidationError({error.field: error.message} if error.field else error.message)


@contextmanager
def refusing() -> Iterator[None]:
    """Run a pure rule's check: its refusal becomes the service's ValidationError."""
    try:
        yield
    except rules.Refused as error:
        raise refused(error) from None


def audit(*, actor: User | None, action: str, case, reason: str | Said = "", **changes) -> None:
    audit_record(actor=actor, action=action, target=case, reason=reason, changes=changes)


def notify_agent(
    of: CommercialCase, *, kind: NotificationKind, reason: str | Said = "", **params
) -> None:
    """CUS-56: each request for documents and each notice of part 2.2 goes to the entry's agent."""
    notify([of.entry.agent_id], kind=kind, reason=reason, entry=of.entry, params=params)


def entry_day(case: CommercialCase) -> date:
    return timezone.localdate(case.entry.filed_at)


def text(value, field: str, message) -> str:
    value = str(value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def amount_input(value, field: str, *, positive: bool = False) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("Enter an amount.")}) from None
    if not amount.is_finite() or amount < 0 or (positive and amount == 0):
        raise ValidationError(
            {
                field: _("Enter an amount above zero.")
                if positive
                else _("Enter an amount of zero or more.")
            }
        )
    # A finite Decimal's exponent is a number.
    if cast(int, amount.as_tuple().exponent) < -2 or amount >= Decimal("1e14"):
        raise ValidationError({field: _("Enter an amount in agorot, up to 14 digits.")})
    return amount


def whole_number(value, field) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None
