"""The daily job (CUS-17): a value set with no appeal by the appeal date becomes final and any
guarantee or deposit is forfeited. Set-based: a batch of cases is locked, changed and recorded
in a constant number of statements, whatever its size, with the reference tables read once."""

from collections import defaultdict
from datetime import date

from django.db import connection, transaction
from django.db.models import Exists, F, Model, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.models import AuditEvent, User
from taxportal.money import format_shekels
from taxportal.notifications.services import notifications_record_bulk
from taxportal.texts import said

from .. import selectors
from ..models import (
    NOTICE_KINDS,
    Appeal,
    CaseStatus,
    Decision,
    DecisionKind,
    ProtestRelease,
    ReleaseForm,
    ReleaseStatus,
    ValuationCase,
)
from .base import local_today, unsaved_decision
from .citizen_events import decision_event

# Cases per transaction: the locks a batch holds, and its memory, stay bounded.
FINALISE_BATCH = 1000


def cases_finalise_due(*, today: date | None = None) -> int:
    """Cases whose appeal period passed without an appeal: the value is final and any guarantee
    or deposit is forfeited (CUS-17). Batches of FINALISE_BATCH cases, each in its own
    transaction; a case a clerk is acting on at that moment (its row locked) is left as it is
    for the next run, so the job never overwrites what the clerk decides. Returns the cases
    made final."""
    today = today or local_today()
    done, after = 0, 0
    reference: selectors.ReferenceTables | None = None
    while True:
        with transaction.atomic():
            cases = _lock(_due(today).filter(pk__gt=after))
            if cases:
                reference = reference or selectors.ReferenceTables()
                _finalise(cases, reference)
        done += len(cases)
        if len(cases) < FINALISE_BATCH:
            return done
        after = cases[-1].pk


@transaction.atomic
def case_finalise(*, case_id: int, today: date) -> bool:
    """The same for one case (the demonstration data): whether it was made final."""
    cases = _lock(_due(today).filter(pk=case_id))
    if cases:
        _finalise(cases, selectors.ReferenceTables())
    return bool(cases)


def _due(today: date) -> QuerySet[ValuationCase]:
    """rules.guarantee_forfeits in SQL: no appeal filed, and the appeal date is past. A posted
    notice not yet delivered has no appeal date (CUS-23): nothing is final."""
    return ValuationCase.objects.filter(
        ~Exists(Appeal.objects.filter(case=OuterRef("pk"))),
        status=CaseStatus.VALUE_SET,
        appeal_due__lt=today,
    )


def _lock(due: QuerySet[ValuationCase]) -> list[ValuationCase]:
    """The due cases no one else holds, locked until the batch commits: their status cannot
    change under the job, and the job waits for no clerk."""
    return list(due.select_for_update(skip_locked=True).order_by("pk")[:FINALISE_BATCH])


def _finalise(cases: list[ValuationCase], reference: selectors.ReferenceTables) -> None:
    """What case by case was: each held guarantee forfeited (a decision and a notice for a
    guarantee or deposit; a payment under protest is simply kept), the case closed, the final
    value decided; every change with its history row and audit record, in bulk."""
    ids = [case.pk for case in cases]
    held = list(
        ProtestRelease.objects.select_for_update()
        .filter(case_id__in=ids, status=ReleaseStatus.HELD)
        .order_by("case_id", "lodged_on", "id")
    )
    held_by_case: dict[int, list[ProtestRelease]] = defaultdict(list)
    for release in held:
        release.status = ReleaseStatus.FORFEITED
        release.forfeited_amount = release.amount
        held_by_case[release.case_id].append(release)
    registered = _registered_importers(
        {c.importer_national_id for c in cases if _notices_for(held_by_case[c.pk])}
    )
    records = []
    for case in cases:
        reason = said(gettext_noop("No appeal by %(date)s."), date=case.appeal_due)
        for release in _notices_for(held_by_case[case.pk]):
            records.append(
                unsaved_decision(
                    case,
                    actor=None,
                    kind=DecisionKind.GUARANTEE_FORFEITED,
                    reasons=said(
                        gettext_noop("%(form)s of %(amount)s NIS: %(reason)s"),
                        form=ReleaseForm(release.form).label,
                        amount=format_shekels(release.amount),
                        reason=reason,
                    ),
                    value=case.determined_value,
                    importer_registered=case.importer_national_id in registered,
                    reference=reference,
                )
            )
        case.status = CaseStatus.CLOSED
        records.append(
            unsaved_decision(
                case,
                actor=None,
                kind=DecisionKind.VALUE_FINAL,
                reasons=reason,
                value=case.determined_value,
                importer_registered=False,  # not a notice
                reference=reference,
            )
        )
    if held:
        held_ids = [release.pk for release in held]
        ProtestRelease.objects.filter(pk__in=held_ids).update(
            status=ReleaseStatus.FORFEITED, forfeited_amount=F("amount")
        )
        _history_of_changed(ProtestRelease, held_ids)
    ValuationCase.objects.filter(pk__in=ids, status=CaseStatus.VALUE_SET).update(
        status=CaseStatus.CLOSED
    )
    _history_of_changed(ValuationCase, ids)
    decisions = Decision.objects.bulk_create([decision for decision, _event in records])
    AuditEvent.objects.bulk_create([event for _decision, event in records])
    notifications_record_bulk(
        items=[
            decision_event(decision.case, decision)
            for decision in decisions
            if decision.kind in NOTICE_KINDS and decision.case.importer_national_id
        ]
    )


def _history_of_changed(model: type[Model], pks: list[int]) -> None:
    """The history row each save would have written (django-simple-history: "~", no user or
    reason in a job), copied in SQL from the rows as they now are: one statement, no objects."""
    history = model.history.model  # type: ignore[attr-defined]
    columns = [field.column for field in history.tracked_fields]
    source, params = (
        model._default_manager.filter(pk__in=pks)
        .order_by()
        .values_list(*columns)
        .query.sql_with_params()
    )
    quote = connection.ops.quote_name
    names = ", ".join(quote(name) for name in [*columns, "history_date", "history_type"])
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({names}) "
            f"SELECT source.*, %s, %s FROM ({source}) AS source",
            [connection.ops.adapt_datetimefield_value(timezone.now()), "~", *params],
        )


def _notices_for(releases: list[ProtestRelease]) -> list[ProtestRelease]:
    return [r for r in releases if r.form != ReleaseForm.PAID_UNDER_PROTEST]


def _registered_importers(national_ids: set[str]) -> set[str]:
    """Those with a portal account (selectors.importer_account): their notices go there."""
    if not national_ids:
        return set()
    accounts = User.objects.filter(national_id__in=national_ids, is_active=True)
    return {
        national_id for national_id in accounts.values_list("national_id", flat=True) if national_id
    }
