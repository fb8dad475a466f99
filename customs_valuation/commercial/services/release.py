"""What part 2.3's release asks of part 2.2 (CUS-80): the entry waits for the importer's choice
and, under (b) or (c), for the payment or the security; under (a) for the end of the check."""

from ..choices import SecurityKind
from ..models import CaseSecurity, CommercialCase
from ..rules import RELEASE_HOLD_TEXT, release_hold


def release_hold_reason(entry) -> str | None:
    case = CommercialCase.objects.filter(entry=entry).first()
    if case is None:
        return None
    kinds = set(CaseSecurity.objects.filter(case=case).values_list("kind", flat=True))
    hold = release_hold(
        case.status,
        case.importer_option or None,
        SecurityKind.PROTEST_PAYMENT in kinds,
        bool(kinds & {SecurityKind.DEPOSIT, SecurityKind.BANK_GUARANTEE}),
    )
    return None if hold is None else str(RELEASE_HOLD_TEXT[hold])
