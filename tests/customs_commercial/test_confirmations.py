"""Issue 16: the valuer's decisions that send a notice to the importer or fix the value (the
not-satisfied notice, the accepted value, the transaction value set with its notice, the value
of a method, the damage committee's decision) and the chief valuer's decision on a credit note
are shown on a "check your answers" page first: that POST changes nothing; only the confirmed
POST acts. The recording steps between them go ahead at once."""

from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from customs_valuation.commercial.choices import CaseStatus, CreditNoteStatus, LineKind
from customs_valuation.commercial.models import CommercialNotice, CreditNote
from customs_valuation.commercial.services import credit_notes as credit_services
from customs_valuation.commercial.services import special as special_services
from customs_valuation.commercial.services import worksheet as sheet_services
from taxportal.models import AuditEvent
from tests.customs_declarations import helpers as declaration_helpers

from .helpers import open_case

pytestmark = pytest.mark.django_db

FACTS = {"transport_mode": "sea", "nature": "sale", "invoice_kind": "sales_invoice"}


def action(case, name):
    return reverse("customs_commercial:case_action", args=[case.pk, name])


def _confirmation(response) -> str:
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="confirmed" value="yes"' in html
    return html


def test_issue_16_cus_80_the_not_satisfied_notice_is_confirmed_first(commercial, client):
    case = open_case(commercial, incoterm="CIF")
    client.force_login(commercial.valuer)
    answers = {
        "not_satisfied-reasons": "Low.",
        "not_satisfied-provisional_value": "50000",
        "not_satisfied-taxes_declared": "1000",
        "not_satisfied-taxes_provisional": "2000",
    }
    before = AuditEvent.objects.count()
    html = _confirmation(client.post(action(case, "not_satisfied"), answers))
    assert case.entry.number in html and case.entry.importer.name in html
    assert 'name="not_satisfied-reasons" value="Low."' in html  # the answers go again
    assert CommercialNotice.objects.count() == 0 and AuditEvent.objects.count() == before
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    response = client.post(action(case, "not_satisfied"), answers | {"confirmed": "yes"})
    assert response.status_code == 302
    notice = CommercialNotice.objects.get(case=case)
    assert notice.provisional_value == D("50000.00")


def test_issue_16_accepting_the_declared_value_is_confirmed_first(commercial, client):
    case = open_case(commercial, incoterm="CIF", **FACTS)
    client.force_login(commercial.valuer)
    answers = {"accept-reason": "Checked."}
    _confirmation(client.post(action(case, "accept"), answers))
    case.refresh_from_db()
    assert (case.status, case.final_value) == (CaseStatus.OPEN, None)
    for not_yes in ("", "no", "YES"):
        _confirmation(client.post(action(case, "accept"), answers | {"confirmed": not_yes}))
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN
    response = client.post(action(case, "accept"), answers | {"confirmed": "yes"})
    assert response.status_code == 302
    case.refresh_from_db()
    # 10,000.00 USD declared x 3.7 = 37,000.00 NIS
    assert (case.status, case.final_value) == (CaseStatus.ACCEPTED, D("37000.00"))


def test_issue_16_setting_the_transaction_value_is_confirmed_first(commercial, client):
    case = open_case(commercial, incoterm="CIF", **FACTS)
    sheet_services.line_add(
        actor=commercial.valuer, case=case, kind=LineKind.KOSHER, amount=D("5.00")
    )
    client.force_login(commercial.valuer)
    answers = {"set_value-reasons": "The kosher certificate is added."}
    _confirmation(client.post(action(case, "set_value"), answers))
    assert CommercialNotice.objects.count() == 0
    case.refresh_from_db()
    assert case.final_value is None
    response = client.post(action(case, "set_value"), answers | {"confirmed": "yes"})
    assert response.status_code == 302
    assert CommercialNotice.objects.filter(case=case).count() == 1


def test_issue_16_a_recording_step_is_not_confirmed(commercial, client):
    case = open_case(commercial, incoterm="CIF")
    client.force_login(commercial.valuer)
    response = client.post(action(case, "consult"), {"consult-question": "Is this an assist?"})
    assert response.status_code == 302  # asked at once: nothing leaves the customs house


def test_issue_16_wrong_answers_are_shown_not_confirmed(commercial, client):
    case = open_case(commercial, incoterm="CIF")
    client.force_login(commercial.valuer)
    wrong = {
        "not_satisfied-reasons": "Low.",
        "not_satisfied-provisional_value": "not-a-number",
        "not_satisfied-taxes_declared": "1000",
        "not_satisfied-taxes_provisional": "2000",
    }
    response = client.post(action(case, "not_satisfied"), wrong)
    assert response.status_code == 400
    assert 'name="confirmed"' not in response.content.decode()
    assert CommercialNotice.objects.count() == 0


def _credit_note(commercial):
    supplier = declaration_helpers.supplier(commercial, name="S")
    return credit_services.credit_note_request(
        actor=commercial.agent_user,
        agent=commercial.agent,
        importer=commercial.importer,
        supplier_number=supplier.pk,
        customs_house=commercial.haifa,
        number="CN-9",
        kind="credit_note",
        amount=D("10"),
        currency="USD",
    )


def test_issue_16_cus_70_the_chief_valuers_credit_note_decision_is_confirmed_first(
    commercial, client
):
    note = _credit_note(commercial)
    path = reverse("customs_commercial:credit_note", args=[note.pk])
    answers = {"decision": "refuse", "reason": "No order."}
    client.force_login(commercial.valuer)
    assert client.post(path, answers | {"confirmed": "yes"}).status_code == 403
    client.force_login(commercial.chief)
    html = _confirmation(client.post(path, answers))
    assert "CN-9" in html and commercial.importer.name in html
    note.refresh_from_db()
    assert note.status == CreditNoteStatus.REQUESTED and note.decided_at is None
    assert client.post(path, answers | {"confirmed": "yes"}).status_code == 302
    note.refresh_from_db()
    assert (note.status, note.decision_reason) == (CreditNoteStatus.REFUSED, "No order.")
    missing = reverse("customs_commercial:credit_note", args=[note.pk + 999])
    assert client.post(missing, answers | {"confirmed": "yes"}).status_code == 404
    assert CreditNote.objects.count() == 1


def test_issue_16_cus_93_the_damage_committees_decision_is_confirmed_first(commercial, client):
    case = open_case(commercial)
    damage = special_services.damage_request(
        actor=commercial.agent_user,
        agent=commercial.agent,
        case=case,
        description="Cartons soaked in the hold; 40% unusable.",
    )
    path = reverse("customs_commercial:case_action_on", args=[case.pk, "damage", damage.pk])
    prefix = f"damage-{damage.pk}-"
    answers = {
        prefix + "members": "Valuer A\nValuer B\nValuer C",
        prefix + "examined_on": timezone.localdate().isoformat(),
        prefix + "reasons": "40% of the units are unusable.",
        prefix + "amount": "22200.00",
    }
    client.force_login(commercial.valuer)
    html = _confirmation(client.post(path, answers))
    assert "Valuer A, Valuer B, Valuer C" in html  # the members, one a line, as a list
    damage.refresh_from_db()
    assert damage.decided_at is None and damage.amount is None
    assert client.post(path, answers | {"confirmed": "yes"}).status_code == 302
    damage.refresh_from_db()
    assert damage.amount == D("22200.00") and damage.decided_by == commercial.valuer
