"""The money side of the demo (BADGE-31 to BADGE-51): transfers with fee differences, refunds,
importer files and the enforcement file."""

import json
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from taxportal.models import User

from .. import services
from ..models import (
    ApprovalSource,
    DisabledPerson,
    EnforcementAuthority,
    EvidenceKind,
    FeeContext,
    FeeScheduleEntry,
    OwnerKind,
    OwnerRelation,
    OwnershipTransfer,
    RefundKind,
    RefundRequest,
    TransferCause,
    TransferFeePayer,
    Vehicle,
    VehicleGround,
)
from .cases import DEMO_CITIZEN_ID, _Demo, _id, _vehicle

# --- The money side (BADGE-31 to BADGE-51) ----------------------------------------------

DEMO_AMOUNTS = settings.BASE_DIR / "fixtures" / "parking_badges" / "fee_demo.json"
MARKER_VEHICLE = "3100001"
DEMO_CITIZEN_VEHICLE = "2100021"  # _Demo.run: the demo citizen's car


class _FeeDemo(_Demo):
    def __init__(self, stdout):
        super().__init__(stdout)
        amounts = json.loads(DEMO_AMOUNTS.read_text(encoding="utf-8"))
        self.regular = Decimal(amounts["regular_annual_fee"])
        self.full = Decimal(amounts["full_fee_paid"])
        # BADGE-32: the regular annual fee is read from the schedule; the demo puts its
        # illustrative amount there (administrators keep the real one in the admin).
        FeeScheduleEntry.objects.get_or_create(
            context=FeeContext.REGULAR_ANNUAL,
            effective_from=date(2011, 1, 2),
            defaults={"amount": self.regular, "source": "demo: illustrative amount"},
        )
        self.reduced = (
            FeeScheduleEntry.objects.filter(context=FeeContext.REDUCED_ANNUAL)
            .latest("effective_from")
            .amount
        )
        self.fee_clerk = User.objects.get(username="licensing_clerk")
        self.importer_clerk = User.objects.get(username="importer_clerk")

    def paid_years(self, vehicle, paid):
        for year in (self.today.year - 1, self.today.year):
            services.licence_period_record(
                vehicle=vehicle, valid_from=date(year, 1, 1), valid_until=date(year, 12, 31),
                amount_paid=paid, regular_annual_fee=self.regular, paid_on=date(year, 1, 1),
                actor=self.fee_clerk,
            )  # fmt: skip

    def exempt_holder(self, seed, first, last, number):
        person = self.approved(seed, first, last, days_ago=500)
        vehicle = _vehicle(number, person.national_id)
        self.add(person, vehicle, 490)
        self.print(person, 490)
        self.paid_years(vehicle, self.reduced)
        services.exemption_grant(
            person=person, vehicle=vehicle, owner_relation=OwnerRelation.SELF,
            starts_on=self.ago(490), actor=self.fee_clerk,
        )  # fmt: skip
        return person, vehicle

    def transfer(self, seller, vehicle, buyer_seed, days_ago, payer):
        return services.transfer_record(
            vehicle=vehicle, seller=seller, buyer_national_id=_id(buyer_seed),
            buyer_name="קונה לדוגמה", buyer_phone="+972529990000",
            transferred_on=self.ago(days_ago), cause=TransferCause.SALE, transfer_fee_payer=payer,
            actor=self.fee_clerk, reason="דמו",
        )  # fmt: skip

    def run(self):
        # Transfers from a disabled owner: one difference still open, one paid.
        seller, vehicle = self.exempt_holder(301, "אורית", "שמעוני", MARKER_VEHICLE)
        self.transfer(seller, vehicle, 311, 10, TransferFeePayer.BUYER)
        seller, vehicle = self.exempt_holder(302, "בני", "סויסה", "3100002")
        paid = self.transfer(seller, vehicle, 312, 40, TransferFeePayer.SELLER)
        services.fee_difference_pay(
            difference=paid.fee_difference, paid_on=self.ago(35), payment_reference="DEMO-35",
            actor=self.fee_clerk,
        )  # fmt: skip

        # A full fee paid while eligible: an open refund request in the queue.
        person = self.approved(303, "גילה", "נחום", days_ago=60)
        vehicle = _vehicle("3100003", person.national_id)
        self.add(person, vehicle, 55)
        self.paid_years(vehicle, self.full)
        services.refund_request_record(
            person=person, vehicle=vehicle, kind=RefundKind.OWNER,
            owner_relation=OwnerRelation.SELF, requested_on=self.ago(20),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(60),
            earlier_recognition_date=self.ago(200), ownership_date=date(2020, 1, 1),
            actor=self.fee_clerk,
        )  # fmt: skip

        # A financial lease (reason 08): approved, lines over the lease period.
        person = self.approved(304, "רון", "אלמוג", days_ago=400)
        vehicle = _vehicle("3100004", "513456781", kind=OwnerKind.LEASING_COMPANY)
        self.add(
            person, vehicle, 390, VehicleGround.LEASING, owner_national_id="513456781",
            evidence=[services.EvidenceItem(kind=EvidenceKind.LEASING_LETTER)],
        )  # fmt: skip
        self.paid_years(vehicle, self.full)
        refund = services.refund_request_record(
            person=person, vehicle=vehicle, kind=RefundKind.FINANCIAL_LEASE,
            owner_relation=OwnerRelation.OTHER, requested_on=self.ago(30),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(400),
            ownership_date=date(self.today.year - 1, 1, 1),
            lease_from=date(self.today.year - 1, 3, 1), lease_until=date(self.today.year, 2, 28),
            lease_documents_checked=True, actor=self.fee_clerk,
        )  # fmt: skip
        services.refund_approve(refund=refund, actor=self.fee_clerk, note="דמו")

        # Importers: a file past its 48 hours, and one released with tariff 06 approved.
        buyer = self.approved(305, "שלמה", "ברק", days_ago=100)
        self.add(buyer, _vehicle("3100005", buyer.national_id), 95)
        self.add(buyer, _vehicle("3100006", buyer.national_id), 95)
        self.print(buyer, 95)
        self.open_importer_file("3100007", buyer, hours_ago=50)
        newcomer = self.approved(306, "נועה", "גל", days_ago=30)
        released = self.open_importer_file("3100008", newcomer, hours_ago=5)
        services.importer_file_release(
            importer_file=released, released_on=self.today, customs_reference="מכס-4471",
            actor=self.importer_clerk,
        )  # fmt: skip

        # The enforcement file for an approved authority (the demo inspector downloads it).
        authority, _ = EnforcementAuthority.objects.get_or_create(
            name="עיריית חולון",
            defaults={"privacy_approved": True, "approval_reference": "הגנת הפרטיות 2026/17",
                      "approved_on": self.ago(90)},
        )  # fmt: skip
        authority.users.add(User.objects.get(username="inspector"))
        EnforcementAuthority.objects.get_or_create(name="רשות לא מאושרת")
        services.enforcement_file_build(month=self.today)

    def open_importer_file(self, number, buyer, hours_ago):
        opened = timezone.now() - timedelta(hours=hours_ago)
        return services.importer_file_open(
            vehicle_number=number, vehicle_type="private_car", total_weight_kg=1700,
            manufactured_on=self.ago(40), buyer_national_id=buyer.national_id,
            buyer_name=buyer.full_name, importer_name="יבואן לדוגמה בע\"מ",
            entitlement_source="national_insurance", entitlement_originals=True,
            previous_rights_unsettled=False, previous_rights_receipt=False,
            adaptation_codes=["60"], actor=self.importer_clerk, now=opened,
        )  # fmt: skip

    @transaction.atomic
    def citizen_refund(self):
        """The demo citizen's own refund request, shown in her personal area (BADGE-41)."""
        vehicle = Vehicle.objects.get(number=DEMO_CITIZEN_VEHICLE)
        self.paid_years(vehicle, self.full)
        services.refund_request_record(
            person=DisabledPerson.objects.get(national_id=DEMO_CITIZEN_ID), vehicle=vehicle,
            kind=RefundKind.OWNER, owner_relation=OwnerRelation.SELF, requested_on=self.ago(7),
            approving_body=ApprovalSource.DEPARTMENT_DOCTOR, approval_date=self.ago(21),
            ownership_date=date(2020, 1, 1), actor=self.fee_clerk,
        )  # fmt: skip


def _load_fees(*, stdout) -> None:
    with translation.override("he"):  # the reasons stored read as a clerk would write them
        if not RefundRequest.objects.filter(vehicle__number=DEMO_CITIZEN_VEHICLE).exists():
            _FeeDemo(stdout).citizen_refund()
        if OwnershipTransfer.objects.filter(vehicle__number=MARKER_VEHICLE).exists():
            stdout.write("Badge fee demo cases already loaded.")
            return
        _FeeDemo(stdout).run()
    stdout.write("Badge fee demo cases: transfers, refunds, importer files, enforcement file.")
