"""The garnishment queues' items: third parties, authorities, reports and statements."""

import functools
from datetime import date, timedelta

from taxportal.roles import Role

from .common import MONTHS, _users


@functools.cache
def _third_party(k: int):
    from garnishment.models import ThirdParty

    found, _ = ThirdParty.objects.get_or_create(
        name=f"Bench bank {k}",
        defaults={
            "company_number": f"{500_000_000 + k}", "status": ThirdParty.Status.PUBLISHED,
            "security_officer_name": "Officer", "security_officer_national_id": "302466339",
            "security_officer_email": "ciso@bank.example", "security_officer_phone": "03-5555555",
            "form1_signer_name": "Signer", "form1_signer_national_id": "629923129",
            "form1_signer_role": "CEO", "form1_signed_on": "2016-01-01",
            "published_on": "2016-02-01",
        },
    )  # fmt: skip
    return found


@functools.cache
def _authority(k: int):
    from garnishment.models import ServingAuthority

    found, _ = ServingAuthority.objects.get_or_create(
        code=f"BENCH{k}", defaults={"name": f"Bench city {k}", "kind": "local"}
    )
    return found


def _garnishment(start: int, stop: int) -> None:
    """Item n: a report of the first bank (month n, a file of its own), line n of one large
    report, and two monthly statements: the first city's with bank n // 120 and the first
    bank's with city 1 + n // 120, for month n % 120."""
    from decimal import Decimal

    from garnishment.models import MonthlyStatement, Report, ReportLine

    user = _users[Role.THIRD_PARTY_SUBMITTER]
    bank, city = _third_party(0), _authority(0)
    first = date(2016, 1, 1)

    def month(n: int):
        return date(first.year + (n % MONTHS) // 12, 1 + n % 12, 1)

    common = {
        "third_party": bank, "submitted_by": user, "channel": Report.Channel.UPLOAD,
        "file_format": "csv", "processing": Report.Processing.DONE, "line_count": 1,
        "accepted_count": 1, "billed_total": Decimal("19.00"),
    }  # fmt: skip
    Report.objects.bulk_create(
        Report(period=month(n), original_name=f"report-{n}.csv", content_hash=f"r{n}", **common)
        for n in range(start, stop)
    )
    lines_report = Report.objects.filter(original_name="lines.csv").first()
    if lines_report is None:
        lines_report = Report.objects.create(
            period=date(2026, 5, 1), original_name="lines.csv", content_hash="lines", **common
        )
    ReportLine.objects.bulk_create(
        ReportLine(
            report=lines_report, line_number=n + 2, status=ReportLine.Status.ACCEPTED,
            authority=city, order_number=f"A-{n}", debtor_id_kind="id", debtor_id="302466339",
            debtor_name="Moshe Cohen", received_on=date(2026, 5, 3), fee_code="assets_found",
            fee_billed=Decimal("19.00"), fee_reason="billed", due_on=date(2026, 7, 1),
        )
        for n in range(start, stop)
    )  # fmt: skip
    amounts = {
        "assets_found_count": 1, "assets_found_amount": Decimal("19.00"), "no_assets_count": 0,
        "no_assets_amount": Decimal(0), "withheld_count": 0, "withheld_amount": Decimal(0),
    }  # fmt: skip
    MonthlyStatement.objects.bulk_create(
        [
            MonthlyStatement(
                authority=city, third_party=_third_party(n // MONTHS), period=month(n),
                due_on=month(n) + timedelta(days=60), **amounts,
            )
            for n in range(start, stop)
        ]
        + [
            MonthlyStatement(
                authority=_authority(1 + n // MONTHS), third_party=bank, period=month(n),
                due_on=month(n) + timedelta(days=60), **amounts,
            )
            for n in range(start, stop)
        ]
    )  # fmt: skip
