"""CUS-28, CUS-32, CUS-33, CUS-34, CUS-35, CUS-51: blocks checked when an entry is filed."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from customs_valuation.declarations.choices import BlockEnd, BlockKind, DeclarationForm, EntryKind
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.choices import SupplierStatus as S
from customs_valuation.declarations.models import Block, Entry
from customs_valuation.declarations.services import declarations as declaration_services
from customs_valuation.declarations.services import entries as entry_services
from customs_valuation.declarations.services import suppliers as supplier_services
from customs_valuation.declarations.services.daily import run_daily

from .helpers import declaration, file_entry
from .test_declarations import at, check, checked_supplier

pytestmark = pytest.mark.django_db
ISRAEL = ZoneInfo("Asia/Jerusalem")


def kinds(filing):
    return [b.kind for b in filing.blocks]


def test_cus_32_no_declaration_blocks_the_pair_until_one_is_entered(world):
    the_supplier = checked_supplier(world)
    refused = file_entry(world, the_supplier)
    assert refused.refused and kinds(refused) == [BlockKind.NO_DECLARATION]
    block = refused.blocks[0]
    declaration(world, the_supplier)  # status 1 lifts it
    block.refresh_from_db()
    assert (block.ended_by, block.ended_at is not None) == (BlockEnd.DECLARATION_ENTERED, True)
    assert not file_entry(world, the_supplier).refused


@pytest.mark.parametrize(
    ("day", "blocked"), [(1, False), (22, False), (23, True)], ids=["day_0", "day_21", "day_22"]
)
def test_cus_28_a_correction_not_approved_in_21_days_blocks_the_pair(world, day, blocked):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    with at(2026, 3, 1):  # day 0: the first message to correct
        check(world, made, D.TYPING_ERROR)
    with at(2026, 3, day, hour=0):
        filing = file_entry(world, the_supplier)
    assert filing.refused is blocked
    if blocked:
        block = filing.blocks[0]
        assert block.kind == BlockKind.CORRECTION_OVERDUE
        assert block.started_at == datetime(2026, 3, 23, 0, 0, tzinfo=ISRAEL)


def test_cus_28_the_daily_job_writes_the_block_at_00_00_of_day_22_and_approval_lifts_it(world):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    before = file_entry(world, the_supplier).entry
    with at(2026, 3, 1):
        check(world, made, D.NOT_SIGNED)
    with at(2026, 3, 22, hour=23):
        assert run_daily()["blocked"] == 0
    with at(2026, 3, 23, hour=0):
        assert run_daily()["blocked"] == 1
        assert run_daily()["blocked"] == 0  # idempotent
    block = Block.objects.get(kind=BlockKind.CORRECTION_OVERDUE)
    assert block.declaration == made
    # Entries filed before the block started are untouched: still filed, and released.
    with at(2026, 3, 23, hour=8):
        entry_services.entry_release(actor=world.valuer, entry=before)
    assert Entry.objects.get(pk=before.pk).released_at is not None
    with at(2026, 3, 24):
        declaration_services.original_delivered(
            actor=world.agent_user, agent=world.agent, declaration=made
        )
        assert file_entry(world, the_supplier).refused  # 3 still counts
        check(world, made)  # approved
    block.refresh_from_db()
    assert block.ended_by == BlockEnd.DECLARATION_APPROVED
    with at(2026, 3, 24):
        assert not file_entry(world, the_supplier).refused


@pytest.mark.parametrize("code", [D.PRICE_SUSPECTED, D.MISCELLANEOUS])
def test_cus_28_4_and_10_do_not_block(world, code):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    with at(2026, 3, 1):
        check(world, made, code)
    with at(2026, 5, 1):
        assert not file_entry(world, the_supplier).refused


def test_cus_28_expiry_ends_the_overdue_block_and_the_pair_needs_a_new_declaration(world):
    the_supplier = checked_supplier(world)
    with at(2026, 1, 10):
        made = declaration(world, the_supplier)
    with at(2026, 3, 1):
        check(world, made, D.TYPING_ERROR)
    with at(2026, 3, 23, hour=0):
        run_daily()
    with at(2027, 1, 10, hour=0):
        run_daily()
        filing = file_entry(world, the_supplier)
    overdue = Block.objects.get(kind=BlockKind.CORRECTION_OVERDUE)
    assert overdue.ended_by == BlockEnd.DECLARATION_EXPIRED
    assert kinds(filing) == [BlockKind.NO_DECLARATION]


def test_cus_51_a_wrong_supplier_blocks_every_importer_until_its_code_leaves_9(world):
    the_supplier = checked_supplier(world)
    declaration(world, the_supplier)
    supplier_services.supplier_set_status(
        actor=world.valuer, supplier=the_supplier, status=S.WRONG, reason="address missing"
    )
    refused = file_entry(world, the_supplier)
    assert kinds(refused) == [BlockKind.WRONG_SUPPLIER]
    assert refused.blocks[0].importer is None
    exempt = file_entry(world, the_supplier, kind=EntryKind.DETENTION_49)
    assert kinds(exempt) == [BlockKind.WRONG_SUPPLIER]  # CUS-34 exempts from 28 and 32 only
    with pytest.raises(ValidationError):  # no declaration may name it either
        declaration(world, the_supplier)
    supplier_services.supplier_set_status(
        actor=world.valuer, supplier=the_supplier, status=S.APPROVED_AFTER_CORRECTION,
        reason="address corrected by the valuer",
    )  # fmt: skip
    block = Block.objects.get(kind=BlockKind.WRONG_SUPPLIER)
    assert block.ended_by == BlockEnd.SUPPLIER_STATUS_CHANGED
    assert not file_entry(world, the_supplier).refused


@pytest.mark.parametrize(
    "kind", [EntryKind.DETENTION_49, EntryKind.OWNERSHIP_TRANSFER, EntryKind.RETURNED_EXPORT_810]
)
def test_cus_34_exempt_entries_need_no_declaration_and_are_not_the_first_entry(world, kind):
    the_supplier = checked_supplier(world)
    exempt = file_entry(world, the_supplier, kind=kind, usd="9000")
    assert not exempt.refused
    assert exempt.entry.declaration is None and not exempt.entry.original_required


def test_cus_33_the_original_goes_with_the_first_entry_over_1000_dollars(world):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    small = file_entry(world, the_supplier, usd="1000.00").entry
    first = file_entry(world, the_supplier, usd="1000.01", kind=EntryKind.SHAHAM).entry
    second = file_entry(world, the_supplier, usd="5000").entry
    assert [e.original_required for e in (small, first, second)] == [False, True, False]
    made.refresh_from_db()
    assert made.original_entry == first


def test_cus_35_form_138a_for_one_entry_blocks_the_pair_when_overdue(world):
    the_supplier = checked_supplier(world)
    annual = declaration(world, the_supplier)
    check(world, annual)
    entry = file_entry(world, the_supplier).entry
    with at(2026, 3, 1):
        one_off = declaration(
            world, the_supplier, form=DeclarationForm.ENTRY, entry_number=entry.number
        )
        check(world, one_off, D.TYPING_ERROR)
    annual.refresh_from_db()
    assert annual.status == D.APPROVED  # untouched
    with at(2026, 3, 23):
        assert kinds(file_entry(world, the_supplier)) == [BlockKind.CORRECTION_OVERDUE]


def test_cus_51_the_block_check_is_a_constant_number_of_queries(world):
    """Resolve the supplier, the policy, the pair's declarations, its blocks: then write."""
    the_supplier = checked_supplier(world)
    declaration(world, the_supplier)
    with CaptureQueriesContext(connection) as few:
        file_entry(world, the_supplier)
    for _ in range(5):
        declaration(world, the_supplier)
    with CaptureQueriesContext(connection) as more:
        file_entry(world, the_supplier)
    assert len(few) == len(more)
    reads = [q for q in few.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) <= 6
