"""Appeals: to the committee through the supervisor for vehicles (CUS-12), to the collector for
goods (CUS-23); the guarantee or deposit follows the decision (CUS-17)."""

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import said

from .. import rules, selectors
from ..models import (
    Appeal,
    AppealOutcome,
    AuditAction,
    CaseKind,
    CaseStatus,
    Decision,
    DecisionKind,
    ValuationCase,
)
from .base import (
    InvalidTransition,
    attach_files,
    local_today,
    lock_case,
    record_decision,
    require_reasons,
)
from .receipts import appeal_receipt
from .releases import releases_settle

# --- Appeals (CUS-12, CUS-23) -------------------------------------------------------------


@transaction.atomic
def appeal_file(*, actor: User, case: ValuationCase, grounds: str, files=()) -> Appeal:
    """The importer appeals in writing within the appeal period, through the supervisor
    (vehicles) or to the collector (goods): online, or on paper, recorded by an officer (an
    importer who has not registered, CUS-4)."""
    locked = lock_case(case, {CaseStatus.VALUE_SET})
    on_paper = not selectors.is_the_importer(locked, actor)
    if on_paper and not actor.has_perm(perm("value_imports")):
        raise InvalidTransition(_("Only the importer appeals."))
    if not (grounds or "").strip():
        raise ValidationError({"grounds": _("Set out all your grounds of appeal.")})
    if not rules.appeal_in_time(appeal_due=locked.appeal_due, today=local_today()):
        assert locked.appeal_due is not None  # a period not yet running is open
        raise ValidationError(
            _("The appeal period ended on %(date)s.")
            % {"date": locked.appeal_due.strftime("%d/%m/%Y")}
        )
    appeal = Appeal.objects.create(case=locked, grounds=grounds.strip(), filed_by=actor)
    attach_files(locked, actor, files)
    locked.status = CaseStatus.APPEALED
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.APPEAL_FILED,
        target=locked,
        reason=grounds,
        changes={"on_paper": on_paper},
    )
    if not on_paper:  # issue 15: the importer's receipt, and they are told
        appeal_receipt(actor=actor, case=locked, grounds=grounds, files=files)
    return appeal


@transaction.atomic
def appeal_forward(*, actor: User, appeal: Appeal, opinion: str) -> Appeal:
    """CUS-12: the supervisor forwards the appeal to the committee with an opinion."""
    lock_case(appeal.case, {CaseStatus.APPEALED})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.forwarded_at is not None:
        raise InvalidTransition(_("The appeal was already forwarded."))
    appeal.supervisor_opinion = require_reasons(opinion)
    appeal.forwarded_at = timezone.now()
    appeal.save(update_fields=["supervisor_opinion", "forwarded_at"])
    record_decision(appeal.case, actor=actor, kind=DecisionKind.APPEAL_FORWARDED, reasons=opinion)
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: User,
    appeal: Appeal,
    outcome: AppealOutcome,
    reasons: str,
    value: Decimal | None = None,
    members: Sequence[User] = (),
    legal_adviser: User | None = None,
) -> Decision:
    """The committee's reasoned decision (vehicles: three members, one the legal adviser or their
    representative; the claim to court within three months), or the collector's (goods)."""
    outcome = AppealOutcome(outcome)  # the page's form gives the code as text
    case = lock_case(appeal.case, {CaseStatus.APPEALED})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    reasons = require_reasons(reasons)
    if case.kind == CaseKind.VEHICLE:
        _check_committee(actor, appeal, members, legal_adviser)
    elif not actor.has_perm(perm("supervise_valuations")):
        raise InvalidTransition(_("Goods appeals are decided by the collector."))
    if outcome == AppealOutcome.DECLARED_ACCEPTED:
        value = selectors.declared_value(case)
        if value is None:
            raise ValidationError(
                {"outcome": _("There is no declared value to accept: the case has no invoice.")}
            )
    elif outcome == AppealOutcome.DISMISSED:
        value = case.determined_value
    elif value is None or value <= 0:
        raise ValidationError({"value": _("Give the value the appeal decision sets.")})
    assert value is not None  # an appealed case had its value set
    now = timezone.now()
    appeal.outcome = outcome
    appeal.decided_at = now
    appeal.legal_adviser = legal_adviser
    appeal.save(update_fields=["outcome", "decided_at", "legal_adviser"])
    if members:
        appeal.members.set(members)
    case.status = CaseStatus.APPEAL_DECIDED
    case.determined_value = value
    case.court_due = rules.months_after(
        timezone.localdate(now), selectors.policy(case.valuation_date).court_months
    )
    case.save(update_fields=["status", "determined_value", "court_due"])
    # The outcome is stored as a code, shown in the reader's language; the reasons as typed.
    stated = said("%(outcome)s. %(reasons)s", outcome=outcome.label, reasons=reasons)
    decision = record_decision(
        case,
        actor=actor,
        kind=DecisionKind.APPEAL_DECIDED,
        reasons=stated,
        value=value,
        due_date=case.court_due,
    )
    releases_settle(case, actor=actor, value=value, reasons=stated)
    return decision


def _check_committee(actor, appeal, members, legal_adviser) -> None:
    if appeal.forwarded_at is None:
        raise InvalidTransition(_("The supervisor has not forwarded this appeal yet."))
    members = list(members)
    if len({m.pk for m in members}) != 3:
        raise ValidationError({"members": _("The committee has exactly three members.")})
    if legal_adviser is None or legal_adviser.pk not in {m.pk for m in members}:
        raise ValidationError(
            {"legal_adviser": _("One member is the legal adviser or their representative.")}
        )
    if actor.pk not in {m.pk for m in members}:
        raise ValidationError({"members": _("You record the decision as one of the members.")})
    if not all(m.has_perm(perm("decide_valuation_appeals")) for m in members):
        raise ValidationError({"members": _("Every member must be on the appeal committee.")})
