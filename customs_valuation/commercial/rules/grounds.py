"""CUS-29 (grounds that disqualify the transaction value), CUS-58 and CUS-89 (no sale, or no
sales invoice: the alternative methods)."""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..choices import Ground, InvoiceKind, TransactionNature
from .base import Refused, blank

NO_SALE = frozenset(
    {TransactionNature.CONSIGNMENT, TransactionNature.NO_CONSIDERATION, TransactionNature.LEASE}
)


@dataclass(frozen=True)
class GroundFinding:
    code: str
    reason: str
    asked: str = ""
    answered: str = ""


def check_ground(finding: GroundFinding) -> None:
    if finding.code not in Ground.values:
        raise Refused(_("Choose one of the grounds (a) to (f)."), "code")
    if blank(finding.reason):
        raise Refused(_("Give the reason the ground applies."), "reason")
    if finding.code == Ground.DOUBT and (blank(finding.asked) or blank(finding.answered)):
        raise Refused(
            _("Ground (f) needs what the importer was asked and what they answered."), "asked"
        )


def check_disqualification(findings: list[GroundFinding]) -> None:
    """CUS-29: at least one ground, each with its reason, each once; (f) with the record of what
    the importer was asked and answered."""
    if not findings:
        raise Refused(_("Record at least one disqualifying ground with its reason."), "grounds")
    codes = [f.code for f in findings]
    if len(set(codes)) != len(codes):
        raise Refused(_("Each ground is recorded once."), "grounds")
    for finding in findings:
        check_ground(finding)


def transaction_value_barred(nature: str, invoice_kind: str) -> list[str]:
    """Why the declared value cannot be the transaction value whatever the checks find: no sale
    (CUS-58), a price for the right of use, or a document that is not a sales invoice (CUS-89)."""
    barred = []
    if nature in NO_SALE:
        barred.append("no_sale")
    elif nature == TransactionNature.RIGHT_OF_USE:
        barred.append("right_of_use")
    if invoice_kind != InvoiceKind.SALES_INVOICE:
        barred.append("not_a_sales_invoice")
    return barred


BARRED_TEXT = {
    "no_sale": gettext_lazy("no sale for export took place (CUS-58)"),
    "right_of_use": gettext_lazy(
        "the price was paid for the right of use, not for the goods (CUS-89)"
    ),
    "not_a_sales_invoice": gettext_lazy("the document is not a sales invoice (CUS-89)"),
}


def valuation_date(*, import_date: date, sale_date: date | None, valued_on: date) -> date:
    """CUS-89: a temporary import later sold is valued as at its date of import, never the date
    of sale in Israel or of valuation."""
    return import_date
