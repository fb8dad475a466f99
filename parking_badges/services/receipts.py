"""The receipts a citizen is given for what they send the mobility department (issue 15):
what was received, what happens next and by the rule's date. Called inside the receiving
services' transactions; `taxportal.services.receipt_issue` tells the citizen once they commit."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_noop

from taxportal.models import Receipt, User
from taxportal.services import receipt_issue
from taxportal.texts import Said, lines, said

from .. import rules
from ..choices import EligibilityGround, VehicleGround
from ..models import BadgeApplication, MedicalDocument

APPLICATION_RECEIVED = "badges.application_received"
DOCUMENTS_RECEIVED = "badges.documents_received"


def _documents(documents: list[MedicalDocument]) -> list[Said]:
    return [said(gettext_noop("Document: %(name)s"), name=d.original_name) for d in documents]


def application_receipt(
    *, actor: User, application: BadgeApplication, documents: list[MedicalDocument]
) -> Receipt:
    """BADGE-7, BADGE-8: an application sent online: its ground, vehicles and documents; the
    answer is due 90 days after it was received."""
    due = rules.answer_due_on(application.material_received_on)
    vehicles = [
        said(
            gettext_noop("Vehicle %(number)s: %(ground)s"),
            number=v.number,
            ground=VehicleGround(v.ground).label,
        )
        for v in application.vehicles.all()
    ]
    return receipt_issue(
        owner=actor,
        identity_number=application.person.national_id,
        event=APPLICATION_RECEIVED,
        case=application,
        what=said(
            gettext_noop("Application for a disabled-parking badge no. %(pk)s"), pk=application.pk
        ),
        received=lines(
            said(
                gettext_noop("Eligibility ground: %(ground)s"),
                ground=EligibilityGround(application.ground).label,
            ),
            *vehicles,
            *_documents(documents),
        ),
        next_step=said(
            gettext_noop(
                "The mobility department checks the application and the department doctor "
                "decides; the answer is due by %(date)s."
            ),
            date=due,
        ),
        due_on=due,
        url=reverse("parking_badges:my_badge"),
    )


def documents_receipt(
    *,
    actor: User,
    application: BadgeApplication,
    documents: list[MedicalDocument],
    due_on: date | None,
) -> Receipt:
    """BADGE-10: the documents the doctor asked for, sent before the date; the case goes back
    to the doctor."""
    return receipt_issue(
        owner=actor,
        identity_number=application.person.national_id,
        event=DOCUMENTS_RECEIVED,
        case=application,
        what=said(
            gettext_noop("More information for badge application no. %(pk)s"), pk=application.pk
        ),
        received=lines(*_documents(documents)),
        next_step=said(
            gettext_noop(
                "The mobility department sends your documents to the department doctor; the "
                "answer is due by %(date)s."
            ),
            date=rules.answer_due_on(application.material_received_on),
        ),
        due_on=due_on,
        url=reverse("parking_badges:my_badge"),
    )
