"""CUS-64 (terms of delivery; EXW when missing), CUS-66 (insurance), CUS-59 and CUS-63 (the
verification checklist)."""

from dataclasses import dataclass

from ..choices import CheckResult, VerificationStep

INCOTERMS = ("EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP")
# Terms under which the seller pays the carriage to the place of import.
CARRIAGE_PAID = frozenset({"CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"})


@dataclass(frozen=True)
class Terms:
    incoterm: str
    place: str
    assumed: bool


def delivery_terms(incoterm: str | None, place: str | None) -> Terms:
    """Missing terms are recorded as EXW, "assumed, not stated"."""
    code = str(incoterm or "").strip().upper()
    if not code:
        return Terms("EXW", str(place or "").strip(), assumed=True)
    return Terms(code, str(place or "").strip(), assumed=False)


def includes_freight(incoterm: str) -> bool:
    return incoterm in CARRIAGE_PAID


def needs_carriage_costs(incoterm: str) -> bool:
    """Under EXW, and any term that does not cover carriage to Israel, the case requires the
    costs from the place of delivery to the port or place of import."""
    return incoterm not in CARRIAGE_PAID


def insurance_open(*, insured: bool | None, forwarder_answer: str) -> bool:
    """CUS-66: when the importer declares the shipment was not insured, the forwarder's answer
    must be on record (no notional amount is ever added)."""
    return insured is False and not str(forwarder_answer or "").strip()


def open_problems(steps: dict[str, str]) -> list[str]:
    """CUS-63: acceptance needs no step left at "problem"."""
    order = list(VerificationStep.values)
    return sorted(
        (code for code, result in steps.items() if result == CheckResult.PROBLEM),
        key=lambda c: order.index(c) if c in order else len(order),
    )
