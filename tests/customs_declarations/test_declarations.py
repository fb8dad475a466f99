"""CUS-27, CUS-28, CUS-41 to CUS-46, CUS-49, CUS-50: declarations through the services."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from customs_valuation.declarations.choices import BlockKind, CorrectionCause, DocumentKind
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.choices import SupplierStatus as S
from customs_valuation.declarations.models import AgentNotification, Block, ImporterDeclaration
from customs_valuation.declarations.services import declarations as declaration_services
from customs_valuation.declarations.services import status as status_services
from customs_valuation.declarations.services import suppliers as supplier_services
from customs_valuation.declarations.services.common import NotAllowed
from customs_valuation.declarations.services.daily import run_daily

from .helpers import declaration, file_entry, supplier

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def at(year, month, day, hour=9):
    return time_machine.travel(datetime(year, month, day, hour, tzinfo=ISRAEL), tick=False)


def checked_supplier(world, status=S.CORRECT):
    made = supplier(world)
    supplier_services.supplier_set_status(
        actor=world.valuer, supplier=made, status=status, reason="checked against the invoice"
    )
    made.refresh_from_db()
    return made


def check(world, the_declaration, *findings, user=None):
    return status_services.declaration_check(
        actor=user or world.valuer,
        declaration=the_declaration,
        findings=[(code, f"problem {code}") for code in findings],
    )


def test_cus_27_a_new_declaration_is_1_set_by_the_system(world):
    made = declaration(world, supplier(world))
    assert made.status == D.NOT_HANDLED
    change = made.status_changes.get()
    assert (change.from_status, change.to_status, change.actor_kind) == (None, 1, "system")


def test_cus_41_declaration_codes_wait_for_the_supplier_check_except_8(world):
    made = declaration(world, supplier(world))
    with pytest.raises(ValidationError):
        check(world, made)  # 2 while the supplier is 1
    check(world, made, D.ORIGINAL_MISSING)
    assert ImporterDeclaration.objects.get(pk=made.pk).status == D.ORIGINAL_MISSING


def test_cus_41_a_wrong_supplier_makes_the_declaration_wrong(world):
    made = declaration(world, checked_supplier(world))
    supplier_services.supplier_set_status(
        actor=world.valuer, supplier=made.supplier, status=S.WRONG, reason="no such firm"
    )
    for codes in ([], [D.PRICE_SUSPECTED], [D.MISCELLANEOUS]):
        with pytest.raises(ValidationError):
            check(world, made, *codes)
    check(world, made, D.TYPING_ERROR)
    assert ImporterDeclaration.objects.get(pk=made.pk).status == D.TYPING_ERROR


def test_cus_28_only_the_first_problem_is_sent_and_the_others_come_back(world):
    made = declaration(world, checked_supplier(world))
    check(world, made, D.MISCELLANEOUS, D.PRICE_SUSPECTED, D.TYPING_ERROR)
    made.refresh_from_db()
    assert made.status == D.TYPING_ERROR  # 5 before 4 before 10
    assert sorted(made.findings.filter(resolved_at=None).values_list("code", flat=True)) == [
        4, 5, 10,
    ]  # fmt: skip
    notice = AgentNotification.objects.get(agent=world.agent, declaration=made)
    assert (notice.params, notice.reason) == ({"status": 5}, "problem 5")
    declaration_services.declaration_correct(
        actor=world.agent_user, agent=world.agent, declaration=made, data={"incoterm": "CIF"}
    )
    made.refresh_from_db()
    assert made.status == D.CORRECTION_AWAITING
    check(world, made, D.MISCELLANEOUS, D.PRICE_SUSPECTED)  # 5 fixed; 4 and 10 still there
    made.refresh_from_db()
    assert made.status == D.PRICE_SUSPECTED
    assert sorted(made.findings.filter(resolved_at=None).values_list("code", flat=True)) == [4, 10]


@pytest.mark.parametrize("code", [4, 5, 6, 7, 8, 10])
def test_cus_42_a_valuer_code_needs_a_reason(world, code):
    made = declaration(world, checked_supplier(world))
    with pytest.raises(ValidationError):
        status_services.declaration_check(
            actor=world.valuer, declaration=made, findings=[(code, "  ")]
        )


def test_cus_45_status_4_is_sent_to_the_agent_as_2_and_4_to_2_sends_nothing(world):
    made = declaration(world, checked_supplier(world))
    with at(2026, 3, 1):
        check(world, made, D.PRICE_SUSPECTED)
    made.refresh_from_db()
    assert (made.status, made.agent_status) == (D.PRICE_SUSPECTED, D.APPROVED)
    assert made.agent_status_at.astimezone(ISRAEL).date().isoformat() == "2026-03-01"
    assert made.agent_reason == ""
    sent = AgentNotification.objects.filter(declaration=made)
    assert [(n.params["status"], n.reason) for n in sent] == [(2, "")]
    with at(2026, 3, 5):
        check(world, made)
    made.refresh_from_db()
    assert made.status == D.APPROVED
    assert made.agent_status_at.astimezone(ISRAEL).date().isoformat() == "2026-03-01"
    assert sent.count() == 1


def test_cus_50_a_correction_cannot_change_importer_or_supplier(world):
    made = declaration(world, checked_supplier(world))
    with pytest.raises(ValidationError) as refused:
        declaration_services.declaration_correct(
            actor=world.agent_user,
            agent=world.agent,
            declaration=made,
            data={"supplier_number": 5},
        )
    assert list(refused.value.message_dict) == ["supplier_number"]


def test_cus_50_at_6_a_new_declaration_replaces_the_old_and_inherits_the_count(world):
    made = declaration(world, checked_supplier(world))
    entry = file_entry(world, made.supplier, usd="2500").entry
    with at(2026, 3, 1):
        check(world, made, D.INVOICE_MISMATCH)
    entry.refresh_from_db()
    assert entry.correction_cause == CorrectionCause.NEW_DECLARATION  # CUS-44
    with at(2026, 3, 10):
        new = declaration_services.declaration_replace(
            actor=world.agent_user, agent=world.agent, declaration=made, data={}
        )
    made.refresh_from_db()
    assert made.closed_at is not None and made.replaced_by == new
    assert (new.status, new.count_started_on.isoformat()) == (3, "2026-03-01")
    assert new.original_entry == entry


def test_cus_50_at_7_or_8_delivering_the_original_moves_to_3(world):
    made = declaration(world, supplier(world))
    check(world, made, D.ORIGINAL_MISSING)
    declaration_services.original_delivered(
        actor=world.agent_user, agent=world.agent, declaration=made
    )
    made.refresh_from_db()
    assert made.status == D.CORRECTION_AWAITING


def test_cus_27_9_only_by_the_valuation_unit(world):
    made = declaration(world, checked_supplier(world))
    with pytest.raises(NotAllowed):
        status_services.declaration_cancel(actor=world.valuer, declaration=made, reason="x")
    status_services.declaration_cancel(actor=world.unit, declaration=made, reason="fictitious")
    made.refresh_from_db()
    assert made.status == D.CANCELLED
    block = Block.objects.get()
    assert (block.kind, block.ended_at) == (BlockKind.NO_DECLARATION, None)


def test_cus_49_expiry_after_12_months_unless_2_or_9(world):
    the_supplier = checked_supplier(world)
    with at(2026, 1, 31):
        pending = declaration(world, the_supplier)
        approved = declaration(world, the_supplier)
        check(world, approved)
        suspected = declaration(world, the_supplier)
        check(world, suspected, D.PRICE_SUSPECTED)
    with at(2027, 1, 30):
        assert run_daily()["expired"] == 0  # the last valid day
    with at(2027, 1, 31, hour=0), translation.override("en"):
        assert run_daily()["expired"] == 2  # 31 January + 12 months
    statuses = dict(ImporterDeclaration.objects.values_list("pk", "status"))
    assert statuses == {pending.pk: 12, approved.pk: 2, suspected.pk: 12}
    pending.refresh_from_db()
    assert pending.status_reason == "Expired: 12 months since 31/01/2026 without approval."


def test_cus_40_uploads_only_scans(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    made = declaration(world, supplier(world))
    good = SimpleUploadedFile("original.pdf", b"%PDF-1.7 signed", "application/pdf")
    declaration_services.document_upload(
        actor=world.agent_user,
        agent=world.agent,
        declaration=made,
        kind=DocumentKind.SIGNED_ORIGINAL,
        upload=good,
    )
    bad = SimpleUploadedFile("original.pdf", b"MZ\x90\x00 not a scan", "application/pdf")
    with pytest.raises(ValidationError):
        declaration_services.document_upload(
            actor=world.agent_user,
            agent=world.agent,
            declaration=made,
            kind=DocumentKind.SIGNED_ORIGINAL,
            upload=bad,
        )


@pytest.mark.parametrize("code", [S.NOT_HANDLED, S.CORRECTION_AWAITING, S.MISC_CORRECTION_AWAITING])
def test_cus_26_a_valuer_cannot_set_the_systems_supplier_codes(world, code):
    made = supplier(world)
    with pytest.raises(ValidationError):
        supplier_services.supplier_set_status(
            actor=world.valuer, supplier=made, status=code, reason="trying"
        )


@pytest.mark.parametrize("code", [S.WRONG, S.MISCELLANEOUS, S.APPROVED_AFTER_CORRECTION])
def test_cus_42_supplier_codes_9_10_12_need_a_reason(world, code):
    with pytest.raises(ValidationError):
        supplier_services.supplier_set_status(
            actor=world.valuer, supplier=supplier(world), status=code, reason=""
        )


def test_cus_26_an_agent_cannot_set_a_supplier_code(world):
    with pytest.raises(NotAllowed):
        supplier_services.supplier_set_status(
            actor=world.agent_user, supplier=supplier(world), status=S.CORRECT, reason=""
        )


def test_cus_50_the_agents_change_of_supplier_data_moves_its_code(world):
    made = checked_supplier(world)  # 2
    supplier_services.supplier_change(actor=world.agent_user, supplier=made, data={"city": "X"})
    made.refresh_from_db()
    assert made.status == S.CORRECTION_AWAITING
    change = made.status_changes.last()
    assert (change.from_status, change.to_status, change.actor_kind) == (2, 3, "system")


def test_cus_27_code_7_is_not_for_the_chamber_of_commerce(world):
    world.agent.is_chamber_of_commerce = True
    world.agent.save()
    made = declaration(world, checked_supplier(world))
    with pytest.raises(ValidationError):
        check(world, made, D.NOT_SIGNED)


def test_cus_56_the_valuer_asks_the_agent_for_documents(world):
    made = declaration(world, supplier(world))
    status_services.documents_request(actor=world.valuer, declaration=made, reason="The invoice")
    notice = AgentNotification.objects.get(kind="documents_requested")
    assert (notice.agent, notice.reason) == (world.agent, "The invoice")
