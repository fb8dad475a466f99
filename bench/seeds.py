"""What `bench.pages` puts in each queue: `world()` the users (one of each role, logged in) and
the reference data, `grow(start, stop)` the items numbered start to stop of every queue, written
in bulk. Item n of every queue is the same kind of thing whatever the size, so 10,000 items are
the 100 items a hundred times over, spread over the same dates and statuses."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from taxportal.roles import Role

BATCH = 2000
FIRST = ["דנה", "יוסי", "רחל", "משה", "נועה", "אבי", "מיכל", "דוד", "Dana", "Lior"]
LAST = ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "דהן", "אברהם", "פרידמן", "Cohen", "Levi"]
ROLES = [
    Role.LICENSING_CLERK,
    Role.DEPARTMENT_DOCTOR,
    Role.CUSTOMS_OFFICER,
    Role.APPEAL_COMMITTEE_MEMBER,
]
_users: dict[str, object] = {}


def queues(queue) -> list:
    """The queues measured, as `bench.pages.Queue`s."""
    from customs_valuation import selectors as customs
    from parking_badges.choices import OPEN_APPLICATION_STATUSES, ApplicationStatus
    from parking_badges.models import BadgeApplication

    return [
        queue(
            "badges: clerks",
            Role.LICENSING_CLERK,
            "/badges/queue/",
            'href="/badges/applications/',
            lambda: BadgeApplication.objects.filter(status__in=OPEN_APPLICATION_STATUSES).count(),
        ),
        queue(
            "badges: doctor",
            Role.DEPARTMENT_DOCTOR,
            "/badges/doctor-queue/",
            'href="/badges/doctor-queue/',
            lambda: BadgeApplication.objects.filter(status=ApplicationStatus.WITH_DOCTOR).count(),
        ),
        queue(
            "customs: officers",
            Role.CUSTOMS_OFFICER,
            "/customs/queue/",
            'href="/customs/cases/',
            lambda: customs.queue_rows().count(),
        ),
        queue(
            "customs: appeals",
            Role.APPEAL_COMMITTEE_MEMBER,
            "/customs/appeals/",
            "/do/appeal_decision/",
            lambda: customs.appeals_for_committee().count(),
        ),
    ]


def world() -> dict[str, str]:
    """A user of each role, logged in: {role: session key}."""
    from taxportal.models import User

    sessions = {}
    for role in ROLES:
        user = User.objects.create(username=f"bench-{role}", first_name="Bench", last_name=role)
        user.groups.add(Group.objects.get(name=str(role)))
        _users[role] = user
        client = Client()
        client.force_login(user)
        sessions[role] = client.cookies["sessionid"].value
    return sessions


def grow(start: int, stop: int) -> None:
    if start == 0:
        _reference()
    for first in range(start, stop, BATCH):
        last = min(first + BATCH, stop)
        _badge_applications(first, last)
        _valuation_cases(first, last)


def _reference() -> None:
    from customs_valuation import reference

    reference.load()


def _name(n: int) -> tuple[str, str]:
    return FIRST[n % len(FIRST)], LAST[(n // len(FIRST)) % len(LAST)]


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
    MedicalDocument.objects.bulk_create(
        MedicalDocument(
            application=application,
            file=f"parking_badges/medical/bench-{application.pk}-{k}.pdf",
            original_name=f"report-{k}.pdf",
        )
        for application in applications
        for k in range(2)
    )


def _valuation_cases(start: int, stop: int) -> None:
    """Item n: a valuation case in one of the eight open statuses in turn, with its deadline
    0 to 59 days ahead or behind; every 50th with a guarantee lapsing within the warning days
    and every 40th with a notice still to post; and a vehicle case under appeal, forwarded to
    the committee."""
    from decimal import Decimal

    from customs_valuation.choices import (
        CaseKind,
        CaseStatus,
        DecisionKind,
        NoticeDelivery,
        ReleaseForm,
    )
    from customs_valuation.models import (
        Appeal,
        Decision,
        ProtestRelease,
        ValuationCase,
        VehiclePrice,
    )
    from customs_valuation.models.cases import OPEN_CASE_STATUSES

    today = timezone.localdate()
    officer = _users[Role.CUSTOMS_OFFICER]
    price = VehiclePrice.objects.order_by("pk").first()
    cases = []
    for n in range(start, stop):
        status = OPEN_CASE_STATUSES[n % len(OPEN_CASE_STATUSES)]
        due = today + timedelta(days=n % 120 - 60)
        first, last = _name(n)
        common = {
            "kind": CaseKind.VEHICLE,
            "officer": officer,
            "importer_national_id": f"{200_000_000 + n}",
            "importer_name": f"{first} {last}",
            "valuation_date": today,
            "make": price.make,
            "model": price.model,
            "manufacture_year": price.year,
            "price_list_entry": price,
            "chassis_number": f"WVW{n:014d}",
            "invoice_value": Decimal(10000 + n % 5000),
            "freight_origin": "europe",
        }
        cases.append(
            ValuationCase(
                status=status,
                answer_due=due if status == CaseStatus.NOTICE_OF_INTENT else None,
                appeal_due=due if status == CaseStatus.VALUE_SET else None,
                court_due=due if status == CaseStatus.APPEAL_DECIDED else None,
                determined_value=Decimal(40000),
                **common,
            )
        )
        cases.append(ValuationCase(status=CaseStatus.APPEALED, **common))
    cases = ValuationCase.objects.bulk_create(cases, batch_size=1000)
    member = _users[Role.APPEAL_COMMITTEE_MEMBER]
    now = timezone.now()
    Appeal.objects.bulk_create(
        Appeal(
            case=case, grounds="Too high.", filed_by=member, supervisor_opinion="Forward.",
            forwarded_at=now - timedelta(days=(case.pk % 30)),
        )
        for case in cases[1::2]
    )  # fmt: skip
    ProtestRelease.objects.bulk_create(
        ProtestRelease(
            case=case, form=ReleaseForm.BANK_GUARANTEE, amount=Decimal(5000), reference="G",
            lodged_on=today - timedelta(days=80), expires_on=today + timedelta(days=5),
            recorded_by=officer,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 50 == 0
    )  # fmt: skip
    Decision.objects.bulk_create(
        Decision(
            case=case, kind=DecisionKind.VALUE_SET, decided_by=officer, reasons="Cheap.",
            value=Decimal(40000), delivery=NoticeDelivery.POST,
        )
        for n, case in zip(range(start, stop), cases[0::2], strict=True)
        if n % 40 == 1
    )  # fmt: skip
