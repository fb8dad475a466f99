"""What `bench.pages` puts in each queue: `world()` the users (one of each role, logged in) and
the reference data, `grow(start, stop)` the items numbered start to stop of every queue, written
in bulk. Item n of every queue is the same kind of thing whatever the size, so 10,000 items are
the 100 items a hundred times over, spread over the same dates and statuses."""

from django.contrib.auth.models import Group
from django.test import Client

from taxportal.roles import Role

from .badges import _badge_applications
from .commercial import _commercial
from .common import BATCH, ROLES, _users
from .customs import _valuation_cases
from .garnishment import _authority, _garnishment, _third_party

__all__ = ["grow", "paths", "queues", "world"]


def queues(queue) -> list:
    """The queues measured, as `bench.pages.Queue`s."""
    from customs_valuation import selectors as customs
    from customs_valuation.commercial.models import CommercialCase
    from customs_valuation.declarations import selectors as declarations
    from garnishment.models import MonthlyStatement, Report, ReportLine
    from parking_badges.choices import OPEN_APPLICATION_STATUSES, ApplicationStatus
    from parking_badges.models import BadgeApplication, ImporterVehicleFile, RefundRequest

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
            "badges: refunds",
            Role.LICENSING_CLERK,
            "/badges/fees/",
            'href="/badges/fees/refunds/',
            lambda: RefundRequest.objects.filter(status__in=["open", "approved"]).count(),
        ),
        queue(
            "badges: importer files",
            Role.IMPORTER_CLERK,
            "/badges/importer/",
            'href="/badges/importer/',
            lambda: ImporterVehicleFile.objects.exclude(status="closed").count(),
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
        queue(
            "customs: declarations",
            Role.CUSTOMS_HOUSE_VALUER,
            "/customs/declarations/queue/",
            'href="/customs/declarations/declarations/',
            lambda: declarations.queue_rows().count(),
        ),
        queue(
            "customs: commercial",
            Role.CUSTOMS_HOUSE_VALUER,
            "/customs/commercial/queue/",
            'href="/customs/commercial/cases/',
            lambda: CommercialCase.objects.exclude(status__in=["accepted", "value_set"]).count(),
        ),
        queue(
            "garnishment: reports",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/reports/",
            'href="/garnishment/reports/',
            lambda: Report.objects.filter(third_party__name="Bench bank 0").count(),
        ),
        queue(
            "garnishment: lines",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/reports/{lines_report}/",
            'class="line-accepted"',
            lambda: ReportLine.objects.filter(report__original_name="lines.csv").count(),
        ),
        queue(
            "garnishment: authority",
            Role.AUTHORITY_FINANCE_CLERK,
            "/garnishment/authority-home/",
            'href="/garnishment/statements/',
            lambda: MonthlyStatement.objects.filter(authority__code="BENCH0").count(),
        ),
        queue(
            "garnishment: statements",
            Role.THIRD_PARTY_SUBMITTER,
            "/garnishment/statements/",
            'href="/garnishment/statements/',
            lambda: MonthlyStatement.objects.filter(third_party__name="Bench bank 0").count(),
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
        _garnishment(first, last)
        _commercial(first, last)


def paths() -> dict[str, str]:
    """What the queues' paths name: the report whose lines are listed."""
    from garnishment.models import Report

    return {"lines_report": Report.objects.get(original_name="lines.csv").pk}


def _reference() -> None:
    from customs_valuation import reference
    from garnishment import reference as garnishment_reference
    from garnishment.models import AuthorityMembership, SubmitterMembership

    reference.load()
    garnishment_reference.load()
    SubmitterMembership.objects.create(
        user=_users[Role.THIRD_PARTY_SUBMITTER], third_party=_third_party(0)
    )
    AuthorityMembership.objects.create(
        user=_users[Role.AUTHORITY_FINANCE_CLERK], authority=_authority(0)
    )
