"""Receiving monthly reports: every field checked, good lines kept, each order billed once
(GAR-5 to GAR-11, GAR-17)."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from garnishment import reference
from garnishment.models import Order, Report, ReportLine
from garnishment.rules import FeeReason
from garnishment.services import ReportRefused, report_submit, third_party_stop_service
from taxportal.money import to_decimal
from taxportal.roles import Role

from .factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    enter_cpi,
)
from .helpers import (
    ASSETS,
    NO_ASSETS_FEE,
    csv_bytes,
    good_row,
    outcome,
    submit,
    submit_file,
    xlsx_bytes,
)

ISRAEL = ZoneInfo("Asia/Jerusalem")

pytestmark = pytest.mark.django_db


def only_line(report: Report) -> ReportLine:
    return report.lines.get()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("debtor_id", "302466338", "national_id_checksum"),
        ("debtor_id", "12345678901", "national_id_format"),
        ("received_on", "31/02/2026", "date"),
        ("received_on", "2026-13-01", "date"),
        ("received_on", "2027-01-01", "future_date"),
        ("answered_on", "yesterday", "date"),
        ("answered_on", "2026-05-01", "answer_before_receipt"),
        ("order_amount", "12,50", "amount"),
        ("order_amount", "-5", "negative_amount"),
        ("order_amount", "10.555", "amount"),
        ("assets_found", "maybe", "flag"),
        ("authority", "NOWHERE", "unknown_authority"),
        ("debtor_id_kind", "passport", "id_kind"),
        ("third_party_name", "Another Bank", "other_third_party"),
        ("order_number", "", "required"),
        ("authority", "", "required"),
        ("received_on", "", "required"),
        ("assets_found", "", "required"),
        ("order_number", "X" * 41, "too_long"),
    ],
)
def test_gar_11_a_bad_field_rejects_the_line_with_line_field_and_message(
    bank, city, submitter, field, value, code
):
    bad = {**good_row(order_number="A-2"), field: value}
    report, _ = submit(bank, submitter, [good_row(), bad])
    assert outcome(report)[0] == (2, "accepted", "19.00")
    line = report.lines.get(line_number=3)
    assert line.status == ReportLine.Status.REJECTED and line.fee_billed == 0
    assert {"field": field, "code": code} in [
        {"field": p["field"], "code": p["code"]} for p in line.problems
    ]
    problem = next(p for p in line.problems if p["field"] == field)
    assert problem["message"] and problem["message_he"] != problem["message"]
    assert line.raw  # the line as received is kept


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("debtor_id", "30246633-9", "302466339"),
        ("debtor_id", " 302 466 339 ", "302466339"),
        ("received_on", "03/05/2026", date(2026, 5, 3)),
        ("received_on", "03.05.2026", date(2026, 5, 3)),
        ("order_amount", "1,250.50", to_decimal("1250.50")),
        ("order_amount", "₪ 99", to_decimal(99)),
        ("assets_found", "כן", True),
        ("assets_found", "no", False),
        ("assets_found", "0", False),
        ("authority", "tlv", None),
        ("third_party_name", "bank hapoalim test", None),
        ("case_number", "", None),
    ],
)
def test_gar_11_good_values_are_accepted(bank, city, submitter, field, value, stored):
    report, _ = submit(bank, submitter, [good_row(**{field: value})])
    line = only_line(report)
    assert line.status == ReportLine.Status.ACCEPTED, line.problems
    if stored is not None:
        model_field = {"debtor_id": "debtor_id"}.get(field, field)
        assert getattr(line, model_field) == stored


def test_gar_11_company_numbers_are_checked(bank, city, submitter):
    report, _ = submit(
        bank,
        submitter,
        [
            good_row(debtor_id_kind="company", debtor_id="520000472"),
            good_row(debtor_id_kind="company", debtor_id="520000473", order_number="A-2"),
            good_row(debtor_id_kind="other", debtor_id="PASS-123", order_number="A-3"),
        ],
    )
    assert [status for _, status, _ in outcome(report)] == ["accepted", "rejected", "accepted"]
    assert report.lines.get(line_number=3).problems[0]["code"] == "company_number_checksum"


@pytest.mark.parametrize("field", ["debtor_id", "debtor_name", "order_amount", "answered_on"])
def test_gar_9_a_missing_detail_withholds_the_line(bank, city, submitter, field):
    report, _ = submit(bank, submitter, [good_row(**{field: ""})])
    line = only_line(report)
    assert line.status == ReportLine.Status.WITHHELD
    assert line.problems[0]["field"] == field and line.due_on is None
    assert report.withheld_count == 1


def test_gar_9_a_corrected_line_completes_the_withheld_one(bank, city, submitter):
    first, _ = submit(bank, submitter, [good_row(debtor_name=""), good_row(order_number="A-2")])
    assert outcome(first) == [(2, "withheld", "19.00"), (3, "accepted", "19.00")]
    second, _ = submit(bank, submitter, [good_row()], period=date(2026, 6, 1))
    assert outcome(second) == [(2, "accepted", "0.00")]
    withheld = first.lines.get(line_number=2)
    assert withheld.status == ReportLine.Status.ACCEPTED
    assert withheld.completed_by == second.lines.get() and withheld.due_on is not None
    first.refresh_from_db()
    assert (first.accepted_count, first.withheld_count) == (2, 0)
    assert Order.objects.get(order_number="A-1").billed_amount == ASSETS


def test_gar_11_same_report_again_changes_nothing(bank, city, submitter):
    rows = [good_row(), good_row(order_number="A-2", debtor_id="1"), good_row(debtor_name="")]
    first, created = submit(bank, submitter, rows)
    counts = (Report.objects.count(), ReportLine.objects.count(), Order.objects.count())
    again, created_again = submit(bank, submitter, rows)
    assert created and not created_again and again == first
    assert (Report.objects.count(), ReportLine.objects.count(), Order.objects.count()) == counts


def test_gar_11_original_file_is_stored_unchanged(bank, city, submitter):
    content = csv_bytes([good_row()])
    report, _ = submit(bank, submitter, [good_row()])
    with report.original_file.open("rb") as stored:
        assert stored.read() == content


def test_gar_7_once_per_order_across_months_and_upgrade(bank, city, submitter):
    may, _ = submit(bank, submitter, [good_row(assets_found="no")])
    june, _ = submit(
        bank, submitter, [good_row(assets_found="no", case_number="1")], date(2026, 6, 1)
    )
    july, _ = submit(
        bank, submitter, [good_row(assets_found="yes", debtor_name="M. Cohen")], date(2026, 7, 1)
    )
    august, _ = submit(bank, submitter, [good_row(assets_found="no", case_number="9")])
    assert [only_line(r).fee_billed for r in (may, june, july, august)] == [2, 0, 17, 0]
    assert only_line(july).fee_reason == FeeReason.UPGRADE
    assert Order.objects.get().billed_amount == ASSETS


def test_gar_7_same_order_twice_in_one_report(bank, city, submitter):
    report, _ = submit(bank, submitter, [good_row(assets_found="no"), good_row(assets_found="yes")])
    assert outcome(report) == [(2, "accepted", "2.00"), (3, "accepted", "17.00")]
    assert report.billed_total == ASSETS


def test_gar_15_fee_from_the_schedule_on_the_day_received(bank, city, submitter):
    # 110 / 100 - 1 = 10% >= 5%, so from 1 January 2025: 19 x 110 / 100 = 20.90 -> 21.00.
    enter_cpi({**dict.fromkeys(range(2016, 2024), "100"), 2024: "110"})
    report, _ = submit(bank, submitter, [good_row()])
    assert only_line(report).fee_billed == Decimal("21.00")


def test_gar_17_nothing_before_commencement_and_says_why(bank, city, submitter):
    report, _ = submit(bank, submitter, [good_row(received_on="2025-12-31", answered_on="")])
    line = only_line(report)
    assert line.fee_billed == 0 and line.fee_reason == FeeReason.BEFORE_COMMENCEMENT


def test_gar_1_nothing_while_not_entitled(base_fees, make_user):
    from .factories import link_submitter

    late = ThirdPartyFactory(published_on=date(2026, 4, 20))  # billable from 20 May
    authority = ServingAuthorityFactory(code="HFA")
    ServiceArrangementFactory(authority=authority, third_party=late, notice_on=date(2026, 5, 10))
    user = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), late)
    report, _ = submit(
        late,
        user,
        [
            good_row(authority="HFA", received_on="2026-05-19", answered_on="2026-05-20"),
            good_row(authority="HFA", order_number="A-2", received_on="2026-05-20", answered_on=""),
        ],
    )
    assert [line.fee_reason for line in report.lines.order_by("line_number")] == [
        FeeReason.NOT_RECOGNISED,
        FeeReason.BILLED,
    ]


def test_gar_1b_nothing_before_the_authoritys_notice(bank, submitter):
    authority = ServingAuthorityFactory(code="JLM")
    ServiceArrangementFactory(authority=authority, third_party=bank, notice_on=date(2026, 5, 5))
    report, _ = submit(bank, submitter, [good_row(authority="JLM")])
    assert only_line(report).fee_reason == FeeReason.NO_NOTICE


def test_gar_3_service_stops_at_the_third_partys_own_report(bank, city, submitter):
    third_party_stop_service(
        third_party=bank,
        actor=submitter,
        reason="officer left",
        at=datetime(2026, 5, 10, 9, 0, tzinfo=ISRAEL),
    )
    report, _ = submit(
        bank,
        submitter,
        [
            good_row(order_number="A-1", received_on="2026-05-09", answered_on="2026-05-12"),
            good_row(order_number="A-2", received_on="2026-05-10", answered_on="2026-05-12"),
            good_row(order_number="A-3", received_on="2026-05-11", answered_on="2026-05-12"),
        ],
    )
    # 9 May: before the report's day, 19.00. 10 May (the report's day) and 11 May: 0.00.
    assert [(ln.fee_reason, str(ln.fee_billed)) for ln in report.lines.order_by("line_number")] == [
        (FeeReason.BILLED, "19.00"),
        (FeeReason.NOT_RECOGNISED, "0.00"),
        (FeeReason.NOT_RECOGNISED, "0.00"),
    ]


def test_gar_11_xlsx_upload_is_read(bank, city, submitter):
    content = xlsx_bytes(
        [
            ["", "id", 302466339, "Moshe", datetime(2026, 5, 3), 1250.5, "TLV", "X1",
             datetime(2026, 5, 4), "", "yes"],
            ["", "id", 302466338, "Moshe", datetime(2026, 5, 3), 10, "TLV", "X2",
             datetime(2026, 5, 4), "", "no"],
        ]
    )  # fmt: skip
    report, _ = submit_file(bank, submitter, content, "xlsx")
    assert outcome(report) == [(2, "accepted", "19.00"), (3, "rejected", "0.00")]
    assert report.lines.get(line_number=2).order_amount == to_decimal("1250.50")


def test_gar_11_a_file_without_the_fee_columns_is_refused_as_a_whole(bank, city, submitter):
    with pytest.raises(ReportRefused) as refused:
        report_submit(
            third_party=bank,
            period=date(2026, 5, 1),
            binary=io.BytesIO(b"name,amount\nx,1\n"),
            original_name="bad.csv",
            file_format="csv",
            channel=Report.Channel.UPLOAD,
            actor=submitter,
        )
    assert refused.value.problem.code == "missing_columns" and refused.value.status == 422
    assert not Report.objects.exists()


class TestOncePerOrderProperty(HypothesisTestCase):
    """Over any sequence of reports, each order bills at most the highest fee, and exactly the
    fee of its best answer (GAR-7)."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(
            st.lists(
                st.tuples(st.sampled_from(["O1", "O2", "O3"]), st.booleans()),
                min_size=1,
                max_size=6,
            ),
            min_size=1,
            max_size=5,
        )
    )
    def test_gar_7_total_per_order_is_its_best_answer(self, reports):
        from taxportal.models import User

        from .factories import link_submitter

        reference.load()
        bank = ThirdPartyFactory()
        authority = ServingAuthorityFactory(code="TLV")
        ServiceArrangementFactory(authority=authority, third_party=bank)
        user = link_submitter(User.objects.create(username="property"), bank)
        best: dict[str, bool] = {}
        for month, answers in enumerate(reports, start=1):
            rows = [
                good_row(order_number=number, assets_found="yes" if found else "no")
                for number, found in answers
            ]
            submit(bank, user, rows, period=date(2026, month, 1))
            for number, found in answers:
                best[number] = best.get(number, False) or found
        billed = {o.order_number: o.billed_amount for o in Order.objects.filter(third_party=bank)}
        line_totals = {
            number: sum(
                ReportLine.objects.filter(order__order_number=number).values_list(
                    "fee_billed", flat=True
                )
            )
            for number in best
        }
        for number, found in best.items():
            expected = ASSETS if found else NO_ASSETS_FEE
            assert billed[number] == line_totals[number] == expected <= max(ASSETS, NO_ASSETS_FEE)


def test_gar_11_hebrew_column_headers_are_read(bank, city, submitter):
    content = (
        "שם הצד השלישי,מספר מזהה,שם החייב,תאריך קבלת העיקול,סכום העיקול,מטיל העיקול,"
        "מספר צו,תאריך משלוח התשובה,מספר תיק,נמצאו נכסים\n"
        "Bank Hapoalim Test,302466339,משה כהן,03/05/2026,100,TLV,H-1,04/05/2026,,לא\n"
    ).encode()
    report, _ = report_submit(
        third_party=bank,
        period=date(2026, 5, 1),
        binary=io.BytesIO(content),
        original_name="he.csv",
        file_format="csv",
        channel=Report.Channel.UPLOAD,
        actor=submitter,
    )
    assert outcome(report) == [(2, "accepted", "2.00")]
