"""The badge queues' items: open applications with their documents, refunds and importer
files."""

from datetime import date, timedelta

from django.utils import timezone

from .common import _name


def _badge_applications(start: int, stop: int) -> None:
    """Item n: a holder with an open application (received, or waiting for more information)
    and another with the department doctor, each with two medical documents; the material
    arrived 0 to 179 days ago, so about half are past their 90 days."""
    from parking_badges.choices import ApplicationKind, ApplicationStatus, EligibilityGround
    from parking_badges.models import BadgeApplication, DisabledPerson, MedicalDocument

    today = timezone.localdate()
    people = DisabledPerson.objects.bulk_create(
        DisabledPerson(
            national_id=f"{100_000_000 + n}",
            first_name=_name(n)[0],
            last_name=_name(n)[1],
            street="הרצל 1",
            city="חולון",
        )
        for n in range(start, stop)
    )
    applications = []
    for n, person in zip(range(start, stop), people, strict=True):
        received = today - timedelta(days=n % 180)
        waiting_info = n % 3 == 2
        applications.append(
            BadgeApplication(
                person=person,
                kind=ApplicationKind.APPEAL if n % 10 == 9 else ApplicationKind.NEW,
                ground=EligibilityGround.LEGS,
                material_received_on=received,
                status=ApplicationStatus.INFO_REQUESTED
                if waiting_info
                else ApplicationStatus.RECEIVED,
                info_due_on=today + timedelta(days=n % 20 - 10) if waiting_info else None,
            )
        )
        applications.append(
            BadgeApplication(
                person=person,
                ground=EligibilityGround.WHEELCHAIR,
                material_received_on=received,
                status=ApplicationStatus.WITH_DOCTOR,
                sent_to_doctor_on=received + timedelta(days=1),
            )
        )
    applications = BadgeApplication.objects.bulk_create(applications)
    _refunds_and_importer_files(start, stop, people)
    MedicalDocument.objects.bulk_create(
        MedicalDocument(
            application=application,
            file=f"parking_badges/medical/bench-{application.pk}-{k}.pdf",
            original_name=f"report-{k}.pdf",
        )
        for application in applications
        for k in range(2)
    )


def _refunds_and_importer_files(start: int, stop: int, people: list) -> None:
    """Item n: a refund request of holder n (waiting for a decision, or approved and not yet
    paid), due 0 to 89 days ahead or behind; and an importer's open file for a new vehicle,
    to be closed 0 to 47 hours ahead or behind."""
    from parking_badges.models import ImporterVehicleFile, RefundRequest, Vehicle

    today, now = timezone.localdate(), timezone.now()
    vehicles = Vehicle.objects.bulk_create(
        Vehicle(
            number=f"{30_000_000 + n}",
            vehicle_type="private_car",
            tariff_code="01",
            registered_on=today,
        )
        for n in range(start, stop)
    )
    new_vehicles = Vehicle.objects.bulk_create(
        Vehicle(
            number=f"{40_000_000 + n}",
            vehicle_type="private_car",
            tariff_code="01",
            registered_on=today,
        )
        for n in range(start, stop)
    )
    rows = zip(range(start, stop), people, vehicles, new_vehicles, strict=True)
    refunds, files = [], []
    for n, person, vehicle, new_vehicle in rows:
        refunds.append(
            RefundRequest(
                person=person, vehicle=vehicle, kind="owner", owner_relation="self",
                disabled_national_id=person.national_id, owner_national_id=person.national_id,
                requested_on=today - timedelta(days=n % 180),
                due_on=today + timedelta(days=n % 180 - 90),
                approving_body="department_doctor", approval_date=date(2025, 7, 2),
                ownership_date=date(2022, 1, 1), status="approved" if n % 4 == 3 else "open",
            )
        )  # fmt: skip
        files.append(
            ImporterVehicleFile(
                vehicle=new_vehicle, buyer_national_id=person.national_id,
                buyer_name=f"{person.first_name} {person.last_name}", importer_name="Importer",
                entitlement_source="national_insurance", opened_at=now - timedelta(hours=n % 48),
                close_by=now + timedelta(hours=48 - n % 96),
                status="released" if n % 3 == 2 else "with_customs",
            )
        )  # fmt: skip
    RefundRequest.objects.bulk_create(refunds)
    ImporterVehicleFile.objects.bulk_create(files)
