"""Telling the importer what happened to their valuation case (issue 15): every notice and
decision (CUS-4, CUS-12, CUS-23), the appeal's decision, and a held guarantee about to lapse
(CUS-17), sent as `citizen_event` after commit; the notifications area decides whether and
where they hear of it (REG-13, REG-14). An importer who has not registered gets the notice by
post (CUS-23); their notification is recorded as not sent, on the case."""

from datetime import date, timedelta

from django.urls import reverse

from taxportal.events import citizen_event_on_commit
from taxportal.money import format_shekels
from taxportal.notifications.services import CitizenEvent, notifications_record_bulk

from .. import selectors
from ..models import Decision, DecisionKind, ProtestRelease, ReleaseStatus, ValuationCase

NOTICE_EVENTS = {
    DecisionKind.NOTICE_OF_INTENT: "customs.notice",
    DecisionKind.DISQUALIFIED: "customs.notice",
    DecisionKind.APPEAL_DECIDED: "customs.appeal_decision",
}


def _my_case(case: ValuationCase) -> str:
    return reverse("customs_valuation:my_case", args=[case.pk])


def tell_decision(case: ValuationCase, decision: Decision) -> None:
    """A notice the importer must read (NOTICE_KINDS): once per decision, after commit."""
    item = decision_event(case, decision)
    citizen_event_on_commit(
        sender=ValuationCase,
        event=item.event,
        identity_number=item.identity_number,
        case=case,
        key=item.key,
        url=item.url,
        params=item.params,
    )


def decision_event(case: ValuationCase, decision: Decision) -> CitizenEvent:
    """What the importer is told of a notice (the key makes it once per decision)."""
    params = {"reference": case.reference}
    if decision.due_date is not None:
        params["due"] = decision.due_date.isoformat()
    return CitizenEvent(
        event=NOTICE_EVENTS.get(DecisionKind(decision.kind), "customs.decision"),
        identity_number=case.importer_national_id,
        case=case,
        key=f"decision-{decision.pk}",
        url=_my_case(case),
        params=params,
    )


def guarantees_warn_lapsing(*, today: date) -> int:
    """CUS-17, daily: a held guarantee or deposit that lapses within the policy's warning days
    (the queue's warning, told to the importer too). Once per guarantee and lapse date: one
    extended by the officer is told again before its new date. Set-based: one read, one insert.
    Returns the messages queued."""
    try:
        warning_days = selectors.policy(today).guarantee_warning_days
    except selectors.ReferenceMissing:
        return 0
    releases = (
        ProtestRelease.objects.filter(
            status=ReleaseStatus.HELD,
            expires_on__gte=today,
            expires_on__lte=today + timedelta(days=warning_days),
        )
        .select_related("case")
        .order_by("pk")
    )
    items = []
    for release in releases.iterator(chunk_size=2000):
        assert release.expires_on is not None  # filtered above
        case = release.case
        items.append(
            CitizenEvent(
                event="customs.guarantee_lapsing",
                identity_number=case.importer_national_id,
                case=case,
                key=f"guarantee-{release.pk}-{release.expires_on.isoformat()}",
                url=_my_case(case),
                params={
                    "reference": case.reference,
                    "amount": format_shekels(release.amount),
                    "expires": release.expires_on.isoformat(),
                },
            )
        )
    return notifications_record_bulk(items=items)
