"""Issue 12, garnishment table: one test per defect, written from the spec (garnishment.md and
its Decision lines) before the fix. Every expected value is worked out by hand in a comment.

Interfaces these tests assume (they do not exist on main yet; implement exactly these, or
change only the call, never the expected value):

- GAR-3  ``garnishment.services.third_party_revoke(*, third_party, revoked_on: date, reason: str,
  actor) -> ThirdParty``: the director revokes from the portal; a blank reason is refused with
  ``ValidationError``; orders received on ``revoked_on`` or later bill nothing; audited with the
  reason.
- GAR-3  ``garnishment.selectors.third_parties_to_review()``: the third parties waiting for the
  director's review (new requests, and published ones that replaced their security officer or
  form 1); ``bank in third_parties_to_review()`` must work (queryset or list).
- GAR-7  two more report columns (canonical names, also accepted in a CSV header):
  ``order_kind`` ("garnishment" | "delivery"; empty means garnishment) and
  ``garnishment_order_number`` (for a delivery order: the garnishment order it names).
- GAR-9  ``garnishment.services.payment_record(..., advance: bool = False)``: a payment above
  what is still due for the statement (payable minus what was already paid) raises
  ``ValidationError`` unless ``advance=True``.
- GAR-10 ``settings.GARNISHMENT_RETENTION_YEARS`` (int) and
  ``garnishment.services.reports_purge_personal_data(*, today: date, actor=None) -> int``
  (the purge job's service; returns how many reports it purged; writes an audit record). The
  admin refuses to delete a report submitted less than three years ago.
- GAR-12 ``garnishment.rules.indexed_amounts`` raises ``ValueError`` (or a subclass) when a
  year between 2016 and the last entered is missing; ``CpiValue.full_clean()`` refuses a value
  published on or after 1 January of ``year + 1`` (the change day it feeds).
- GAR-17 ``garnishment.rules.commencement_date(*, kind: str, regulations_published_on: date)
  -> date``; ``garnishment.services.regulations_publication_record(*, published_on: date,
  source: str, actor) -> ...`` (the reference date; every authority whose commencement was not
  overridden gets the derived date); ``garnishment.services.serving_authority_override_commencement(
  *, authority, commencement_on: date, reason: str, actor) -> ServingAuthority`` (a blank
  reason is refused with ``ValidationError``; audited with the reason).

What fails on main today, and why (one line each):
- test_gar_18_upgrade_2_to_19_in_one_month_counted_once_at_19: counted as 1 at 19 (17) + 1 at 2.
- test_gar_18_completing_a_withheld_line_produces_the_statement_again: May still shows 1 withheld.
- test_gar_18_both_sides_see_when_the_statement_was_produced: the page shows no produced time.
- test_gar_3_order_received_on_the_report_day_is_not_billed: the stop day still bills 19.
- test_gar_3_director_revokes_with_a_reason: third_party_revoke does not exist (ImportError).
- test_gar_3_republication_does_not_change_the_past: the 1 May order is refused (today's state).
- test_gar_3_an_edited_notice_does_not_change_the_past: the 1 March order is refused NO_NOTICE.
- test_gar_3_published_party_replacing_*[officer|form1]: third_parties_to_review is missing.
- test_gar_7_entitlement_fixed_by_the_orders_first_received_date: the later line bills 19.
- test_gar_7_fee_fixed_by_the_orders_first_received_date: the upgrade bills 21 - 2 = 19.
- test_gar_7_delivery_order_naming_a_billed_order_bills_nothing: the delivery order bills 19.
- test_gar_12_a_missing_year_is_an_error: the gap is skipped silently.
- test_gar_12_a_value_published_on_or_after_its_change_day_is_refused: accepted.
- test_gar_12_schedule_names_the_november_index_published_in_december: says "December index".
- test_gar_17_commencement_date_is_derived_*: rules.commencement_date does not exist.
- test_gar_17_commencement_derived_for_every_authority_*: the two services do not exist.
- test_gar_17_override_needs_a_reason: the service does not exist (ImportError).
- test_gar_10_admin_cannot_delete_a_submitted_report: the delete page answers 200.
- test_gar_10_purge_removes_personal_data_past_retention: the service does not exist.
- test_gar_9_payment_above_what_is_due_is_refused_unless_an_advance: 5,000,000 is recorded.
- test_gar_9_payments_are_reconciled_against_the_statement: 15 + 7 > 21 is recorded.
- test_gar_11_same_bytes_for_another_month_is_never_the_old_report: the May report returns.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from garnishment.lines import COLUMNS
from garnishment.models import (
    CpiValue,
    MonthlyStatement,
    Order,
    Report,
    ServingAuthority,
    ThirdParty,
)
from garnishment.rules import FeeReason, indexed_amounts
from garnishment.services import (
    arrangement_record,
    payment_record,
    report_submit,
    statements_produce,
    third_party_publish,
    third_party_request_recognition,
    third_party_stop_service,
)
from taxportal.models import AuditEvent
from taxportal.roles import Role

from .factories import (
    ServiceArrangementFactory,
    ServingAuthorityFactory,
    ThirdPartyFactory,
    link_clerk,
    link_submitter,
)
from .helpers import good_row, outcome, submit

pytestmark = pytest.mark.django_db

ISRAEL = ZoneInfo("Asia/Jerusalem")
MAY, JUNE = date(2026, 5, 1), date(2026, 6, 1)


def _at(year, month, day, hour=10):
    """Travel to that moment (inside the suite's fixed 15 June 2026) to act on that day."""
    return time_machine.travel(datetime(year, month, day, hour, 0, tzinfo=ISRAEL), tick=False)


def _cpi(values: dict[int, str]) -> None:
    """Index values as GAR-12 wants them: the November index, published mid-December of the
    same year, so before the change day (1 January of the next year) it feeds."""
    for year, index in values.items():
        CpiValue.objects.create(
            year=year,
            december_index=Decimal(index),
            source="Central Bureau of Statistics (test)",
            published_on=date(year, 12, 15),
        )


def _page(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


def _fees(report: Report) -> list[tuple[str, str]]:
    return [
        (line.order_number, str(line.fee_billed)) for line in report.lines.order_by("line_number")
    ]


def _reasons(report: Report) -> list[str]:
    return [line.fee_reason for line in report.lines.order_by("line_number")]


def _submit_csv(third_party, user, header: list[str], rows: list[dict], period=MAY):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return report_submit(
        third_party=third_party,
        period=period,
        binary=io.BytesIO(buffer.getvalue().encode()),
        original_name="report.csv",
        file_format="csv",
        channel=Report.Channel.UPLOAD,
        actor=user,
    )


# --- GAR-18: an upgraded order counts once, at 19 --------------------------------------------


def test_gar_18_upgrade_2_to_19_in_one_month_counted_once_at_19(bank, city, submitter):
    # May: order A-1 answered "no assets" (bills 2), then "assets found" (bills 19 - 2 = 17).
    submit(bank, submitter, [good_row(assets_found="no"), good_row(assets_found="yes")])
    statements_produce(period=MAY)
    statement = MonthlyStatement.objects.get(period=MAY)
    # One order, at 19: 2 + 17 = 19.00 in the "assets found" row; nothing left at 2.
    assert (statement.assets_found_count, statement.assets_found_amount) == (1, Decimal("19.00"))
    assert (statement.no_assets_count, statement.no_assets_amount) == (0, Decimal("0.00"))
    assert statement.payable_amount == Decimal("19.00")


# --- GAR-9, GAR-18: a completed line produces the statement again -----------------------------


def test_gar_18_completing_a_withheld_line_produces_the_statement_again(
    bank, city, submitter, django_capture_on_commit_callbacks
):
    # May: A-1 complete (19); A-3 without the debtor's name: withheld (19 withheld).
    submit(bank, submitter, [good_row(), good_row(order_number="A-3", debtor_name="")])
    statements_produce(period=MAY)
    statement = MonthlyStatement.objects.get(period=MAY)
    assert (statement.assets_found_count, statement.withheld_count) == (1, 1)
    # June: the bank sends A-3 again with the name: it completes the withheld May line.
    with django_capture_on_commit_callbacks(execute=True):
        submit(bank, submitter, [good_row(order_number="A-3")], period=JUNE)
    statement.refresh_from_db()
    # No month-end run needed: May is produced again at once. 2 orders at 19 = 38.00, nothing
    # withheld; both lines are due 30 days after 15 June (the report day) = 15 July 2026.
    assert (statement.assets_found_count, statement.assets_found_amount) == (2, Decimal("38.00"))
    assert (statement.withheld_count, statement.withheld_amount) == (0, Decimal("0.00"))
    assert statement.due_on == date(2026, 7, 15)


def test_gar_18_both_sides_see_when_the_statement_was_produced(
    client, bank, city, submitter, clerk
):
    submit(bank, submitter, [good_row()])
    with _at(2026, 6, 1, hour=2):  # the scheduled task's run: 1 June 2026, 02:00 Israel time
        statements_produce(period=MAY)
    statement = MonthlyStatement.objects.get(period=MAY)
    url = reverse("garnishment:statement_detail", args=[statement.pk])
    for user in (submitter, clerk):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "01/06/2026 02:00" in page  # produced at, in the portal's d/m/Y H:i
        assert "19.00" in page  # the same figures on both sides


# --- GAR-3: the report day, the director's revocation, the history as it stood -----------------


def test_gar_3_order_received_on_the_report_day_is_not_billed(bank, city, submitter):
    # The bank reports on 10 May 2026 at 09:00 that its security officer left. Orders carry a
    # date, not a time: from the report's day on nothing bills.
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
            good_row(order_number="A-9", received_on="2026-05-09", answered_on="2026-05-10"),
            good_row(order_number="A-10", received_on="2026-05-10", answered_on="2026-05-11"),
        ],
    )
    # 9 May: billable, 19.00. 10 May (the report's day): 0.00, not recognised.
    assert _fees(report) == [("A-9", "19.00"), ("A-10", "0.00")]
    assert _reasons(report) == [FeeReason.BILLED, FeeReason.NOT_RECOGNISED]


def test_gar_3_director_revokes_with_a_reason(bank, city, submitter, make_user):
    from garnishment.services import third_party_revoke

    director = make_user(Role.ADMINISTRATOR)
    with pytest.raises(ValidationError):
        third_party_revoke(
            third_party=bank, revoked_on=date(2026, 5, 10), reason="  ", actor=director
        )
    third_party_revoke(
        third_party=bank,
        revoked_on=date(2026, 5, 10),
        reason="form 1 systems failed the audit",
        actor=director,
    )
    bank.refresh_from_db()
    assert bank.status == ThirdParty.Status.REVOKED
    assert AuditEvent.objects.filter(
        target_id=str(bank.pk), reason__contains="form 1 systems failed the audit"
    ).exists()
    report, _ = submit(
        bank,
        submitter,
        [
            good_row(order_number="A-9", received_on="2026-05-09", answered_on="2026-05-10"),
            good_row(order_number="A-10", received_on="2026-05-10", answered_on="2026-05-11"),
        ],
    )
    # 9 May, before the revocation: 19.00; 10 May, its day: 0.00.
    assert _fees(report) == [("A-9", "19.00"), ("A-10", "0.00")]
    assert _reasons(report)[1] == FeeReason.NOT_RECOGNISED


@pytest.fixture
def late_bank(base_fees, make_user):
    """A third party taken through the services on the days things happened: it requested,
    the director published it on 1 December 2025 (billable from 31 December 2025), and the
    Tel Aviv authority (commencement 1 January 2026) gave notice on 1 January 2026."""
    third_party = ThirdPartyFactory(
        name="Late Bank", status=ThirdParty.Status.REQUESTED, published_on=None
    )
    authority = ServingAuthorityFactory(code="TLV", commencement_on=date(2026, 1, 1))
    director = make_user(Role.ADMINISTRATOR)
    clerk = link_clerk(make_user(Role.AUTHORITY_FINANCE_CLERK), authority)
    with _at(2025, 12, 1):
        third_party_publish(
            third_party=third_party,
            published_on=date(2025, 12, 1),
            actor=director,
            reason="conditions met",
        )
    with _at(2026, 1, 1):
        arrangement_record(
            authority=authority,
            third_party=third_party,
            notice_on=date(2026, 1, 1),
            actor=clerk,
            reason="notice of electronic service",
        )
    submitter = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), third_party)
    return third_party, authority, director, clerk, submitter


def test_gar_3_republication_does_not_change_the_past(late_bank):
    third_party, _authority, director, _clerk, submitter = late_bank
    with _at(2026, 5, 10, hour=9):  # its own report: the officer left
        third_party_stop_service(third_party=third_party, actor=submitter, reason="officer left")
    with _at(2026, 5, 20):  # a new officer; the director publishes it again
        third_party_publish(
            third_party=third_party,
            published_on=date(2026, 5, 20),
            actor=director,
            reason="new officer",
        )
    # 15 June: a late line for an order received on 1 May (a valid period), and one received
    # on 15 May (between the report of 10 May and the republication of 20 May).
    report, _ = submit(
        third_party,
        submitter,
        [
            good_row(order_number="V-1", received_on="2026-05-01", answered_on="2026-05-02"),
            good_row(order_number="G-1", received_on="2026-05-15", answered_on="2026-05-16"),
        ],
    )
    # 1 May: published 1 Dec 2025 + 30 days = 31 Dec 2025 <= 1 May < 10 May: 19.00.
    # 15 May: after the report (10 May), before the new publication: 0.00, not recognised.
    assert _fees(report) == [("V-1", "19.00"), ("G-1", "0.00")]
    assert _reasons(report) == [FeeReason.BILLED, FeeReason.NOT_RECOGNISED]


def test_gar_3_an_edited_notice_does_not_change_the_past(late_bank):
    third_party, authority, _director, clerk, submitter = late_bank
    with _at(2026, 4, 1):  # the clerk records the notice again, now dated 1 April 2026
        arrangement_record(
            authority=authority,
            third_party=third_party,
            notice_on=date(2026, 4, 1),
            actor=clerk,
            reason="notice sent again",
        )
    report, _ = submit(
        third_party,
        submitter,
        [good_row(order_number="N-1", received_on="2026-03-01", answered_on="2026-03-02")],
    )
    # On 1 March 2026 the notice on record was that of 1 January 2026: billable, 19.00.
    assert _fees(report) == [("N-1", "19.00")]
    assert _reasons(report) == [FeeReason.BILLED]


@pytest.mark.parametrize(
    "details",
    [
        {"security_officer_name": "Dana New", "security_officer_national_id": "629923129"},
        {
            "form1_file": ContentFile(b"%PDF-1.4 re-signed", name="form1.pdf"),
            "form1_signed_on": date(2026, 6, 1),
        },
    ],
    ids=["officer", "form1"],
)
def test_gar_3_published_party_replacing_its_officer_or_form_1_goes_to_review(
    bank, city, submitter, details
):
    from garnishment.selectors import third_parties_to_review

    assert bank not in third_parties_to_review()
    third_party_request_recognition(third_party=bank, details=details, actor=submitter)
    bank.refresh_from_db()
    assert bank in third_parties_to_review()
    # Its recognition stands meanwhile: an order received today (15 June) bills 19.00.
    assert bank.status == ThirdParty.Status.PUBLISHED
    report, _ = submit(
        bank,
        submitter,
        [good_row(order_number="R-1", received_on="2026-06-15", answered_on="2026-06-15")],
        period=JUNE,
    )
    assert _fees(report) == [("R-1", "19.00")]


# --- GAR-7: the order's first received date fixes its fee and entitlement; delivery orders -----


def test_gar_7_entitlement_fixed_by_the_orders_first_received_date(bank, city, submitter):
    # Tel Aviv commenced on 1 January 2026. Order A-1 was first received on 31 December 2025.
    may, _ = submit(
        bank,
        submitter,
        [good_row(received_on="2025-12-31", answered_on="2026-01-02", assets_found="no")],
    )
    assert _reasons(may) == [FeeReason.BEFORE_COMMENCEMENT]
    # A later line about the same order gives another date (5 January 2026) and assets found.
    june, _ = submit(
        bank,
        submitter,
        [good_row(received_on="2026-01-05", answered_on="2026-01-06", assets_found="yes")],
        period=JUNE,
    )
    # The order was received before commencement, whatever the later line says: 0.00.
    assert _fees(june) == [("A-1", "0.00")]
    assert _reasons(june) == [FeeReason.BEFORE_COMMENCEMENT]
    assert Order.objects.get(order_number="A-1").billed_amount == Decimal("0.00")


def test_gar_7_fee_fixed_by_the_orders_first_received_date(base_fees, make_user):
    third_party = ThirdPartyFactory(published_on=date(2025, 1, 1))  # billable from 31 Jan 2025
    authority = ServingAuthorityFactory(code="EARLY", commencement_on=date(2025, 1, 1))
    ServiceArrangementFactory(
        authority=authority, third_party=third_party, notice_on=date(2025, 1, 1)
    )
    user = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), third_party)
    # Index published in December 2016 to 2024: 100 (no change); in December 2025: 110.
    # 110 / 100 - 1 = 10% >= 5%: from 1 January 2026 the amounts are
    # 19 x 110 / 100 = 20.90 -> 21 and 2 x 110 / 100 = 2.20 -> 2.
    _cpi(dict.fromkeys(range(2016, 2025), "100") | {2025: "110"})
    report, _ = submit(
        third_party,
        user,
        [
            # First received 20 December 2025 (amounts 19 / 2): no assets, bills 2.00.
            good_row(authority="EARLY", received_on="2025-12-20", answered_on="2025-12-21",
                     assets_found="no"),
            # The same order, a later line dated 10 January 2026: assets found. The order's
            # fee is that of 20 December 2025: 19 - 2 = 17.00 (not 21 - 2 = 19.00).
            good_row(authority="EARLY", received_on="2026-01-10", answered_on="2026-01-11",
                     assets_found="yes"),
        ],
        period=date(2026, 1, 1),
    )  # fmt: skip
    assert _fees(report) == [("A-1", "2.00"), ("A-1", "17.00")]
    assert Order.objects.get(third_party=third_party).billed_amount == Decimal("19.00")


def test_gar_7_delivery_order_naming_a_billed_order_bills_nothing(bank, city, submitter):
    header = [*COLUMNS, "order_kind", "garnishment_order_number"]
    garnishment_line = good_row(order_number="G-1") | {
        "order_kind": "garnishment",
        "garnishment_order_number": "",
    }
    may, _ = _submit_csv(bank, submitter, header, [garnishment_line])
    assert _fees(may) == [("G-1", "19.00")]
    delivery_line = good_row(
        order_number="D-1", received_on="2026-06-01", answered_on="2026-06-02"
    ) | {"order_kind": "delivery", "garnishment_order_number": "G-1"}
    june, _ = _submit_csv(bank, submitter, header, [delivery_line], period=JUNE)
    # The delivery order names G-1, already billed 19.00 to this bank: it bills 0.00 more.
    assert _fees(june) == [("D-1", "0.00")]
    june.refresh_from_db()
    assert june.billed_total == Decimal("0.00")


# --- GAR-12, GAR-15: the index published in December, complete, published before it is used ---


def test_gar_12_a_missing_year_is_an_error():
    base = {"assets_found": Decimal("19"), "no_assets": Decimal("2")}
    # 2016, 2017, then 2019: December 2018 is missing between 2016 and the last (2019).
    with pytest.raises(ValueError):
        indexed_amounts(base, {2016: Decimal("100"), 2017: Decimal("101"), 2019: Decimal("110")})


def _full_clean_errors(value: CpiValue) -> dict:
    try:
        value.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


def test_gar_12_a_value_published_on_or_after_its_change_day_is_refused():
    def value(published_on):
        return CpiValue(
            year=2024, december_index=Decimal("110"), source="CBS", published_on=published_on
        )

    # The 2024 value (November 2024, published in December 2024) feeds 1 January 2025.
    in_time = _full_clean_errors(value(date(2024, 12, 13)))
    on_change_day = _full_clean_errors(value(date(2025, 1, 1)))
    after_it = _full_clean_errors(value(date(2025, 1, 15)))
    # Whatever else a value must carry, the two late ones are refused for their date and the
    # one published on 13 December 2024 is not.
    assert on_change_day != in_time
    assert after_it != in_time


def test_gar_12_schedule_names_the_november_index_published_in_december(client, bank, submitter):
    _cpi(dict.fromkeys(range(2016, 2025), "100"))
    client.force_login(submitter)
    english = _page(client, reverse("garnishment:schedule"), "en")
    hebrew = _page(client, reverse("garnishment:schedule"), "he")
    # The value published in December is November's index ("המדד שפורסם בחודש דצמבר").
    assert "November" in english
    assert "נובמבר" in hebrew
    assert "15/12/2024" in english  # its publication date


# --- GAR-17: commencement derived from the regulations' publication ---------------------------


def test_gar_17_commencement_date_is_derived_from_the_publication_and_the_kind():
    from garnishment.rules import commencement_date

    published = date(2026, 3, 10)
    # Local authority: 3 months after publication = 10 June 2026.
    assert commencement_date(
        kind=ServingAuthority.Kind.LOCAL, regulations_published_on=published
    ) == date(2026, 6, 10)
    # Not local, the Fines Center included: 6 months after = 10 September 2026.
    for kind in (ServingAuthority.Kind.NOT_LOCAL, ServingAuthority.Kind.FINES_CENTER):
        assert commencement_date(kind=kind, regulations_published_on=published) == date(2026, 9, 10)


def test_gar_17_commencement_derived_for_every_authority_unless_overridden(base_fees, make_user):
    from garnishment.services import (
        regulations_publication_record,
        serving_authority_override_commencement,
    )

    admin = make_user(Role.ADMINISTRATOR)
    local = ServingAuthorityFactory(code="HFA", kind=ServingAuthority.Kind.LOCAL)
    fines = ServingAuthorityFactory(code="FINES", kind=ServingAuthority.Kind.FINES_CENTER)
    water = ServingAuthorityFactory(code="WATER", kind=ServingAuthority.Kind.NOT_LOCAL)
    serving_authority_override_commencement(
        authority=water,
        commencement_on=date(2026, 12, 1),
        reason="agreed later start",
        actor=admin,
    )
    regulations_publication_record(
        published_on=date(2026, 3, 10), source="Reshumot 1234", actor=admin
    )
    for authority in (local, fines, water):
        authority.refresh_from_db()
    assert local.commencement_on == date(2026, 6, 10)  # 10 March + 3 months
    assert fines.commencement_on == date(2026, 9, 10)  # 10 March + 6 months
    assert water.commencement_on == date(2026, 12, 1)  # the recorded override stands


def test_gar_17_override_needs_a_reason(city, make_user):
    from garnishment.services import serving_authority_override_commencement

    admin = make_user(Role.ADMINISTRATOR)
    before = city.commencement_on
    with pytest.raises(ValidationError):
        serving_authority_override_commencement(
            authority=city, commencement_on=date(2026, 2, 1), reason="", actor=admin
        )
    city.refresh_from_db()
    assert city.commencement_on == before  # refused: nothing changed
    serving_authority_override_commencement(
        authority=city, commencement_on=date(2026, 2, 1), reason="court ruling 12/26", actor=admin
    )
    city.refresh_from_db()
    assert city.commencement_on == date(2026, 2, 1)
    assert AuditEvent.objects.filter(
        target_id=str(city.pk), reason__contains="court ruling 12/26"
    ).exists()


# --- GAR-10: kept three years, then personal data purged --------------------------------------


def test_gar_10_admin_cannot_delete_a_submitted_report(client, bank, city, submitter, make_user):
    report, _ = submit(bank, submitter, [good_row()])
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    # Submitted on 15 June 2026: not deletable before 15 June 2029.
    response = client.post(
        reverse("admin:garnishment_report_delete", args=[report.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Report.objects.filter(pk=report.pk).exists()
    assert report.lines.count() == 1


def _file_holds(report: Report, needle: bytes) -> bool:
    if not report.original_file:
        return False
    try:
        with report.original_file.open("rb") as stored:
            return needle in stored.read()
    except (FileNotFoundError, ValueError):
        return False


def test_gar_10_purge_removes_personal_data_past_retention(settings, bank, city, submitter):
    from garnishment.services import reports_purge_personal_data

    settings.GARNISHMENT_RETENTION_YEARS = 4
    report, _ = submit(bank, submitter, [good_row()])  # submitted 15 June 2026
    # 14 June 2029: inside three years (and inside any retention): nothing is purged.
    assert reports_purge_personal_data(today=date(2029, 6, 14)) == 0
    line = report.lines.get()
    assert (line.debtor_id, line.debtor_name) == ("302466339", "Moshe Cohen")
    # 16 June 2033: past 3 + 4 years (and past 4): the personal data goes, the fee stays.
    events = AuditEvent.objects.count()
    assert reports_purge_personal_data(today=date(2033, 6, 16)) == 1
    line.refresh_from_db()
    report.refresh_from_db()
    assert (line.debtor_id, line.debtor_name, line.raw) == ("", "", "")
    assert line.fee_billed == Decimal("19.00")
    assert Order.objects.get().billed_amount == Decimal("19.00")
    assert not _file_holds(report, b"Moshe Cohen")
    assert AuditEvent.objects.count() > events


# --- GAR-9: payments checked against what is due ---------------------------------------------


@pytest.fixture
def may_statement(bank, city, submitter):
    # May: A-1 assets found 19.00 + A-2 no assets 2.00 = 21.00 payable.
    submit(bank, submitter, [good_row(), good_row(order_number="A-2", assets_found="no")])
    statements_produce(period=MAY)
    return MonthlyStatement.objects.get(period=MAY)


def test_gar_9_payment_above_what_is_due_is_refused_unless_an_advance(
    bank, city, clerk, may_statement
):
    common = {"authority": city, "third_party": bank, "period": MAY, "paid_on": date(2026, 6, 20)}
    with pytest.raises(ValidationError):
        payment_record(amount=Decimal("5000000.00"), reference="TYPO", actor=clerk, **common)
    assert not may_statement.authority.payments.exists()
    # Confirmed as an advance, it is recorded.
    payment_record(
        amount=Decimal("5000000.00"), reference="ADV-1", actor=clerk, advance=True, **common
    )
    assert may_statement.authority.payments.count() == 1


def test_gar_9_payments_are_reconciled_against_the_statement(bank, city, clerk, may_statement):
    common = {"authority": city, "third_party": bank, "period": MAY, "paid_on": date(2026, 6, 20)}
    payment_record(amount=Decimal("15.00"), reference="P-1", actor=clerk, **common)
    # Due 21.00, paid 15.00: 6.00 remain. 7.00 is above it (15 + 7 = 22 > 21): refused.
    with pytest.raises(ValidationError):
        payment_record(amount=Decimal("7.00"), reference="P-2", actor=clerk, **common)
    payment_record(amount=Decimal("6.00"), reference="P-3", actor=clerk, **common)  # = 21.00
    assert sorted(p.amount for p in city.payments.all()) == [Decimal("6.00"), Decimal("15.00")]


# --- GAR-11: the same bytes for another month ------------------------------------------------


def test_gar_11_same_bytes_for_another_month_is_never_the_old_report(bank, city, submitter):
    may, _ = submit(bank, submitter, [good_row()])
    try:
        again, created = submit(bank, submitter, [good_row()], period=JUNE)
    except ValidationError:
        return  # a clear refusal is one of the two outcomes GAR-11's row allows
    # Otherwise it is a new report, for June; the order was billed in May: 0.00 more.
    assert created and again.pk != may.pk
    assert again.period == JUNE
    assert outcome(again) == [(2, "accepted", "0.00")]
    may.refresh_from_db()
    assert may.period == MAY
