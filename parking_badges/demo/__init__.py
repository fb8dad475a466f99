"""Demo badge cases: applications in every status, badges in every state, a register with the
vehicle kinds the rules care about; and the money side: a transfer with an open fee difference
(restriction 16), a paid one, an exempt vehicle, refunds (an open one and an approved financial
lease, reason 08), importer files (one past its 48 hours) and an approved enforcement authority
with this month's file. Built through the services, dated relative to today. Idempotent:
nothing is added once the demo holders exist."""

from ..models import DisabledPerson
from .cases import DEMO_CITIZEN_ID, PRINTING_HOUSE_USER, _Demo
from .fees import _load_fees
from .organisation import _organisation_demo, _printing_house_user

__all__ = ["DEMO_CITIZEN_ID", "PRINTING_HOUSE_USER", "load"]


def load(*, stdout) -> None:
    _printing_house_user(stdout)
    if DisabledPerson.objects.filter(national_id=DEMO_CITIZEN_ID).exists():
        stdout.write("Badge demo cases already loaded.")
    else:
        _Demo(stdout).run()
        stdout.write(f"Badge demo cases: {DisabledPerson.objects.count()} holders.")
    _organisation_demo(stdout)
    _load_fees(stdout=stdout)
