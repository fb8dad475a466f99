"""CUS-80 (the importer's three options; release; the security), CUS-83 (which notice)."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import CaseStatus, ImporterOption, Method, NoticeKind
from .base import Refused, blank, round_agorot, to_decimal
from .statuses import FINAL


def security_amount(taxes_declared, taxes_provisional) -> Decimal:
    """(c): the difference between the taxes on the provisional value and on the declared one."""
    return round_agorot(max(to_decimal(taxes_provisional) - to_decimal(taxes_declared), 0))


def check_not_satisfied(*, reasons: str, provisional_value, taxes_declared, taxes_provisional):
    if blank(reasons):
        raise Refused(_("Give the reasons the valuer is not satisfied."), "reasons")
    if provisional_value is None or to_decimal(provisional_value) <= 0:
        raise Refused(_("Set the provisional value."), "provisional_value")
    for name, value in (
        ("taxes_declared", taxes_declared),
        ("taxes_provisional", taxes_provisional),
    ):
        if value is None or to_decimal(value) < 0:
            raise Refused(_("Record the tax amount."), name)
    if to_decimal(taxes_provisional) < to_decimal(taxes_declared):
        raise Refused(
            _("The taxes on the provisional value are not below those on the declared value."),
            "taxes_provisional",
        )


def release_hold(
    status: str, option: str | None, payment_recorded: bool, security_recorded: bool
) -> str | None:
    """Why the entry may not be released yet (None: nothing in part 2.2 holds it): no choice
    recorded; (a) the goods stay under supervision until the check ends; (b) the payment under
    protest, (c) the deposit or guarantee, not yet recorded."""
    if status == CaseStatus.NOT_CONVINCED:
        return "choice"
    if status in FINAL or option is None:
        return None
    if option == ImporterOption.SUPERVISION:
        return "supervision"
    if option == ImporterOption.PROTEST and not payment_recorded:
        return "payment"
    if option == ImporterOption.SECURITY and not security_recorded:
        return "security"
    return None


RELEASE_HOLD_TEXT = {
    "choice": gettext_lazy(
        "Release waits for the importer's choice of the three options (CUS-80)."
    ),
    "supervision": gettext_lazy(
        "The importer chose to leave the goods under supervision until the check ends (CUS-80(a))."
    ),
    "payment": gettext_lazy(
        "Release waits for the payment under protest to be recorded (CUS-80(b))."
    ),
    "security": gettext_lazy(
        "Release waits for the deposit or bank guarantee to be recorded (CUS-80(c))."
    ),
}


def guarantee_warning(expires_on: date | None, *, today: date, days: int) -> bool:
    return expires_on is not None and today >= expires_on - timedelta(days=days)


def notice_kind(*, released: bool) -> str:
    """CUS-83: before release a notice of entry correction; after it a deficit notice."""
    return NoticeKind.DEFICIT if released else NoticeKind.ENTRY_CORRECTION


def check_value_notice(*, method: str, reasons: str) -> None:
    if method not in Method.values:
        raise Refused(_("A notice names the method that set the value."), "method")
    if blank(reasons):
        raise Refused(_("A notice gives its reasons."), "reasons")
