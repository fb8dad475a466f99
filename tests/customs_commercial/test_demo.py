"""The demo data of part 2.2 and the README's three walk-throughs, through the pages as the
valuer and the chief valuer click them: each case reaches its notice with the value worked out
by hand here."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.urls import reverse

from customs_valuation.commercial.choices import CaseStatus, Method, NoticeKind
from customs_valuation.commercial.models import CommercialCase, CommercialNotice
from taxportal.models import User

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"customs_commercial:{name}", args=args)


def act(case, name, arg=None):
    return url("case_action_on", case.pk, name, arg) if arg else url("case_action", case.pk, name)


@pytest.fixture
def demo():
    call_command("load_demo", force=True, verbosity=0)
    return {c.entry.number: c for c in CommercialCase.objects.select_related("entry")}


def test_the_demo_loads_three_cases_once(demo):
    assert set(demo) == {"DEMO-C-2001", "DEMO-C-2002", "DEMO-C-2003"}
    call_command("load_demo", force=True, verbosity=0)
    assert CommercialCase.objects.count() == 3
    assert demo["DEMO-C-2003"].status == CaseStatus.CHIEF_VALUER


def test_readme_1_the_transaction_value_after_documents(demo, client):
    case = demo["DEMO-C-2001"]
    client.force_login(User.objects.get(username="customs_valuer"))
    assert case.entry.number in client.get(url("queue")).content.decode()
    documents = client.get(url("case_documents", case.pk)).content.decode()
    assert documents.count(".pdf") == 3  # the agent answered the three items
    ok = {302}
    assert (
        client.post(
            act(case, "trigger", "j"),
            {
                "trigger-j-marked": "on",
                "trigger-j-resolution": "Buying agent: agreement and separate invoices on file.",
            },
        ).status_code
        in ok
    )
    assert (
        client.post(
            act(case, "line"),
            {
                "line-kind": "commission",
                "line-amount": "480.00",
                "line-commission": "buying",
                "line-acts_for_importer": "on",
                "line-amount_detailed": "on",
                "line-charged_separately": "on",
                "line-amount_known": "on",
            },
        ).status_code
        in ok
    )
    assert (
        client.post(
            act(case, "line"),
            {
                "line-kind": "freight",
                "line-amount": "1150.00",
                "line-freight": "carriage",
                "line-amount_known": "on",
            },
        ).status_code
        in ok
    )
    assert (
        client.post(
            act(case, "set_value"),
            {
                "confirmed": "yes",
                "set_value-reasons": "FOB Hong Kong: the sea freight to Haifa is added; the buying "
                "commission is left out.",
            },
        ).status_code
        in ok
    )
    notice = CommercialNotice.objects.get(case=case)
    # 24,000 + 1,150 = 25,150.00 USD x 3.65 = 91,797.50 NIS; before release: a correction.
    assert (notice.kind, notice.method, notice.value) == (
        NoticeKind.ENTRY_CORRECTION,
        Method.TRANSACTION,
        D("91797.50"),
    )
    assert client.get(url("notice_pdf", notice.pk)).content.startswith(b"%PDF")


def test_readme_2_identical_goods_the_lower_of_two_candidates(demo, client):
    case = demo["DEMO-C-2002"]
    client.force_login(User.objects.get(username="customs_valuer"))
    overview = client.get(url("case", case.pk)).content.decode()
    # The history of 7323.93 from HK: 35.00 / median (40.50 + 42.60) / 2 = 41.55 / 47.10 (6).
    assert "35.00 / 41.55 / 47.10" in overview
    assert client.post(act(case, "disqualify"), {"disqualify-reason": ""}).status_code == 302
    assert client.post(act(case, "search"), {}).status_code == 302
    page = client.get(url("case_decision", case.pk)).content.decode()
    assert "42.60" in page and "44.80" in page and "35.00" not in page  # 120 days: outside
    assert (
        client.post(
            act(case, "apply"),
            {
                "confirmed": "yes",
                "apply-method": "identical",
                "apply-reasons": "Two entries of the same pots from Hong "
                "Kong within 90 days; the lower is taken.",
            },
        ).status_code
        == 302
    )
    notice = CommercialNotice.objects.get(case=case)
    assert (notice.method, notice.value) == (Method.IDENTICAL, D("42600.00"))  # 42.60 x 1,000


def test_readme_3_the_chief_valuer_takes_the_file_against_the_guarantee(demo, client):
    case = demo["DEMO-C-2003"]
    client.force_login(User.objects.get(username="valuation_unit"))
    consultation = case.consultations.get()
    assert (
        client.post(
            act(case, "answer", consultation.pk),
            {f"answer-{consultation.pk}-answer": "Yes: a condition of sale of these goods."},
        ).status_code
        == 302
    )
    client.force_login(User.objects.get(username="customs_chief"))
    queue = client.get(url("queue")).content.decode()
    assert "Bank Hapoalim 77-1029" in queue  # the guarantee lapses in 10 days
    assert (
        client.post(
            act(case, "line"),
            {
                "line-kind": "royalty",
                "line-amount": "600.00",
                "line-relates_to_goods": "on",
                "line-condition_of_sale": "on",
                "line-amount_known": "on",
            },
        ).status_code
        == 302
    )
    assert (
        client.post(
            act(case, "set_value"),
            {
                "confirmed": "yes",
                "set_value-reasons": "The licence fee of 0.60 USD a unit is a condition of sale.",
            },
        ).status_code
        == 302
    )
    notice = CommercialNotice.objects.filter(case=case).order_by("-pk").first()
    # 16,000 + 600 = 16,600.00 USD x 3.65 = 60,590.00 NIS.
    assert (notice.kind, notice.value) == (NoticeKind.ENTRY_CORRECTION, D("60590.00"))
