"""Billing a report set-based on PostgreSQL gives, line by line, what the rules applied one
line at a time give (GAR-5 to GAR-11, issue 18); completing withheld lines takes a constant
number of statements, whatever their number."""

import io
import json
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from garnishment import reference
from garnishment.models import Order, Report, ReportLine
from garnishment.services import ReportRefused, report_submit
from garnishment.services.processing_sql.staging import _FileForCopy
from taxportal.models import User

from .factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    link_submitter,
)
from .helpers import ASSETS, csv_bytes, good_row, submit

pytestmark = pytest.mark.django_db

BANK = "Bank Set Based"

# Values each field takes: written the common way, written another way `parse_date` or
# `parse_amount` reads, wrong, missing, too long, not plain text.
VALUES = {
    "third_party_name": ["", BANK, BANK.lower(), "Another Bank"],
    "debtor_id_kind": ["", "", "id", "company", "other", "ת.ז.", "passport"],
    "debtor_id": [
        "302466339", "302466339", "302466338", "30246633-9", " 302 466 339 ", "1", "0", "",
        "PASS-1", "520000472", "520000473", "416179157", "12345678901", "X" * 41,
    ],
    "debtor_name": ["Moshe Cohen", "Moshe Cohen", "", "משה כהן", "Zoë", "Mo\tshe", "N" * 201],
    "received_on": [
        "2026-05-03", "2026-05-03", "2026-05-31", "03/05/2026", "3.5.2026", "20260503",
        "2026-02-29", "2024-02-29", "2026-02-30", "2025-12-31", "2027-01-01", "1999-12-31",
        "2026-W18-7", "31/02/2026", "",
    ],
    "answered_on": ["2026-05-04", "2026-05-04", "", "04/05/2026", "2026-05-01", "yesterday"],
    "order_amount": [
        "1250.50", "1250.50", "100", "1,250.50", "₪ 99", "-5", "--5", "10.555", "12,50", "",
        "1e3", "1000000000000", ".5", "5.",
    ],
    "authority": ["TLV", "TLV", "tlv", "JLM", "NOWHERE", ""],
    "order_number": ["A-1", "A-2", "A-3", "A-1", "", "X" * 41],
    "case_number": ["", "1", "C" * 61],
    "assets_found": ["yes", "no", "כן", "לא נמצאו", "maybe", ""],
    "order_kind": ["", "", "", "delivery", "מסירה", "seizure"],
    "garnishment_order_number": ["", "A-1", "A-2", "UNKNOWN"],
}  # fmt: skip

row = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in VALUES.items()})
report = st.tuples(
    st.sampled_from(["csv", "csv", "quoted csv", "json"]),
    st.lists(st.one_of(row, row, row, st.just({})), min_size=1, max_size=7),
)


def send(bank, user, file_format: str, rows: list[dict], period: date) -> None:
    if file_format == "json":
        lines = [r or {"order_number": ""} for r in rows]
        body = json.dumps({"period": f"{period:%Y-%m}", "lines": lines}).encode()
        report_submit(
            third_party=bank,
            period=period,
            binary=io.BytesIO(body),
            original_name="report.json",
            file_format="json",
            channel=Report.Channel.API,
            actor=user,
            json_lines=lines,
        )
        return
    content = csv_bytes(rows)
    if file_format == "quoted csv":  # a quoted cell: the file is read by Python, not COPY
        content = content.replace(b"\n", b',"x"\n', 1)
    report_submit(
        third_party=bank,
        period=period,
        binary=io.BytesIO(content),
        original_name="report.csv",
        file_format="csv",
        channel=Report.Channel.UPLOAD,
        actor=user,
    )


def outcome(bank) -> dict:
    """Every report, line and order of `bank`, keyed by what identifies it, not by ids."""
    reports = {r.pk: r.period for r in Report.objects.filter(third_party=bank)}
    where = {
        line.pk: (reports[line.report_id], line.line_number)
        for line in ReportLine.objects.filter(report__third_party=bank)
    }
    lines = {
        where[line.pk]: (
            line.status,
            line.authority.code if line.authority else None,
            (line.order.authority.code, line.order.order_number) if line.order else None,
            line.order_number,
            line.debtor_id_kind,
            line.debtor_id,
            line.debtor_name,
            line.received_on,
            line.order_amount,
            line.answered_on,
            line.case_number,
            line.order_kind,
            line.garnishment_order_number,
            line.assets_found,
            line.fee_code,
            line.fee_billed,
            line.fee_reason,
            line.problems,
            line.raw,
            line.due_on,
            where.get(line.completed_by_id),
        )
        for line in ReportLine.objects.filter(report__third_party=bank).select_related(
            "authority", "order__authority"
        )
    }
    orders = {
        (o.authority.code, o.order_number): (o.received_on, o.billed_amount, o.fee_code)
        for o in Order.objects.filter(third_party=bank).select_related("authority")
    }
    totals = {
        r.period: (
            r.processing,
            r.line_count,
            r.accepted_count,
            r.withheld_count,
            r.rejected_count,
            r.billed_total,
        )
        for r in Report.objects.filter(third_party=bank)
    }
    return {"lines": lines, "orders": orders, "reports": totals}


class _Undo(Exception):
    pass


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the set-based path is PostgreSQL's own"
)
class TestSetBasedBillsAsTheRules(HypothesisTestCase):
    """Random small reports (every field written the common way, another way, wrong, missing,
    too long), resubmitted, upgraded 2 -> 19, completed, as CSV copied by COPY, CSV read by
    Python and JSON: the set-based path stores exactly what the line-by-line rules store."""

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(report, min_size=1, max_size=3))
    def test_gar_11_set_based_lines_equal_the_rules(self, reports):
        reference.load()
        bank = ThirdPartyFactory(name=BANK)
        ServiceArrangementFactory(authority=ServingAuthorityFactory(code="TLV"), third_party=bank)
        ServiceArrangementFactory(  # notified on 5 May: earlier orders bill nothing
            authority=ServingAuthorityFactory(code="JLM"),
            third_party=bank,
            notice_on=date(2026, 5, 5),
        )
        user = link_submitter(User.objects.create(username="set-based"), bank)

        def run(set_based: bool) -> dict:
            refused = []
            with override_settings(GARNISHMENT_SET_BASED=set_based):
                # The first report again at the end changes nothing (GAR-11).
                for month, (file_format, rows) in [*enumerate(reports, start=3), (3, reports[0])]:
                    try:
                        send(bank, user, file_format, rows, date(2026, month, 1))
                    except ReportRefused as refusal:  # every line blank: refused whole
                        refused.append(refusal.problem.code)
            return {**outcome(bank), "refused": refused}

        try:
            with transaction.atomic():
                set_based = run(True)
                raise _Undo
        except _Undo:
            pass
        rules = run(False)
        differing = {
            key: [
                (n, ours, theirs)
                for n, (ours, theirs) in enumerate(zip(value, rules["lines"][key], strict=True))
                if ours != theirs
            ]
            if key in rules["lines"]
            else value
            for key, value in set_based["lines"].items()
            if rules["lines"].get(key) != value
        }
        assert not differing, differing
        assert set_based == rules


def test_gar_9_completing_n_withheld_lines_takes_the_same_statements(bank, city, submitter):
    """Receiving, checking, billing and completing 3 withheld lines or 40: the same number of
    statements (on either path)."""

    def complete(count: int, first_month: int) -> int:
        numbers = [f"W{first_month}-{n}" for n in range(count)]
        withheld = [good_row(order_number=n, debtor_name="") for n in numbers]
        first, _ = submit(bank, submitter, withheld, period=date(2026, first_month, 1))
        assert first.withheld_count == count
        corrected = [good_row(order_number=n) for n in numbers]
        with CaptureQueriesContext(connection) as queries:
            second, _ = submit(bank, submitter, corrected, period=date(2026, first_month + 1, 1))
        first.refresh_from_db()
        assert (first.accepted_count, first.withheld_count) == (count, 0)
        assert second.billed_total == 0  # each order was billed by its withheld line
        assert set(first.lines.values_list("completed_by__report", flat=True)) == {second.pk}
        assert Order.objects.get(order_number=numbers[0]).billed_amount == ASSETS
        return len(queries)

    assert complete(3, 1) == complete(40, 3)


@pytest.mark.parametrize(
    ("data", "spaces"),
    [
        (b"a,b\r\nc,d\r\n", False),
        (b"a b,c d\r\n", False),  # spaces inside cells only: nothing to trim
        (b"a ,b\nc,d\n", True),  # before a comma
        (b"a, b\nc,d\n", True),  # after a comma
        (b"a,b\n c,d\n", True),  # after a line break
        (b"a,b \r\nc,d\r\n", True),  # before a CR LF
        (b"a,b\nc,d ", True),  # at the end of the file
    ],
)
@pytest.mark.parametrize("chunk", [2, 3, 1 << 18])
def test_a_file_copied_as_it_is_is_trimmed_when_a_cell_starts_or_ends_with_a_space(
    data, spaces, chunk
):
    source = _FileForCopy(io.BytesIO(data))
    while source.read(chunk):
        pass
    assert source.spaces is spaces
