"""Issue 12, registration table (REG-7, REG-9, REG-24): one test per defect, written from the
spec (registration.md and its Decision lines) before the fix.

Interfaces these tests assume (they do not exist on main yet; implement exactly these, or
change only the call, never the expected value):

- REG-9  a person whose record holds fewer than two of the further facts goes through the same
  steps as everyone (REG-11) and, where a wrong answer would fail (after the "more" step), is
  shown the outcome page ``registration/outcome_not_possible_online.html`` (rendered like the
  existing ``already_registered`` / ``not_registered`` outcomes), which says online
  registration is not possible for them and where to turn.
- REG-24 the parking-badge section of the personal area has a ``service_url``: a citizen page
  of the badges app, reachable by the citizen (200), which at the low level says what it hides
  ("... identification level"). The customs section and ``/customs/my/`` pages read the
  citizen's level: at the low level the customs section and case page say what is hidden
  ("... identification level") and the case page does not show the value set.

What fails on main today, and why (one line each):
- test_reg_7_asking_past_the_last_set_is_not_a_failure: each ask records a failed attempt and
  the sixth locks the identity number.
- test_reg_9_too_few_facts_is_told_registration_is_not_possible_online: padded with questions
  that cannot be answered, then "wrong answers" and round again.
- test_reg_24_customs_section_at_the_low_level_says_what_it_hides: the section ignores the level.
- test_reg_24_customs_case_page_at_the_low_level_hides_the_value: /customs/my/ has no level check.
- test_reg_24_badge_section_links_to_its_service: the badge section has no service_url.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from registration.models import IdentityAttempt
from taxportal.roles import Role

from .factories import ANSWERS, TaxpayerRecordFactory
from .wizard_client import enter, post, step_url

pytestmark = pytest.mark.django_db

KNOWN = "302466339"
LOW_ITEMS = {"id_issue_date": "01022015", "driving_licence_number": "5512347"}
AREA = reverse("registration:personal_area")
NO_ANSWERS_TICK = "אין לי תשובות לשאלות אלו"


def _english(client, url: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client.get(url).content.decode()


def _section(html: str, marker: str) -> str:
    """The personal-area <section> that contains `marker`."""
    for section in re.findall(r"<section\b.*?</section>", html, re.DOTALL):
        if marker in section:
            return section
    raise AssertionError(f"no section with {marker!r}")


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- REG-7: asking past the last set is not a failure -----------------------------------------


def test_reg_7_asking_past_the_last_set_is_not_a_failure(record, client):
    enter(client, KNOWN)
    while True:
        page = client.get(step_url("high"))
        if page.context["set_number"] == page.context["set_count"]:
            break
        post(client, step_url("high"), {})
    # Six times past the last set: more than the five failures that lock a number (REG-11).
    for _ in range(6):
        response = post(client, step_url("high"), {}, follow=True)
        assert reverse("registration:locked") not in [url for url, _ in response.redirect_chain]
    assert not IdentityAttempt.objects.exists()  # not a wrong answer, not counted
    page = response.content.decode()
    # The page says there are no more sets and points to the tick (its label is on the page
    # once as the checkbox's label, and again in the message), and never calls it a failure.
    assert response.templates[0].name == "registration/step_high.html"
    assert page.count(NO_ANSWERS_TICK) >= 2
    assert "כושל" not in page


# --- REG-9: too few facts for the further questions -------------------------------------------


def test_reg_9_too_few_facts_is_told_registration_is_not_possible_online(client, db):
    # The record holds the two low-level items but only ONE further fact (a vehicle number).
    TaxpayerRecordFactory(
        national_id=KNOWN,
        has_valid_passport=None,
        parent_national_ids=[],
        income_tax_refund_accounts=[],
        last_income_tax_advance=None,
        vat_refund_accounts=[],
        last_vat_turnover=None,
        last_vat_report_period=None,
        last_vat_report_month=None,
        last_vat_report_year=None,
        last_vat_report_amount=None,
        real_estate_report_codes=[],
    )
    enter(client, KNOWN)
    post(client, step_url("high"), {"no_answers": "on"})
    response = post(client, step_url("low"), LOW_ITEMS)
    assert response.url == step_url("more")  # the same steps as anyone (REG-11)
    more = client.get(response.url)
    answers = {name: ANSWERS.get(name, "0") for name in more.context["form"].fields}
    response = post(client, step_url("more"), answers, follow=True)
    # Where a wrong answer would fail, this person is told registration online is not
    # possible for them and where to turn: not sent round the questions again.
    names = [template.name for template in response.templates]
    assert "registration/outcome_not_possible_online.html" in names
    assert "registration/step_high.html" not in names


# --- REG-24: every section and service page respects the level --------------------------------


@pytest.fixture
def valued_case(registered, make_user):
    """A low-level citizen (629923129) whose bag was valued at 6,400.00 (value set)."""
    from customs_valuation import reference, services
    from customs_valuation.models import CaseStatus
    from tests.customs_valuation.factories import goods_case

    reference.load()
    profile = registered(level="low")
    officer = make_user(Role.CUSTOMS_OFFICER)
    case = goods_case(
        officer=officer,
        importer=profile.user,
        goods_description="Designer bag",
        invoice_value=Decimal("900"),
        freight=Decimal("60"),
        price_abroad=Decimal("7000"),
        israeli_price=Decimal("9500"),
        israeli_price_net=Decimal("6400"),
    )
    services.case_decide_value(actor=officer, case=case, reasons="Invoice far below the price.")
    case.refresh_from_db()
    assert (case.status, case.determined_value) == (CaseStatus.VALUE_SET, Decimal("6400.00"))
    return profile, case


def test_reg_24_customs_section_at_the_low_level_says_what_it_hides(client, valued_case):
    profile, case = valued_case
    client.force_login(profile.user)
    section = _text(_section(_english(client, AREA), case.reference))
    assert "identification level" in section  # what the low level hides, said in the section
    assert reverse("customs_valuation:my_cases") in _section(_english(client, AREA), case.reference)


def test_reg_24_customs_case_page_at_the_low_level_hides_the_value(client, valued_case):
    profile, case = valued_case
    client.force_login(profile.user)
    url = reverse("customs_valuation:my_case", args=[case.pk])
    low = _text(_english(client, url))
    assert "6,400" not in low and "6400" not in low  # the value set is not shown...
    assert "identification level" in low  # ...and the page says why
    profile.level = "high"
    profile.save()
    high = _text(_english(client, url))
    assert "6,400" in high or "6400" in high


def test_reg_24_badge_section_links_to_its_service(client, registered):
    from tests.parking_badges.factories import BadgeFactory, DisabledPersonFactory

    profile = registered(level="low")
    BadgeFactory(person=DisabledPersonFactory(national_id="629923129"))
    client.force_login(profile.user)
    response = client.get(AREA)
    badge_sections = [
        item.section
        for item in response.context["sections"]
        if item.section.template.startswith("parking_badges/")
    ]
    assert len(badge_sections) == 1
    service_url = badge_sections[0].service_url
    assert service_url  # the section links to its service
    assert service_url in response.content.decode()
    service = _english(client, service_url)
    assert client.get(service_url).status_code == 200
    assert "identification level" in _text(service)  # at the low level it says what it hides
