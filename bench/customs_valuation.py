"""Customs valuation: worksheets and the daily finalising job at scale (the officers' queue
page is measured by `bench pages`).

Sizes: BENCH_CUSTOMS_CASES (3,000 due cases, and as many in notice of intent; one due case in
three holds a bank guarantee, forfeited with its decision and notice), BENCH_CUSTOMS_WORKSHEETS
(500 worksheets). Each line prints the rows, the time, the rate and peak memory."""

import os
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from bench.harness import measure, scratch_database

CASES = int(os.environ.get("BENCH_CUSTOMS_CASES", "3000"))
WORKSHEETS = int(os.environ.get("BENCH_CUSTOMS_WORKSHEETS", "500"))


def _cases(status, officer, importer, price, count):
    from customs_valuation.models import CaseKind, ValuationCase

    today = timezone.localdate()
    ValuationCase.objects.bulk_create(
        [
            ValuationCase(
                kind=CaseKind.VEHICLE, status=status, officer=officer,
                importer_national_id=importer.national_id, importer_name="Bench Importer",
                valuation_date=today, make=price.make, model=price.model,
                manufacture_year=price.year, price_list_entry=price,
                invoice_value=Decimal(10000 + i), freight_origin="europe",
                answer_due=today + timedelta(days=i % 40), appeal_due=today - timedelta(days=1),
                determined_value=Decimal(40000),
            )
            for i in range(count)
        ],
        batch_size=1000,
    )  # fmt: skip


def _guarantees(officer, due_cases) -> None:
    from customs_valuation.models import ProtestRelease, ReleaseForm

    today = timezone.localdate()
    ProtestRelease.objects.bulk_create(
        [
            ProtestRelease(
                case_id=case_id, form=ReleaseForm.BANK_GUARANTEE, amount=Decimal(5000),
                reference=f"G-{case_id}", lodged_on=today - timedelta(days=30),
                expires_on=today + timedelta(days=300), recorded_by=officer,
            )
            for case_id in due_cases.order_by("pk").values_list("pk", flat=True)[::3]
        ],
        batch_size=1000,
    )  # fmt: skip


def run() -> None:
    with scratch_database():
        from customs_valuation import reference, selectors, services
        from customs_valuation.models import CaseStatus, ValuationCase, VehiclePrice
        from taxportal.models import User

        reference.load()
        officer = User.objects.create(username="bench-officer")
        officer.groups.add(Group.objects.get(name="customs_officer"))
        importer = User.objects.create(username="bench-importer", national_id="868250804")
        price = VehiclePrice.objects.first()
        _cases(CaseStatus.NOTICE_OF_INTENT, officer, importer, price, CASES)
        _cases(CaseStatus.VALUE_SET, officer, importer, price, CASES)
        _guarantees(officer, ValuationCase.objects.filter(status=CaseStatus.VALUE_SET))

        def worksheets():
            cases = ValuationCase.objects.order_by("pk")[:WORKSHEETS]
            return sum(
                1 for _case, sheet in selectors.case_worksheets(cases) if sheet.proposed_value
            )

        measure("case worksheets", worksheets)
        measure("finalise due cases", services.cases_finalise_due)
