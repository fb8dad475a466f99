"""The garnishment lists as each side uses them (issue 16, issue 18): the submitter's reports and
a report's lines, each side's monthly statements; searched, filtered, sorted and exported as
shown, in the same queries at 3 and 30 rows, and never showing another party's."""

import csv
import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from garnishment.models import MonthlyStatement, Payment, Report
from taxportal.roles import Role

from .factories import ServingAuthorityFactory, ThirdPartyFactory, link_submitter
from .helpers import good_row, submit

pytestmark = pytest.mark.django_db

REPORTS = reverse("garnishment:reports")
STATEMENTS = reverse("garnishment:statements")
AUTHORITY_HOME = reverse("garnishment:authority_home")


@pytest.fixture
def english(settings):
    def switch(client):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return switch


def report(third_party, user, month, name="may.csv", processing=Report.Processing.DONE):
    return Report.objects.create(
        third_party=third_party, period=month, submitted_by=user, channel=Report.Channel.UPLOAD,
        original_name=name, file_format="csv", content_hash=f"{month}{name}",
        processing=processing, line_count=1,
    )  # fmt: skip


def exported(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


# --- The submitter's reports -------------------------------------------------------------------


def test_gar_11_reports_searched_by_month_or_file_and_filtered(client, bank, submitter, english):
    april = report(bank, submitter, date(2026, 4, 1), "april-final.csv")
    may = report(bank, submitter, date(2026, 5, 1), "=may.csv", Report.Processing.FAILED)
    report(ThirdPartyFactory(), submitter, date(2026, 5, 1), "theirs.csv")  # another's
    client = english(client)
    client.force_login(submitter)

    def listed(**query):
        return [r.pk for r in client.get(REPORTS, query).context["page"].object_list]

    assert listed() == [may.pk, april.pk]  # the latest received first
    assert listed(sort="month") == [may.pk, april.pk]
    assert listed(q="04/2026") == [april.pk] and listed(q="2026-05") == [may.pk]
    assert listed(q="FINAL") == [april.pk]
    assert listed(processing="failed") == [may.pk]
    assert listed(q="theirs") == []
    rows = exported(client.get(REPORTS, {"export": "csv"}))
    assert [r[0] for r in rows[1:]] == ["05/2026", "04/2026"]
    assert rows[1][2] == "'=may.csv"  # a file name a spreadsheet would run is text


def test_issue_16_reports_headings_name_each_column_once_in_hebrew(client, bank, submitter):
    sent = report(bank, submitter, date(2026, 5, 1))
    Report.objects.filter(pk=sent.pk).update(line_count=1234, accepted_count=1234)
    client.force_login(submitter)  # Hebrew, the portal's first language
    page = client.get(REPORTS).content.decode()
    # The counts are figures like the fees beside them: grouped, at the end of the cell.
    assert page.count('<td class="num">1,234</td>') == 2 and ">1234<" not in page
    headings = re.findall(r'<th scope="col">([^<]*)</th>', page)
    # "Received" is the time the file came, the three counts are of its lines (plural).
    assert headings[1] == "מועד קבלה" and headings[4:7] == ["התקבלו", "עוכבו", "נדחו"]
    assert len(set(headings)) == len(headings) and "התקבלה" not in headings
    header = exported(client.get(REPORTS, {"export": "csv"}))[0]
    assert header[1] == "מועד קבלה" and header[5:8] == ["התקבלו", "עוכבו", "נדחו"]
    assert len(set(header)) == len(header) and "התקבלה" not in header


def test_gar_11_reports_list_queries_do_not_grow(
    client, bank, submitter, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(submitter)
    for n in range(3):
        report(bank, submitter, date(2020, 1 + n, 1))
    client.get(REPORTS)
    with django_assert_max_num_queries(12) as small:
        client.get(REPORTS)
    for n in range(27):
        report(bank, submitter, date(2021 + n // 12, 1 + n % 12, 1))
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(REPORTS)


# --- A report's lines --------------------------------------------------------------------------


def test_gar_11_lines_searched_by_order_debtor_or_line_and_exported(
    client, bank, city, submitter, english
):
    sent, _ = submit(
        bank,
        submitter,
        [
            good_row(order_number="A-1"),
            good_row(order_number="B-7", debtor_id="629923129"),
            good_row(order_number="C-3", authority="NOPE"),  # an unknown authority: rejected
        ],
    )
    client = english(client)
    client.force_login(submitter)
    url = reverse("garnishment:report_detail", args=[sent.pk])

    def lines(**query):
        return [line.line_number for line in client.get(url, query).context["page"].object_list]

    # Line numbers are the file's: the header is line 1, the first order line 2.
    assert lines() == [2, 3, 4]
    assert lines(q="B-7") == [3] and lines(q="629923129") == [3] and lines(q="4") == [4]
    assert lines(status="rejected") == [4]
    assert lines(status="accepted", q="C-3") == []
    rows = exported(client.get(url, {"export": "csv", "status": "rejected"}))
    assert [r[0] for r in rows[1:]] == ["4"] and rows[1][3] == "C-3"
    assert rows[1][7]  # why it was rejected, as the page says it


def test_gar_11_lines_of_another_third_party_stay_hidden(client, bank, city, submitter, make_user):
    sent, _ = submit(bank, submitter, [good_row()])
    other = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), ThirdPartyFactory())
    client.force_login(other)
    url = reverse("garnishment:report_detail", args=[sent.pk])
    # Another party's report answers as a missing one (issue 10).
    assert client.get(url, {"export": "csv"}).status_code == 404
    assert client.get(url, {"q": "A-1"}).status_code == 404


# --- Monthly statements -------------------------------------------------------------------------


def statement(authority, third_party, month, payable="100.00"):
    return MonthlyStatement.objects.create(
        authority=authority, third_party=third_party, period=month,
        assets_found_count=1, assets_found_amount=Decimal(payable), no_assets_count=0,
        no_assets_amount=Decimal(0), withheld_count=0, withheld_amount=Decimal(0),
        due_on=month.replace(day=28),
    )  # fmt: skip


def test_gar_18_statements_searched_sorted_and_exported_by_each_side(
    client, bank, city, submitter, clerk, english
):
    other_bank = ThirdPartyFactory(name="Mizrahi Tefahot Test")
    other_city = ServingAuthorityFactory(code="HFA", name="Haifa")
    april = statement(city, bank, date(2026, 4, 1))
    may = statement(city, other_bank, date(2026, 5, 1), payable="40.00")
    theirs = statement(other_city, bank, date(2026, 5, 1))
    statement(other_city, other_bank, date(2026, 5, 1))  # neither side's
    Payment.objects.create(
        authority=city, third_party=other_bank, period=date(2026, 5, 1), amount=Decimal("15.00"),
        paid_on=date(2026, 6, 1), reference="P-1", recorded_by=clerk,
    )  # fmt: skip
    client = english(client)
    client.force_login(clerk)

    def listed(url, **query):
        return [row.statement.pk for row in client.get(url, query).context["rows"]]

    assert listed(AUTHORITY_HOME) == [may.pk, april.pk]
    assert listed(AUTHORITY_HOME, sort="month") == [april.pk, may.pk]
    assert listed(AUTHORITY_HOME, q="mizrahi") == [may.pk]
    assert listed(AUTHORITY_HOME, q="04/2026") == [april.pk]
    assert listed(STATEMENTS, q="haifa") == []  # the authority's own only
    rows = exported(client.get(AUTHORITY_HOME, {"export": "csv"}))
    # May: 40.00 payable, 15.00 paid: 25.00 to pay.
    assert rows[1][:4] == ["05/2026", "Tel Aviv-Yafo", "Mizrahi Tefahot Test", "40.00"]
    assert rows[1][6:8] == ["15.00", "25.00"]
    client.force_login(submitter)
    assert listed(STATEMENTS) == [theirs.pk, april.pk]  # the latest month first
    assert listed(STATEMENTS, q="haifa") == [theirs.pk]
    rows = exported(client.get(STATEMENTS, {"export": "csv"}))
    assert [(r[0], r[1], r[2]) for r in rows[1:]] == [
        ("05/2026", "Haifa", bank.name),
        ("04/2026", "Tel Aviv-Yafo", bank.name),
    ]


def test_gar_18_a_months_statements_by_the_other_sides_name_written_escaped(
    client, bank, city, submitter, clerk
):
    """Each side's list names both parties on each row: its own (the same on every row) and
    the other side's, by which a month's statements are in order."""
    june = date(2026, 6, 1)
    zeta = ThirdPartyFactory(name="<b>Zeta & 'Co'</b>")
    alpha = ThirdPartyFactory(name="Alpha")
    acre = ServingAuthorityFactory(code="AKO", name='Acre "<i>"')
    # Created out of name order, so that an order by id would fail.
    from_city = statement(city, bank, june)
    to_zeta, to_alpha = statement(city, zeta, june), statement(city, alpha, june)
    from_acre = statement(acre, bank, june)
    client.force_login(clerk)
    home = client.get(AUTHORITY_HOME)
    # Alpha, Bank Hapoalim Test, <b>Zeta…: "<" sorts after the letters in the C collation and
    # before them in ICU's; the test database's collation decides, so only Alpha's place
    # before Bank's is asserted.
    order = [row.statement.pk for row in home.context["rows"]]
    assert order.index(to_alpha.pk) < order.index(from_city.pk)
    assert set(order) == {to_zeta.pk, to_alpha.pk, from_city.pk}
    assert (
        "<td><bdi>Tel Aviv-Yafo</bdi></td><td><bdi>&lt;b&gt;Zeta &amp; &#x27;Co&#x27;&lt;/b&gt;"
        "</bdi></td>"
    ) in home.content.decode()
    client.force_login(submitter)
    mine = client.get(STATEMENTS)
    # Acre before Tel Aviv-Yafo.
    assert [row.statement.pk for row in mine.context["rows"]] == [from_acre.pk, from_city.pk]
    assert (
        "<td><bdi>Acre &quot;&lt;i&gt;&quot;</bdi></td><td><bdi>Bank Hapoalim Test</bdi></td>"
    ) in mine.content.decode()


def test_gar_18_statement_lists_queries_do_not_grow(
    client, bank, city, clerk, django_assert_num_queries, django_assert_max_num_queries
):
    client.force_login(clerk)
    parties = [ThirdPartyFactory() for _ in range(3)]
    for party in parties:
        statement(city, party, date(2026, 1, 1))
    client.get(AUTHORITY_HOME)
    with django_assert_max_num_queries(16) as small:
        client.get(AUTHORITY_HOME, {"q": "bank"})
    for month in range(2, 12):
        for party in parties:
            statement(city, party, date(2026, month, 1))
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(client.get(AUTHORITY_HOME, {"q": "bank"}).context["rows"]) == 20


# --- Attackers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, allowed",
    [
        (REPORTS, Role.THIRD_PARTY_SUBMITTER),
        (AUTHORITY_HOME, Role.AUTHORITY_FINANCE_CLERK),
    ],
)
def test_the_lists_are_for_their_side_only(client, client_as, url, allowed):
    assert client.get(url).status_code == 302
    for role in (Role.CITIZEN, Role.LICENSING_CLERK, Role.CUSTOMS_OFFICER):
        other = client_as(role)
        assert other.get(url).status_code == 403
        assert other.get(url, {"export": "csv"}).status_code == 403
    other_side = (
        Role.AUTHORITY_FINANCE_CLERK
        if allowed == Role.THIRD_PARTY_SUBMITTER
        else Role.THIRD_PARTY_SUBMITTER
    )
    assert client_as(other_side).get(url).status_code == 403


@pytest.mark.parametrize("url", [REPORTS, STATEMENTS, AUTHORITY_HOME])
@pytest.mark.parametrize(
    "query",
    [
        "q=" + "x" * 3000,
        "q=%FF%FE%00&sort=%ED%A0%80&processing=%FF",
        "q=99/9999&page=-1",
        "q=%25_&export=doc",
    ],
)
def test_the_lists_answer_garbage_with_the_page(client, bank, city, submitter, clerk, url, query):
    report(bank, submitter, date(2026, 5, 1))
    statement(city, bank, date(2026, 5, 1))
    client.force_login(clerk if url == AUTHORITY_HOME else submitter)
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_an_unlinked_user_sees_no_list_and_exports_nothing(client, make_user):
    client.force_login(make_user(Role.THIRD_PARTY_SUBMITTER))
    assert client.get(REPORTS, {"export": "csv"})["Content-Type"].startswith("text/html")
    assert client.get(STATEMENTS, {"export": "csv"})["Content-Type"].startswith("text/html")


def test_issue_18_lines_table_shows_each_kind_of_line_as_typed_and_escaped(
    client, bank, city, submitter, english
):
    """The rows are written in Python (garnishment_rows): what the sender typed stays text."""
    first, _ = submit(
        bank,
        submitter,
        [
            good_row(debtor_name=""),  # line 2: withheld, the debtor's name missing (GAR-9)
            good_row(order_number="<b>B-1</b>"),  # line 3
            good_row(order_number="D-1", order_kind="delivery", garnishment_order_number="G-<9>"),
        ],
    )
    submit(bank, submitter, [good_row()], date(2026, 6, 1))  # completes line 2 (GAR-9)
    client = english(client)
    client.force_login(submitter)
    html = client.get(reverse("garnishment:report_detail", args=[first.pk])).content.decode()
    second = Report.objects.get(period=date(2026, 6, 1))
    assert f"Completed by a corrected line: report #{second.pk}, line 2." in html
    assert "&lt;b&gt;B-1&lt;/b&gt;" in html and "<b>B-1" not in html
    assert "Delivery order → <bdi>G-&lt;9&gt;</bdi></span>" in html
    assert html.count('<tr class="line-accepted">') == 3
    assert '<th scope="row">4</th>' in html and "<td>03/05/2026</td>" in html
