"""Additions to the price paid: freight (CUS-65), kosher costs and export-country taxes
(CUS-67), commissions (CUS-72, CUS-73), financing interest (CUS-74), royalties (CUS-78)."""

from ..choices import CommissionKind, FreightKind

FREIGHT_ADDED = frozenset({FreightKind.CARRIAGE, FreightKind.SURCHARGE})
FREIGHT_NOT_ADDED = frozenset(
    {FreightKind.DEMURRAGE, FreightKind.CONTAINER_DEPOSIT, FreightKind.INTER_PORT}
)


def freight_included(
    kind: str, *, director_notice: bool = False, importer_bears_difference: bool = False
) -> bool:
    """CUS-65: carriage to the port of import and its surcharges are added; demurrage, container
    deposit and moves between Israeli ports are not; a special circumstance is left out only
    under a Director's notice; air instead of sea not up to the importer is not added unless the
    importer bears the difference."""
    if kind in FREIGHT_ADDED:
        return True
    if kind in FREIGHT_NOT_ADDED:
        return False
    if kind == FreightKind.SPECIAL_CIRCUMSTANCE:
        return not director_notice
    if kind == FreightKind.AIR_DIFFERENCE:
        return bool(importer_bears_difference)
    raise ValueError(f"unknown freight kind {kind!r}")


def addition_included(kind: str, *, refund_proven: bool = False) -> bool:
    """CUS-67: kosher costs are part of production; export-country taxes are included unless
    their refund is proved."""
    if kind == "kosher":
        return True
    if kind == "export_tax":
        return not refund_proven
    return True


def commission_included(
    kind: str,
    *,
    already_in_price: bool = False,
    acts_for_importer: bool = False,
    own_benefit: bool = False,
    trading_company: bool = False,
    amount_detailed: bool = False,
    charged_separately: bool = False,
) -> bool:
    """CUS-72: a selling commission is added unless already in the price. CUS-73: a buying
    commission is left out only when (1) the agent acts for the importer, (5) the amount and its
    computation are detailed and (6) it is charged apart from the price are confirmed, and (2) an
    agent for its own benefit or (4) a trading company owning the goods do not apply."""
    if kind == CommissionKind.SELLING:
        return not already_in_price
    proven = acts_for_importer and amount_detailed and charged_separately
    return not (proven and not own_benefit and not trading_company)


def interest_included(
    *, separate: bool, in_writing: bool, proofs_required: bool, proofs_accepted: bool
) -> bool:
    """CUS-74: interest is left out only when separate from the price, under a written
    arrangement, and with its proofs accepted when they were required."""
    left_out = separate and in_writing and (not proofs_required or proofs_accepted)
    return not left_out


def royalty_treatment(
    *,
    relates_to_goods: bool,
    condition_of_sale: bool,
    reproduction_right: bool = False,
    already_in_price: bool = False,
    amount_known: bool = True,
) -> str:
    """CUS-78: "add", "leave_out", or "disqualify" (an amount that cannot be set at valuation
    disqualifies the transaction value)."""
    if reproduction_right or not (relates_to_goods and condition_of_sale) or already_in_price:
        return "leave_out"
    if not amount_known:
        return "disqualify"
    return "add"
