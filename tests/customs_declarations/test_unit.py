"""CUS-44, CUS-48, CUS-52 to CUS-56: the valuation unit's control, entry corrections, release
and the archive."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from customs_valuation.declarations import selectors
from customs_valuation.declarations.choices import CorrectionCause, NotificationKind
from customs_valuation.declarations.choices import DeclarationStatus as D
from customs_valuation.declarations.models import AgentNotification, CustomsHouseStaff, Entry
from customs_valuation.declarations.services import entries as entry_services
from customs_valuation.declarations.services import unit as unit_services
from customs_valuation.declarations.services.common import NotAllowed
from customs_valuation.declarations.services.daily import run_daily

from .helpers import declaration, file_entry, supplier
from .test_declarations import at, check, checked_supplier

pytestmark = pytest.mark.django_db


def test_cus_53_cancel_a_supplier(world):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    entry = file_entry(world, the_supplier).entry
    with pytest.raises(NotAllowed):
        unit_services.supplier_cancel(actor=world.valuer, supplier=the_supplier, reason="x")
    with pytest.raises(ValidationError):
        unit_services.supplier_cancel(actor=world.unit, supplier=the_supplier, reason=" ")
    with translation.override("en"):
        unit_services.supplier_cancel(actor=world.unit, supplier=the_supplier, reason="fictitious")
    made.refresh_from_db()
    assert made.status == D.CANCELLED
    # Issue 16: the reason is stored as a code; each reader sees it in their own language.
    assert made.status_reason.in_language("en") == "Supplier cancelled: fictitious"
    assert made.status_reason.in_language("he") == "הספק בוטל: fictitious"
    entry.refresh_from_db()
    assert entry.correction_cause == CorrectionCause.SUPPLIER_CANCELLED
    told = AgentNotification.objects.filter(kind=NotificationKind.SUPPLIER_CANCELLED)
    assert sorted(told.values_list("agent_id", flat=True)) == sorted(
        [world.agent.pk, world.other_agent.pk]
    )  # every customs agent
    with pytest.raises(ValidationError):
        file_entry(world, the_supplier)


def test_cus_54_merge_suppliers_into_one_number(world):
    survivor = checked_supplier(world)
    twice = supplier(world, name="Bright Lamps Company", agent=world.other_agent)
    made = declaration(world, twice)
    entry = file_entry(world, twice).entry
    unit_services.suppliers_merge(
        actor=world.unit, survivor=survivor, merged=[twice], reason="entered twice"
    )
    twice.refresh_from_db()
    made.refresh_from_db()
    assert twice.merged_into == survivor
    assert made.supplier == survivor  # declarations corrected automatically
    resolved, alias = selectors.supplier_by_number(twice.pk)
    assert (resolved, alias) == (survivor, twice)
    entry.refresh_from_db()
    assert (entry.supplier, entry.correction_cause) == (twice, CorrectionCause.SUPPLIER_MERGED)
    told = AgentNotification.objects.filter(kind=NotificationKind.SUPPLIER_MERGED)
    assert told.count() == 2
    assert told.first().params == {"merged": [twice.pk], "survivor": survivor.pk}
    # Filing with the old number resolves to the survivor, with a warning.
    filing = file_entry(world, twice)
    assert filing.entry.supplier == survivor
    assert filing.entry.supplier_number_given == twice.pk
    assert filing.warnings
    # The valuation unit corrects the old entry to the surviving number.
    entry_services.entry_correct(
        actor=world.unit, entry=entry, supplier_number=survivor.pk, reason="merged"
    )
    entry.refresh_from_db()
    assert (entry.supplier, entry.correction_cause) == (survivor, "")


def test_cus_44_release_waits_for_the_entry_correction_and_a_defect(world):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    entry = file_entry(world, the_supplier, usd="3000").entry
    check(world, made, D.INVOICE_MISMATCH)
    with pytest.raises(ValidationError):
        entry_services.entry_release(actor=world.valuer, entry=entry)
    from customs_valuation.declarations.services import declarations as declaration_services

    new = declaration_services.declaration_replace(
        actor=world.agent_user, agent=world.agent, declaration=made, data={}
    )
    entry_services.entry_correct(
        actor=world.valuer,
        entry=entry,
        supplier_number=the_supplier.pk,
        declaration_number=new.pk,
        reason="new declaration",
    )
    with pytest.raises(ValidationError):
        entry_services.entry_release(actor=world.valuer, entry=entry)
    entry_services.entry_defect(actor=world.valuer, entry=entry, code="86", reason="wrong one")
    entry_services.entry_release(actor=world.valuer, entry=entry)
    assert Entry.objects.get(pk=entry.pk).released_at is not None


def test_cus_48_archive_only_after_2_or_12(world):
    the_supplier = checked_supplier(world)
    made = declaration(world, the_supplier)
    entry = file_entry(world, the_supplier, usd="3000").entry
    with pytest.raises(ValidationError):
        entry_services.entry_archive(actor=world.valuer, entry=entry)
    check(world, made)
    assert run_daily()["archive_ready"] == 1
    entry_services.entry_archive(actor=world.valuer, entry=entry)
    assert Entry.objects.get(pk=entry.pk).archived_at is not None


def test_cus_55_a_missed_mismatch_goes_back_to_the_valuer_or_the_house(world):
    made = declaration(world, checked_supplier(world))
    check(world, made)
    made.refresh_from_db()
    task = unit_services.return_to_valuer(actor=world.unit, declaration=made, reason="mismatch")
    assert (task.assigned_to, task.customs_house) == (world.valuer, world.haifa)
    with at(2030, 1, 1):
        CustomsHouseStaff.objects.filter(user=world.valuer).update(ended_on="2029-12-31")
        again = unit_services.return_to_valuer(actor=world.unit, declaration=made, reason="again")
    assert (again.assigned_to, again.customs_house) == (None, world.haifa)
