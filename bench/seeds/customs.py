"""The customs officers' and appeal committee's queue items: valuation cases."""

from datetime import timedelta

from django.utils import timezone

from taxportal.roles import Role

from .common import _name, _users


def _valuation_cases(start: int, stop: int) -> None:
    """Item n: a valuation case in one of the eight open statuses in turn, with its deadline
    0 to 59 days ahead or behind; every 50th with a guarantee lapsing within the warning days
    and every 40th with a notice still to post; and a vehicle case under appeal, forwarded to
    the committee."""
    from decimal import Decimal

    from customs_valuation.choices import (
        CaseKind,
        CaseStatus,
        DecisionKind,
        NoticeDelivery,
        ReleaseForm,
    )
    from customs_valuation.models import (
        Appeal,
        Decision,
        ProtestRelease,
        ValuationCase,
        VehiclePrice,
    )
    from customs_valuation.models.cases import OPEN_CASE_STATUSES

    today = timezone.localdate()
    officer = _users[Role.CUSTOMS_OFFICER]
    price = VehiclePrice.objects.order_by("pk").first()
    cases = []
    for n in range(start, stop):
        status = OPEN_CASE_STATUSES[n % len(OPEN_CASE_STATUSES)]
        due = today + timedelta(days=n % 120 - 60)
        first, last = _name(n)
        common = {
            "kind": CaseKind.VEHICLE,
            "officer": officer,
            "importer_national_id": f"{200_000_000 + n}",
            "importer_name": f"{first} {last}",
            "valuation_date": today,
            "make": price.make,
            "model": price.model,
            "manufacture_year": price.year,
            "price_list_entry": price,
            "chassis_number": f"WVW{n:014d}",
            "invoice_value": Decimal(10000 + n % 5000),
            "freight_origin": "europe",
        }
        cases.append(
            ValuationCase(
                status=status,
                answer_due=due if status == CaseStatus.NOTICE_OF_INTENT else None,
                appeal_due=due if status == CaseStatus.VALUE_SET else None,
                court_due=due if status == CaseStatus.APPEAL_DECIDED else None,
                determined_value=Decimal(40000),
                **common,
            )
        )
        cases.append(ValuationCase(status=CaseStatus.APPEALED, **common))
    cases = ValuationCase.objects.bulk_create(cases, batch_size=1000)
    member = _users[Role.APPEAL_COMMITTEE_MEMBER]
    now = timezone.now()
    Appeal.objects.bulk_create(
        Appeal(
            case=case, grounds="Too high.", filed_by=member, supervisor_opinion="Forward.",
            forwarded_at=now - timedelta(days=(case.pk % 30)),
        )
        for case in cases[1::2]
    )  # fmt: skip
    ProtestRelease.objects.bulk_create(
        ProtestRelease(
            case=case, form=ReleaseForm.BANK_GUARANTEE, amount=Decimal(5000), reference="G",
            lodged_on=today - timedelta(days=80), expires_on=today + timedelta(days=5),
            recorded_by=officer,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 50 == 0
    )  # fmt: skip
    Decision.objects.bulk_create(
        Decision(
            case=case, kind=DecisionKind.VALUE_SET, decided_by=officer, reasons="Cheap.",
            value=Decimal(40000), delivery=NoticeDelivery.POST,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 40 == 1
    )  # fmt: skip
