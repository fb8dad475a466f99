"""CUS-4, CUS-6: the declared value."""

from decimal import Decimal

from taxportal.money import round_agorot


def declared_value(
    *, has_invoice: bool, invoice_value, export_taxes, export_taxes_refunded: bool
) -> Decimal | None:
    """The invoice price net of the export country's taxes itemised on it, plus those taxes
    unless their refund is proven: each tax is counted once. None without an invoice."""
    if not has_invoice or invoice_value is None:
        return None
    if export_taxes_refunded or not export_taxes:
        return round_agorot(invoice_value)
    return round_agorot(invoice_value + export_taxes)
