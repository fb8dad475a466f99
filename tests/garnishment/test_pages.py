"""Pages and API: each side sees only its own (GAR-11, GAR-18, GAR-10)."""

import json
import os
import re
import shutil
import subprocess
from datetime import date
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from rest_framework.test import APIClient

from garnishment.models import MonthlyStatement, Payment, Report
from garnishment.services import statements_produce
from taxportal.roles import Role

from .factories import ServiceArrangementFactory, ThirdPartyFactory, link_clerk, link_submitter
from .helpers import ASSETS, NO_ASSETS_FEE, csv_bytes, good_row, submit

pytestmark = pytest.mark.django_db


def test_gar_11_submitter_uploads_and_sees_each_line(client, bank, city, submitter):
    client.force_login(submitter)
    upload = SimpleUploadedFile(
        "may.csv", csv_bytes([good_row(), good_row(order_number="A-2", debtor_id="302466338")])
    )
    response = client.post(reverse("garnishment:reports"), {"period": "2026-05", "file": upload})
    report = Report.objects.get()
    assert response.url == reverse("garnishment:report_detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "line-accepted" in page and "line-rejected" in page and "19.00" in page


def test_gar_11_upload_refuses_other_file_types(client, bank, city, submitter):
    client.force_login(submitter)
    upload = SimpleUploadedFile("may.pdf", b"%PDF")
    response = client.post(reverse("garnishment:reports"), {"period": "2026-05", "file": upload})
    assert response.status_code == 200 and "error-summary" in response.content.decode()


def test_a_third_party_gets_404_for_another_third_partys_report_as_for_a_missing_one(
    client, bank, city, submitter, make_user
):
    """Issue 10: a 403 for another party's report and a 404 for a missing one let a bank count
    the other parties' reports. Both answer the same 404 now."""
    report, _ = submit(bank, submitter, [good_row()])
    missing = report.pk + 1000
    other = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), ThirdPartyFactory())
    client.force_login(other)

    def page(name, pk):
        """The 404 page with what differs from one request to the next taken out: the CSRF
        token and the page's own address (the language switch comes back to it)."""
        url = reverse(name, args=[pk])
        response = client.get(url)
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
        return response.status_code, html.replace(url, "URL")

    for name in ("garnishment:report_detail", "garnishment:report_original"):
        theirs, absent = page(name, report.pk), page(name, missing)
        assert theirs[0] == absent[0] == 404
        assert theirs[1] == absent[1]
    api = APIClient()
    api.force_authenticate(other)
    theirs = api.get(reverse("garnishment_api:report_detail", args=[report.pk]))
    absent = api.get(reverse("garnishment_api:report_detail", args=[missing]))
    assert theirs.status_code == absent.status_code == 404
    assert theirs.json() == absent.json()
    client.force_login(submitter)
    assert client.get(reverse("garnishment:report_detail", args=[report.pk])).status_code == 200


def test_report_page_queries_do_not_grow_with_lines(
    client, bank, city, submitter, django_assert_max_num_queries
):
    small, _ = submit(bank, submitter, [good_row()])
    large, _ = submit(
        bank, submitter, [good_row(order_number=f"B-{n}") for n in range(60)], date(2026, 6, 1)
    )
    client.force_login(submitter)
    for report in (small, large):
        with django_assert_max_num_queries(12):
            client.get(reverse("garnishment:report_detail", args=[report.pk]))


def token_client(submitter) -> APIClient:
    out = StringIO()
    call_command("garnishment_issue_token", submitter.username, stdout=out)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {out.getvalue().strip()}")
    return api


def test_gar_11_api_json_with_token(bank, city, submitter):
    api = token_client(submitter)
    body = {"period": "2026-05", "lines": [good_row(), good_row(order_number="", debtor_name="")]}
    response = api.post(reverse("garnishment_api:report_create"), body, format="json")
    assert response.status_code == 201
    data = response.json()
    assert [(line["status"], line["fee_billed"]) for line in data["lines"]] == [
        ("accepted", "19.00"),
        ("rejected", "0.00"),
    ]
    assert data["lines"][1]["problems"][0]["field"] == "order_number"
    assert data["lines"][1]["problems"][0]["message_he"]
    again = api.post(reverse("garnishment_api:report_create"), body, format="json")
    assert again.status_code == 200 and again.json()["already_received"]
    stored = Report.objects.get()
    assert json.loads(stored.original_file.open("rb").read()) == body


def test_gar_11_api_csv_with_token(bank, city, submitter):
    api = token_client(submitter)
    response = api.generic(
        "POST",
        reverse("garnishment_api:report_create") + "?period=2026-05",
        csv_bytes([good_row(assets_found="no")]),
        content_type="text/csv",
    )
    assert response.status_code == 201, response.content
    assert response.json()["billed_total"] == "2.00"
    assert Report.objects.get().period == date(2026, 5, 1)


def test_api_refuses_without_token_and_other_roles(bank, city, make_user):
    api = APIClient()
    assert api.post(reverse("garnishment_api:report_create"), {}, format="json").status_code == 401
    api.force_authenticate(make_user(Role.AUTHORITY_FINANCE_CLERK))
    assert api.post(reverse("garnishment_api:report_create"), {}, format="json").status_code == 403


@pytest.fixture
def may_statements(bank, city, submitter):
    submit(
        bank,
        submitter,
        [
            good_row(),
            good_row(order_number="A-2", assets_found="no"),
            good_row(order_number="A-3", debtor_name=""),
        ],
    )
    assert statements_produce(period=date(2026, 5, 1)) == 1
    return MonthlyStatement.objects.get()


def test_gar_18_statement_counts_amounts_withheld_and_due(may_statements):
    statement = may_statements
    assert (statement.assets_found_count, statement.assets_found_amount) == (1, ASSETS)
    assert (statement.no_assets_count, statement.no_assets_amount) == (1, NO_ASSETS_FEE)
    assert statement.withheld_count == 1 and statement.withheld_reasons == {"debtor_name": 1}
    assert statement.due_on == date(2026, 7, 15)  # received 15 June + 30 days


def test_gar_18_each_side_sees_only_its_own_statements(
    client, may_statements, submitter, clerk, make_user
):
    statement = may_statements
    url = reverse("garnishment:statement_detail", args=[statement.pk])
    for user in (submitter, clerk):
        client.force_login(user)
        assert client.get(url).status_code == 200
        assert (
            statement.third_party.name
            in client.get(reverse("garnishment:statements")).content.decode()
        )
    other_bank = link_submitter(make_user(Role.THIRD_PARTY_SUBMITTER), ThirdPartyFactory())
    client.force_login(other_bank)
    assert client.get(url).status_code == 404  # as a missing one (issue 10)
    assert (
        statement.third_party.name
        not in client.get(reverse("garnishment:statements")).content.decode()
    )


def test_gar_18_statement_csv_and_pdf(client, may_statements, clerk):
    client.force_login(clerk)
    csv_response = client.get(reverse("garnishment:statement_csv", args=[may_statements.pk]))
    text = b"".join(csv_response.streaming_content).decode()
    assert "19.00" in text and "15/07/2026" in text
    pdf = client.get(reverse("garnishment:statement_pdf", args=[may_statements.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_gar_18_monthly_task_produces_the_month_just_ended(may_statements):
    from garnishment.tasks import produce_monthly_statements

    MonthlyStatement.objects.all().delete()
    assert produce_monthly_statements.delay("2026-05").get() == 1
    out = StringIO()
    call_command("garnishment_monthly_statements", "--month", "2026-05", stdout=out)
    assert "1 statements" in out.getvalue() and MonthlyStatement.objects.count() == 1


def test_gar_9_finance_clerk_records_a_payment(client, may_statements, clerk, bank):
    client.force_login(clerk)
    response = client.post(
        reverse("garnishment:authority_home"),
        {"action": "payment", "third_party": bank.pk, "period": "2026-05", "amount": "21.00",
         "paid_on": "2026-06-20", "reference": "TRX-1"},
    )  # fmt: skip
    assert response.status_code == 302
    assert str(Payment.objects.get().amount) == "21.00"
    assert "21.00" in client.get(reverse("garnishment:authority_home")).content.decode()


def test_gar_10_answers_csv_for_up_to_three_years(client, may_statements, clerk):
    client.force_login(clerk)
    url = reverse("garnishment:answers_csv")
    response = client.get(url, {"start": "2026-01-01", "end": "2026-06-01"})
    rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 4 and "A-3" in rows[3]
    too_long = client.get(url, {"start": "2022-01-01", "end": "2026-06-01"})
    assert too_long.status_code == 200 and "error-summary" in too_long.content.decode()


def test_gar_10_authority_sees_only_answers_to_its_orders(client, bank, city, submitter, make_user):
    from .factories import ServingAuthorityFactory

    other = ServingAuthorityFactory(code="HFA")
    ServiceArrangementFactory(authority=other, third_party=bank)
    submit(bank, submitter, [good_row(), good_row(authority="HFA", order_number="H-1")])
    client.force_login(link_clerk(make_user(Role.AUTHORITY_FINANCE_CLERK), other))
    response = client.get(
        reverse("garnishment:answers_csv"), {"start": "2026-01-01", "end": "2026-06-01"}
    )
    text = b"".join(response.streaming_content).decode()
    assert "H-1" in text and "A-1" not in text


def test_gar_3_submitter_reports_its_officer_left(client, bank, submitter):
    client.force_login(submitter)
    response = client.post(
        reverse("garnishment:recognition"),
        {"action": "stop", "cause": "officer", "details": "left on Monday"},
    )
    assert response.status_code == 302
    bank.refresh_from_db()
    assert bank.service_stopped_at is not None and "left on Monday" in bank.service_stopped_reason


def test_schedule_page_shows_changes_and_index(client, bank, submitter):
    from .factories import enter_cpi

    enter_cpi({**dict.fromkeys(range(2016, 2024), "100"), 2024: "110"})
    client.force_login(submitter)
    page = client.get(reverse("garnishment:schedule")).content.decode()
    # 19 x 110 / 100 = 20.90 -> 21 from 1 January 2025.
    assert "01/01/2025" in page and "21" in page and "110" in page


def test_gar_1b_finance_clerk_records_the_notice_and_agreed_terms(client, bank, clerk):
    client.force_login(clerk)
    response = client.post(
        reverse("garnishment:authority_home"),
        {"action": "notice", "third_party": bank.pk, "notice_on": "2026-02-01",
         "payment_term_days": "45", "channel": "portal", "notes": "quarterly"},
    )  # fmt: skip
    assert response.status_code == 302
    arrangement = bank.arrangements.get()
    assert (arrangement.notice_on, arrangement.payment_term_days) == (date(2026, 2, 1), 45)


def test_gar_1b_authority_home_lists_served_and_published_third_parties(client, bank, city, clerk):
    """The served third parties (table, payment and answers forms) and the published ones (the
    notice form) are read in one query: each list keeps its own members and order."""
    from garnishment.models import ThirdParty

    revoked = ThirdPartyFactory(name="Aleph revoked bank", status=ThirdParty.Status.REVOKED)
    ServiceArrangementFactory(authority=city, third_party=revoked, payment_term_days=45)
    ThirdPartyFactory(name="Zeta bank")  # published, served by no one
    ThirdPartyFactory(name="Requested bank", status=ThirdParty.Status.REQUESTED)
    ServiceArrangementFactory(third_party=ThirdPartyFactory(name="Other city's bank"))
    client.force_login(clerk)
    page = client.get(reverse("garnishment:authority_home")).content.decode()

    def options(form_marker):
        form = page.split(form_marker, 1)[1].split("</form>", 1)[0]
        return re.findall(r'<option value="\d+">([^<]*)</option>', form)

    # Served by the city, by name: the revoked bank ("Aleph...") before "Bank Hapoalim Test".
    served = ["Aleph revoked bank", "Bank Hapoalim Test"]
    assert options('value="payment"') == served
    assert options(reverse("garnishment:answers_csv")) == served
    # Published, by name: "Bank Hapoalim Test" < "Other city's bank" < "Zeta bank".
    assert options('value="notice"') == [
        "Bank Hapoalim Test",
        "Other city&#x27;s bank",
        "Zeta bank",
    ]
    table = page.split('aria-labelledby="notice-heading"', 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<th scope="row"><bdi>([^<]*)</bdi></th><td>[^<]*</td><td>(\d+)', table) == [
        ("Aleph revoked bank", "45"),
        ("Bank Hapoalim Test", "30"),
    ]


def test_authority_home_queries_do_not_grow_with_statements(
    client, bank, city, submitter, clerk, django_assert_max_num_queries
):
    url = reverse("garnishment:authority_home")
    client.force_login(clerk)
    for month in (1, 2, 3, 4, 5):
        submit(bank, submitter, [good_row(order_number=f"M-{month}")], date(2026, month, 1))
        statements_produce(period=date(2026, month, 1))
        if month in (1, 5):
            with django_assert_max_num_queries(15):
                assert client.get(url).status_code == 200


def test_gar_9_month_end_refreshes_earlier_months_once_withheld_lines_are_completed(
    may_statements, bank, submitter
):
    from garnishment.services import statements_produce_month_ended

    submit(bank, submitter, [good_row(order_number="A-3")], date(2026, 6, 1))
    may_statements.refresh_from_db()  # produced again as the line was completed
    assert may_statements.withheld_count == 0
    assert may_statements.assets_found_count == 2
    # Month end: June's statement; May no longer shows withheld lines, so it stays as it is.
    assert statements_produce_month_ended(today=date(2026, 7, 1)) == 1
    assert MonthlyStatement.objects.get(period=date(2026, 6, 1)).payable_amount == 0


def test_gar_8_upload_refuses_a_future_month(client, bank, city, submitter):
    client.force_login(submitter)
    upload = SimpleUploadedFile("may.csv", csv_bytes([good_row()]))
    response = client.post(reverse("garnishment:reports"), {"period": "2026-07", "file": upload})
    assert response.status_code == 200 and not Report.objects.exists()


def test_gar_1_publication_date_entered_in_the_admin_is_audited(client, make_user):
    from garnishment.models import ThirdParty
    from taxportal.models import AuditEvent

    admin = make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    third_party = ThirdPartyFactory(published_on=None, status=ThirdParty.Status.REQUESTED)
    client.force_login(admin)
    url = reverse("admin:garnishment_thirdparty_change", args=[third_party.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "form1_file"}
    data.update(published_on="2026-03-01", form1_signed_on="2025-11-01", requested_on="2025-10-01")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    third_party.refresh_from_db()
    assert third_party.status == ThirdParty.Status.PUBLISHED
    assert str(third_party.recognised_from) == "2026-03-31"
    assert AuditEvent.objects.filter(action="third party published", actor=admin).exists()


def test_admin_lists_load(client, make_user, may_statements):
    client.force_login(make_user(Role.ADMINISTRATOR, is_staff=True, is_superuser=True))
    for model in ("thirdparty", "servingauthority", "servicearrangement", "cpivalue", "basefee",
                  "report", "payment", "monthlystatement"):  # fmt: skip
        assert client.get(reverse(f"admin:garnishment_{model}_changelist")).status_code == 200


def test_gar_4_submitter_sends_the_request_with_form_1(client, bank, submitter):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from garnishment.models import ThirdParty
    from garnishment.selectors import third_parties_to_review

    client.force_login(submitter)
    data = {
        "action": "request", "security_officer_name": "New Officer",
        "security_officer_national_id": "629923129", "security_officer_email": "new@bank.example",
        "security_officer_phone": "03-1234567", "form1_signer_name": "Avi Signer",
        "form1_signer_national_id": "302466338", "form1_signer_role": "CEO",
        "form1_signed_on": "2026-06-01", "orders_last_12_months": "1000",
        "form1_file": SimpleUploadedFile("form1.pdf", b"%PDF-1.4 new"),
    }  # fmt: skip
    response = client.post(reverse("garnishment:recognition"), data)
    assert response.status_code == 200  # the signer's identity number has a wrong check digit
    assert "error-summary" in response.content.decode()
    data["form1_signer_national_id"] = "302466339"
    data["form1_file"] = SimpleUploadedFile("form1.pdf", b"%PDF-1.4 new")
    assert client.post(reverse("garnishment:recognition"), data).status_code == 302
    bank.refresh_from_db()
    assert bank.status == ThirdParty.Status.PUBLISHED  # its recognition stands
    assert bank in third_parties_to_review()  # the change waits for the director's review
    # The new officer and the new signed form 1 are kept with that change for the director.
    assert bank.security_officer_name == "New Officer"
    assert bank.form1_file.read() == b"%PDF-1.4 new"
    assert set(bank.changes_to_review) >= {"security_officer_name", "form1_file"}
    page = client.get(reverse("garnishment:recognition")).content.decode()
    assert 'id="review-pending"' in page


def test_gar_18_statement_pdf_reads_in_hebrew_right_to_left(client, may_statements, clerk):
    """The PDF names both parties, the month, the fees with two decimals and the withheld
    lines, in Hebrew, with dates kept whole inside the right-to-left text."""
    if not shutil.which("pdftotext"):
        if os.environ.get("CI"):
            pytest.fail("CI must have poppler-utils (pdftotext) for the PDF tests.")
        pytest.skip("poppler-utils (pdftotext) is not installed")
    client.force_login(clerk)
    pdf = client.get(
        reverse("garnishment:statement_pdf", args=[may_statements.pk]), HTTP_ACCEPT_LANGUAGE="he"
    )
    html = pdf.content
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=html, capture_output=True, check=True
    ).stdout.decode()
    text = re.sub("[\u202a-\u202e]", "", text)  # the bidi marks pdftotext adds
    assert "05/2026" in text and "15/07/2026" in text
    for words in ("רשות", "צד שלישי", "לתשלום", "שורות מעוכבות", "עמוד"):
        assert words in text, words
    assert may_statements.authority.name in text
    assert may_statements.third_party.company_number in text
    assert "21.00" in text  # 19 + 2, written with two decimals
    assert "0.00" in text  # nothing paid yet, as an amount
