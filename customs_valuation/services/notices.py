"""Posted notices (CUS-4, CUS-12, CUS-23): while the importer has not registered online, a
notice goes by post, and the day it is delivered is the day they were notified of it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.models import User
from taxportal.roles import perm
from taxportal.texts import label

from .. import rules, selectors
from ..models import AuditAction, CaseKind, CaseStatus, Decision, DecisionKind, ValuationCase
from .base import InvalidTransition, local_today


@transaction.atomic
def decision_record_delivery(*, actor: User, decision: Decision, delivered_on: date) -> Decision:
    """The recorded delivery of a posted notice: the importer was notified that day, and the 30
    days of a goods appeal run from it (CUS-23)."""
    if not actor.has_perm(perm("value_imports")):
        raise InvalidTransition(_("Only a customs officer records the delivery of a notice."))
    case = ValuationCase.objects.select_for_update().get(pk=decision.case_id)
    decision = Decision.objects.select_for_update().get(pk=decision.pk)
    if not decision.awaits_posting:
        raise InvalidTransition(_("This notice is not waiting for its delivery to be recorded."))
    sent_on = timezone.localdate(decision.decided_at)
    if delivered_on is None or not sent_on <= delivered_on <= local_today():
        raise ValidationError(
            {
                "delivered_on": _("The delivery is on a day from %(sent)s to today.")
                % {"sent": sent_on.strftime("%d/%m/%Y")}
            }
        )
    decision.notified_on = delivered_on
    if (
        case.kind == CaseKind.GOODS
        and case.status == CaseStatus.VALUE_SET
        and decision.kind == DecisionKind.VALUE_SET
        and case.appeal_due is None
    ):
        case.appeal_due = rules.appeal_due(
            goods=True,
            decided_on=sent_on,
            notified_on=delivered_on,
            days=selectors.policy(case.valuation_date).appeal_days,
        )
        case.save(update_fields=["appeal_due"])
        decision.due_date = case.appeal_due
    decision.save(update_fields=["notified_on", "due_date"])
    audit_record(
        actor=actor,
        action=AuditAction.NOTICE_DELIVERED,
        target=case,
        reason=label(DecisionKind(decision.kind).label),
        changes={
            "decision": decision.pk,
            "delivered_on": delivered_on,
            "appeal_due": case.appeal_due,
        },
    )
    return decision
