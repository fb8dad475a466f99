"""Issue 16: a decision sent to the importer is confirmed first. The first POST shows what will
happen and to whom and changes nothing; only the confirmed POST decides; sending the case to the
appraiser (nothing sent to the importer) needs no confirmation; other roles are refused. The appeal
committee's decision (CUS-12) is confirmed alike."""

from decimal import Decimal

import pytest
from django.urls import reverse

from customs_valuation import services
from customs_valuation.models import CaseStatus
from taxportal.roles import Role

from .factories import vehicle_case

pytestmark = pytest.mark.django_db


def test_issue_16_the_officers_decision_is_confirmed_before_it_is_sent(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    answers = {"decision": "notice", "reasons": "The invoice is too low."}
    response = client.post(url, answers)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirmed" value="yes"' in html
    assert case.reference in html and case.importer_national_id in html
    assert 'name="reasons" value="The invoice is too low."' in html
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and not case.decisions.exists()

    response = client.post(url, {**answers, "confirmed": "yes"})
    case.refresh_from_db()
    assert response.status_code == 302 and case.status == CaseStatus.NOTICE_OF_INTENT


def test_issue_16_a_decision_with_errors_shows_the_form_not_the_confirmation(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    html = client.post(url, {"decision": "notice", "reasons": ""}).content.decode()
    assert 'href="#id_reasons"' in html and 'name="confirmed"' not in html


def test_issue_16_sending_to_the_appraiser_needs_no_confirmation(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    client.force_login(people.officer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    response = client.post(url, {"decision": "appraiser", "reasons": "Rare model."})
    case.refresh_from_db()
    assert response.status_code == 302 and case.status == CaseStatus.AT_APPRAISER


@pytest.mark.parametrize("role", [Role.CITIZEN, Role.LICENSING_CLERK, Role.INSPECTOR])
def test_issue_16_decisions_refused_to_other_roles(client_as, people, role):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    answers = {"decision": "notice", "reasons": "Low.", "confirmed": "yes"}
    assert client_as(role).post(url, answers).status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_issue_16_a_committee_member_cannot_confirm_the_officers_decision(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer)
    client.force_login(people.committee[0])
    url = reverse("customs_valuation:case_action", args=[case.pk, "decide"])
    answers = {"decision": "notice", "reasons": "Low.", "confirmed": "yes"}
    assert client.post(url, answers).status_code == 403
    missing = reverse("customs_valuation:case_action", args=[case.pk + 999, "decide"])
    client.force_login(people.officer)
    assert client.post(missing, answers).status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_issue_16_cus_12_the_committees_appeal_decision_is_confirmed_first(client, people):
    case = vehicle_case(officer=people.officer, importer=people.importer, invoice="10000")
    services.case_notice_of_intent(actor=people.officer, case=case, reasons="Too cheap.")
    services.case_answer_notice(actor=people.importer, case=case, text="My answer.")
    services.case_supervisor_decide(
        actor=people.supervisor, case=case, convinced=False, reasons="Not convinced."
    )
    appeal = services.appeal_file(actor=people.importer, case=case, grounds="High mileage.")
    services.appeal_forward(actor=people.supervisor, appeal=appeal, opinion="Consider mileage.")
    case.refresh_from_db()
    value_set = case.determined_value
    chair, _second, lawyer = people.committee
    client.force_login(chair)
    url = reverse("customs_valuation:case_action", args=[case.pk, "appeal_decision"])
    answers = {
        "members": [m.pk for m in people.committee],
        "legal_adviser": lawyer.pk,
        "outcome": "value_changed",
        "value": "15000",
        "reasons": "Mileage documented.",
    }
    response = client.post(url, answers)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirmed" value="yes"' in html and case.reference in html
    assert 'name="value" value="15000"' in html
    case.refresh_from_db()
    assert (case.status, case.determined_value) == (CaseStatus.APPEALED, value_set)

    response = client.post(url, {**answers, "confirmed": "yes"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.determined_value) == (CaseStatus.APPEAL_DECIDED, Decimal("15000"))
