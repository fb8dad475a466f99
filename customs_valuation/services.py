"""Writes: every change of a case goes through here, locked, dated, reasoned and audited.

Each decision is a `Decision` row (what the importer reads as a notice when it concerns them)
plus an audit event naming who decided, when and why.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.audit import audit_record
from taxportal.links import citizen_link
from taxportal.models import User
from taxportal.roles import perm

from . import rules, selectors
from .models import (
    DECISION_ACTION_PREFIX,
    Appeal,
    AppealOutcome,
    AuditAction,
    CaseDocument,
    CaseExtra,
    CaseKind,
    CaseStatus,
    Decision,
    DecisionKind,
    DocumentKind,
    ImporterAnswer,
    OptionalExtra,
    ProtestRelease,
    ReleaseForm,
    ReleaseStatus,
    ValuationCase,
)
from .templatetags.customs_money import shekels

EDITABLE_STATUSES = {CaseStatus.OPEN, CaseStatus.AT_APPRAISER}
DECIDABLE_STATUSES = {CaseStatus.OPEN}
RELEASABLE_STATUSES = {
    CaseStatus.NOTICE_OF_INTENT,
    CaseStatus.ANSWERED,
    CaseStatus.VALUE_SET,
    CaseStatus.APPEALED,
}


class InvalidTransition(ValidationError):
    """The case is not in a state where this can be done (perhaps a colleague just did it)."""


def _lock(case: ValuationCase, allowed: set[str]) -> ValuationCase:
    locked = ValuationCase.objects.select_for_update().get(pk=case.pk)
    if locked.status not in allowed:
        raise InvalidTransition(
            _("This cannot be done while the case is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _require_reasons(reasons: str) -> str:
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    return reasons


def _decide(
    case: ValuationCase,
    *,
    actor: User | None,
    kind: DecisionKind,
    reasons: str,
    value: Decimal | None = None,
    due_date: date | None = None,
    worksheet: dict | None = None,
) -> Decision:
    taxes = selectors.case_taxes(case, value).total if value is not None else None
    decision = Decision.objects.create(
        case=case,
        kind=kind,
        decided_by=actor,
        reasons=reasons,
        value=value,
        taxes=taxes,
        due_date=due_date,
        worksheet=worksheet or {},
    )
    audit_record(
        actor=actor,
        action=f"{DECISION_ACTION_PREFIX}{kind.value}",
        target=case,
        reason=reasons,
        changes={"status": case.status, "value": value, "due_date": due_date},
    )
    if decision.is_notice:
        _notify_importer(case, decision)
    return decision


def _notify_importer(case: ValuationCase, decision: Decision) -> None:
    if not case.importer.email:
        return
    send_mail(
        subject=_("Customs valuation %(ref)s: %(kind)s")
        % {"ref": case.reference, "kind": decision.get_kind_display()},
        message=_("A new notice is waiting in your personal area: %(path)s")
        % {"path": citizen_link(reverse("customs_valuation:my_case", args=[case.pk]))},
        from_email=None,
        recipient_list=[case.importer.email],
    )


def _today() -> date:
    return timezone.localdate()


# --- Opening and recording data ----------------------------------------------------------------


@transaction.atomic
def case_open(
    *, actor: User, importer: User, kind: CaseKind, valuation_date: date, **fields
) -> ValuationCase:
    """An officer opens a case for an importer (a citizen with an identity number)."""
    case = ValuationCase.objects.create(
        kind=kind, importer=importer, officer=actor, valuation_date=valuation_date, **fields
    )
    audit_record(
        actor=actor,
        action=AuditAction.CASE_OPENED,
        target=case,
        reason=_("Personal import declared"),
        changes={"kind": kind, "importer": importer.pk},
    )
    return case


@transaction.atomic
def case_update(*, actor: User, case: ValuationCase, changes: dict, reason: str) -> ValuationCase:
    """The officer records invoice data, costs and vehicle details (CUS-5 to 7, 13 to 16, 19+)."""
    locked = _lock(case, EDITABLE_STATUSES)
    before = {name: getattr(locked, name) for name in changes}
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        action=AuditAction.DATA_RECORDED,
        target=locked,
        reason=reason,
        changes={
            name: {"from": before[name], "to": value}
            for name, value in changes.items()
            if before[name] != value
        },
    )
    return locked


@transaction.atomic
def document_add(
    *, actor: User, case: ValuationCase, kind: str, file=None, note: str = ""
) -> CaseDocument:
    """A document uploaded by the importer, or recorded by the officer as received on paper."""
    if file is None and not note:
        raise ValidationError({"note": _("Say where the paper document is, or upload a file.")})
    document = CaseDocument.objects.create(
        case=case, kind=kind, file=file or "", note=note, added_by=actor
    )
    audit_record(
        actor=actor,
        action=AuditAction.DOCUMENT_ADDED,
        target=case,
        reason=note,
        changes={"kind": kind, "file": document.file.name if document.file else ""},
    )
    return document


@transaction.atomic
def extra_add(*, actor: User, case: ValuationCase, extra: OptionalExtra, source: str) -> CaseExtra:
    """CUS-15: an optional extra found by chassis number or physical check, at the table value."""
    locked = _lock(case, EDITABLE_STATUSES)
    added = CaseExtra.objects.create(case=locked, extra=extra, source=source, value=extra.value)
    audit_record(
        actor=actor,
        action=AuditAction.EXTRA_ADDED,
        target=locked,
        reason=source,
        changes={"extra": extra.code, "value": extra.value},
    )
    return added


@transaction.atomic
def extra_remove(*, actor: User, case_extra: CaseExtra, reason: str) -> None:
    locked = _lock(case_extra.case, EDITABLE_STATUSES)
    audit_record(
        actor=actor,
        action=AuditAction.EXTRA_REMOVED,
        target=locked,
        reason=reason,
        changes={"extra": case_extra.extra.code},
    )
    case_extra.delete()


# --- The officer's decision (CUS-9, 10, 14, 18, 21, 22, 25) --------------------------------------


def _worksheet_or_error(case: ValuationCase) -> selectors.CaseWorksheet:
    sheet = selectors.case_worksheet(case)
    if sheet.problems:
        raise ValidationError(sheet.problems)
    return sheet


@transaction.atomic
def case_accept_declared_value(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """CUS-9 / CUS-21: the declared value is reasonable: the invoice price is the value.

    Outside the tolerance the officer may still accept it, but only with written reasons; it is
    never decided silently."""
    locked = _lock(case, DECIDABLE_STATUSES)
    reasons = _require_reasons(reasons)
    sheet = _worksheet_or_error(locked)
    if locked.kind == CaseKind.GOODS:
        return _goods_decide(locked, actor=actor, reasons=reasons, sheet=sheet)
    if not locked.has_invoice or locked.invoice_value is None:
        raise ValidationError(_("There is no invoice to accept: decide the value instead."))
    return _conclude(
        locked,
        actor=actor,
        kind=DecisionKind.INVOICE_ACCEPTED,
        value=selectors.declared_value(locked) - locked.damage_reduction,
        reasons=reasons,
        worksheet=sheet.as_json(),
        open_to_appeal=False,
    )


def _conclude(
    case: ValuationCase,
    *,
    actor: User,
    kind: DecisionKind,
    value: Decimal,
    reasons: str,
    worksheet: dict,
    open_to_appeal: bool,
) -> Decision:
    """The value is decided: accepted as declared, or set and open to appeal for 30 days."""
    case.determined_value = value
    case.status = CaseStatus.VALUE_SET if open_to_appeal else CaseStatus.ACCEPTED
    case.appeal_due = _appeal_due(case) if open_to_appeal else None
    case.save(update_fields=["status", "determined_value", "appeal_due"])
    return _decide(
        case, actor=actor, kind=kind, reasons=reasons, value=value, due_date=case.appeal_due,
        worksheet=worksheet,
    )  # fmt: skip


def _goods_decide(
    case: ValuationCase, *, actor: User, reasons: str, sheet: selectors.CaseWorksheet
) -> Decision:
    threshold = selectors.policy(case.valuation_date).goods_depreciation_supervisor_percent
    if (
        rules.depreciation_needs_supervisor(case.used_depreciation_percent, threshold)
        and not case.depreciation_approved
    ):
        case.status = CaseStatus.AWAITING_APPROVAL
        case.save(update_fields=["status"])
        return _decide(
            case,
            actor=actor,
            kind=DecisionKind.DEPRECIATION_REFERRED,
            reasons=reasons,
            worksheet=sheet.as_json(),
        )
    return _conclude(
        case,
        actor=actor,
        kind=DecisionKind.INVOICE_ACCEPTED if sheet.reasonable else DecisionKind.VALUE_SET,
        value=sheet.proposed_value,
        reasons=f"{sheet.goods_check.explanation}\n{reasons}",
        worksheet=sheet.as_json(),
        open_to_appeal=not sheet.reasonable,
    )


def _appeal_due(case: ValuationCase) -> date:
    days = selectors.policy(case.valuation_date).appeal_days
    return rules.days_after(_today(), days)


@transaction.atomic
def case_notice_of_intent(
    *, actor: User, case: ValuationCase, reasons: str, value_considered: Decimal | None = None
) -> Decision:
    """CUS-10: the officer intends to disqualify the declared value: reasons, the value
    considered, and 30 days for the importer's written answer."""
    locked = _lock(case, DECIDABLE_STATUSES)
    if locked.kind != CaseKind.VEHICLE:
        raise InvalidTransition(_("Notices of intent are for vehicles."))
    reasons = _require_reasons(reasons)
    sheet = _worksheet_or_error(locked)
    value = value_considered if value_considered is not None else sheet.proposed_value
    due = rules.days_after(_today(), selectors.policy(locked.valuation_date).answer_days)
    locked.status = CaseStatus.NOTICE_OF_INTENT
    locked.answer_due = due
    locked.save(update_fields=["status", "answer_due"])
    return _decide(
        locked,
        actor=actor,
        kind=DecisionKind.NOTICE_OF_INTENT,
        reasons=reasons,
        value=value,
        due_date=due,
        worksheet=sheet.as_json(),
    )


@transaction.atomic
def case_send_to_appraiser(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """CUS-14 / CUS-18: an unlisted model, or a collector vehicle with an unreasonable invoice."""
    locked = _lock(case, DECIDABLE_STATUSES)
    if locked.kind != CaseKind.VEHICLE:
        raise InvalidTransition(_("Only vehicles go to a customs appraiser."))
    locked.status = CaseStatus.AT_APPRAISER
    locked.save(update_fields=["status"])
    return _decide(
        locked, actor=actor, kind=DecisionKind.SENT_TO_APPRAISER, reasons=_require_reasons(reasons)
    )


@transaction.atomic
def case_record_appraisal(
    *, actor: User, case: ValuationCase, value: Decimal, reasons: str
) -> Decision:
    """The appraiser's value of the vehicle in Israel; the officer then decides on it."""
    locked = _lock(case, {CaseStatus.AT_APPRAISER})
    if value is None or value <= 0:
        raise ValidationError({"value": _("Give the appraiser's value.")})
    locked.status = CaseStatus.OPEN
    locked.appraiser_value = value
    locked.save(update_fields=["status", "appraiser_value"])
    return _decide(
        locked,
        actor=actor,
        kind=DecisionKind.APPRAISAL_RECORDED,
        reasons=_require_reasons(reasons),
        value=value,
    )


@transaction.atomic
def case_decide_value(*, actor: User, case: ValuationCase, reasons: str) -> Decision:
    """No invoice (CUS-14) or goods the officer values directly: the value of the worksheet is
    set and open to appeal."""
    locked = _lock(case, DECIDABLE_STATUSES)
    reasons = _require_reasons(reasons)
    sheet = _worksheet_or_error(locked)
    if locked.kind == CaseKind.GOODS:
        return _goods_decide(locked, actor=actor, reasons=reasons, sheet=sheet)
    if locked.has_invoice:
        raise InvalidTransition(
            _("With an invoice, accept it or send a notice of intent (CUS-9, CUS-10).")
        )
    return _conclude(
        locked, actor=actor, kind=DecisionKind.VALUE_SET, value=sheet.proposed_value,
        reasons=reasons, worksheet=sheet.as_json(), open_to_appeal=True,
    )  # fmt: skip


@transaction.atomic
def depreciation_decide(
    *, actor: User, case: ValuationCase, approve: bool, reasons: str
) -> Decision:
    """CUS-25: the supervisor approves or refuses usage depreciation above the threshold."""
    locked = _lock(case, {CaseStatus.AWAITING_APPROVAL})
    reasons = _require_reasons(reasons)
    if approve:
        locked.depreciation_approved = True
        locked.status = CaseStatus.OPEN
        locked.save(update_fields=["depreciation_approved", "status"])
        decision = _decide(
            locked, actor=actor, kind=DecisionKind.DEPRECIATION_APPROVED, reasons=reasons
        )
        _goods_decide(locked, actor=actor, reasons=reasons, sheet=_worksheet_or_error(locked))
        return decision
    locked.status = CaseStatus.OPEN
    locked.save(update_fields=["status"])
    return _decide(locked, actor=actor, kind=DecisionKind.DEPRECIATION_REFUSED, reasons=reasons)


# --- The importer's answer and the supervisor (CUS-10, CUS-11) ------------------------------------


@transaction.atomic
def case_answer_notice(*, actor: User, case: ValuationCase, text: str, files=()) -> None:
    """The importer answers the notice of intent in writing, with any documents."""
    locked = _lock(case, {CaseStatus.NOTICE_OF_INTENT})
    if locked.importer_id != actor.pk:
        raise InvalidTransition(_("Only the importer answers a notice."))
    if not (text or "").strip():
        raise ValidationError({"text": _("Write your answer.")})
    notice = selectors.open_notice_of_intent(locked)
    ImporterAnswer.objects.create(case=locked, notice=notice, text=text.strip(), submitted_by=actor)
    _attach(locked, actor, files)
    late = _today() > locked.answer_due
    locked.status = CaseStatus.ANSWERED
    locked.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action=AuditAction.IMPORTER_ANSWERED,
        target=locked,
        reason=_("answered after the due date") if late else "",
        changes={"attachments": len(files), "late": late},
    )


@transaction.atomic
def case_supervisor_decide(
    *,
    actor: User,
    case: ValuationCase,
    convinced: bool,
    reasons: str,
    value: Decimal | None = None,
) -> Decision:
    """CUS-11: convinced → the invoice price; not convinced → a reasoned disqualification and a
    value set (open to appeal for 30 days). A supervisor may also decide when no answer came."""
    if not actor.has_perm(perm("supervise_valuations")):
        raise InvalidTransition(_("Only the supervisor decides after a notice of intent."))
    locked = _lock(case, {CaseStatus.ANSWERED, CaseStatus.NOTICE_OF_INTENT})
    reasons = _require_reasons(reasons)
    sheet = _worksheet_or_error(locked)
    if convinced:
        return _conclude(
            locked,
            actor=actor,
            kind=DecisionKind.SUPERVISOR_ACCEPTED,
            value=selectors.declared_value(locked) - locked.damage_reduction,
            reasons=reasons,
            worksheet=sheet.as_json(),
            open_to_appeal=False,
        )
    value = value if value is not None else sheet.proposed_value
    if value is None or value <= 0:
        raise ValidationError({"value": _("Set the vehicle's value.")})
    return _conclude(
        locked, actor=actor, kind=DecisionKind.DISQUALIFIED, value=value, reasons=reasons,
        worksheet=sheet.as_json(), open_to_appeal=True,
    )  # fmt: skip


def _attach(case: ValuationCase, actor: User, files) -> None:
    for upload in files:
        CaseDocument.objects.create(
            case=case, kind=DocumentKind.ANSWER, file=upload, added_by=actor
        )


# --- Appeals (CUS-12, CUS-23) -------------------------------------------------------------


@transaction.atomic
def appeal_file(*, actor: User, case: ValuationCase, grounds: str, files=()) -> Appeal:
    """The importer appeals in writing within the appeal period, through the supervisor
    (vehicles) or to the collector (goods)."""
    locked = _lock(case, {CaseStatus.VALUE_SET})
    if locked.importer_id != actor.pk:
        raise InvalidTransition(_("Only the importer appeals."))
    if not (grounds or "").strip():
        raise ValidationError({"grounds": _("Set out all your grounds of appeal.")})
    if _today() > locked.appeal_due:
        raise ValidationError(
            _("The appeal period ended on %(date)s.")
            % {"date": locked.appeal_due.strftime("%d/%m/%Y")}
        )
    appeal = Appeal.objects.create(case=locked, grounds=grounds.strip(), filed_by=actor)
    _attach(locked, actor, files)
    locked.status = CaseStatus.APPEALED
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.APPEAL_FILED, target=locked, reason=grounds)
    return appeal


@transaction.atomic
def appeal_forward(*, actor: User, appeal: Appeal, opinion: str) -> Appeal:
    """CUS-12: the supervisor forwards the appeal to the committee with an opinion."""
    _lock(appeal.case, {CaseStatus.APPEALED})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.forwarded_at is not None:
        raise InvalidTransition(_("The appeal was already forwarded."))
    appeal.supervisor_opinion = _require_reasons(opinion)
    appeal.forwarded_at = timezone.now()
    appeal.save(update_fields=["supervisor_opinion", "forwarded_at"])
    _decide(appeal.case, actor=actor, kind=DecisionKind.APPEAL_FORWARDED, reasons=opinion)
    return appeal


@transaction.atomic
def appeal_decide(
    *,
    actor: User,
    appeal: Appeal,
    outcome: AppealOutcome,
    reasons: str,
    value: Decimal | None = None,
    members: list[User] = (),
    legal_adviser: User | None = None,
) -> Decision:
    """The committee's reasoned decision (vehicles: three members, one the legal adviser or their
    representative; the claim to court within three months), or the collector's (goods)."""
    case = _lock(appeal.case, {CaseStatus.APPEALED})
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    reasons = _require_reasons(reasons)
    if case.kind == CaseKind.VEHICLE:
        _check_committee(actor, appeal, members, legal_adviser)
    elif not actor.has_perm(perm("supervise_valuations")):
        raise InvalidTransition(_("Goods appeals are decided by the collector."))
    if outcome == AppealOutcome.DECLARED_ACCEPTED:
        value = selectors.declared_value(case)
    elif outcome == AppealOutcome.DISMISSED:
        value = case.determined_value
    elif value is None or value <= 0:
        raise ValidationError({"value": _("Give the value the appeal decision sets.")})
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
    decision = _decide(
        case,
        actor=actor,
        kind=DecisionKind.APPEAL_DECIDED,
        reasons=f"{outcome.label}. {reasons}",
        value=value,
        due_date=case.court_due,
    )
    _settle_releases(case, actor=actor, outcome=outcome, reasons=reasons)
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


def _settle_releases(
    case: ValuationCase, *, actor: User | None, outcome: AppealOutcome, reasons: str
) -> None:
    """CUS-17: with an appeal, the guarantee or deposit follows the committee's decision. It
    secures the tax difference, so what is forfeited is the difference the decision keeps (the
    taxes on the value set less those on the declared value) and the rest is released; a payment
    under protest keeps the taxes on the value set and refunds the rest."""
    for release in case.releases.select_for_update().filter(status=ReleaseStatus.HELD):
        if outcome == AppealOutcome.DECLARED_ACCEPTED:
            kept = Decimal(0)
        else:
            kept = min(release.amount, release_amount(case, release.form, case.determined_value))
        release.forfeited_amount = kept
        release.status = rules.release_settlement_status(amount=release.amount, kept=kept)
        release.save(update_fields=["status", "forfeited_amount"])
        explanation = _(
            "%(form)s of %(amount)s NIS: %(kept)s NIS forfeited, %(released)s NIS released."
        ) % {
            "form": release.get_form_display(),
            "amount": shekels(release.amount),
            "kept": shekels(kept),
            "released": shekels(release.released_amount),
        }
        audit_record(
            actor=actor,
            action=AuditAction.RELEASE_SETTLED,
            target=case,
            reason=explanation,
            changes={"release": release.pk, "status": release.status, "forfeited": kept},
        )
        _decide(
            case,
            actor=actor,
            kind=DecisionKind.GUARANTEE_SETTLED,
            reasons=f"{explanation}\n{outcome.label}. {reasons}",
            value=case.determined_value,
        )


# --- Release under protest (CUS-17) --------------------------------------------------------------


def release_amount(case: ValuationCase, form: str, considered_value: Decimal) -> Decimal:
    """The guarantee or deposit equals the tax difference; paying under protest pays it all."""
    on_value = selectors.case_taxes(case, considered_value).total
    if form == ReleaseForm.PAID_UNDER_PROTEST:
        return on_value
    declared = selectors.declared_value(case) or Decimal(0)
    return max(on_value - selectors.case_taxes(case, declared).total, Decimal(0))


@transaction.atomic
def release_record(
    *, actor: User, case: ValuationCase, form: ReleaseForm, reference: str, lodged_on: date
) -> ProtestRelease:
    """The vehicle is released from the notice of intent on a guarantee, deposit or payment."""
    locked = _lock(case, RELEASABLE_STATUSES)
    considered = locked.determined_value or _last_value(locked)
    amount = release_amount(locked, form, considered)
    expires = None
    if form != ReleaseForm.PAID_UNDER_PROTEST:
        months = selectors.policy(locked.valuation_date).guarantee_months
        expires = rules.months_after(lodged_on, months)
    release = ProtestRelease.objects.create(
        case=locked,
        form=form,
        amount=amount,
        reference=reference,
        lodged_on=lodged_on,
        expires_on=expires,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=AuditAction.RELEASED_UNDER_PROTEST,
        target=locked,
        reason=ReleaseForm(form).label,
        changes={"amount": amount, "expires_on": expires, "reference": reference},
    )
    return release


def _last_value(case: ValuationCase) -> Decimal:
    decision = case.decisions.exclude(value=None).order_by("-decided_at", "-id").first()
    if decision is None:
        raise ValidationError(_("No value has been considered yet."))
    return decision.value


@transaction.atomic
def release_extend(*, actor: User, release: ProtestRelease, expires_on: date, reason: str) -> None:
    """The officer keeps the guarantee valid until the committee decides."""
    release = ProtestRelease.objects.select_for_update().get(pk=release.pk)
    if release.status != ReleaseStatus.HELD or release.expires_on is None:
        raise InvalidTransition(_("Only a held guarantee or deposit can be extended."))
    if expires_on <= release.expires_on:
        raise ValidationError({"expires_on": _("The new date must be after the current one.")})
    before = release.expires_on
    release.expires_on = expires_on
    release.save(update_fields=["expires_on"])
    audit_record(
        actor=actor,
        action=AuditAction.GUARANTEE_EXTENDED,
        target=release.case,
        reason=reason,
        changes={"from": before, "to": expires_on},
    )


# --- The daily job -------------------------------------------------------------------------------


def cases_finalise_due(*, today: date | None = None) -> int:
    """Cases whose appeal period passed without an appeal: the value is final and any guarantee
    or deposit is forfeited (CUS-17). Each case in its own transaction."""
    today = today or _today()
    due = ValuationCase.objects.filter(status=CaseStatus.VALUE_SET, appeal_due__lt=today)
    done = 0
    for case_id in due.values_list("pk", flat=True).iterator(chunk_size=500):
        done += case_finalise(case_id=case_id, today=today)
    return done


@transaction.atomic
def case_finalise(*, case_id: int, today: date) -> bool:
    case = ValuationCase.objects.select_for_update().get(pk=case_id)
    if case.status != CaseStatus.VALUE_SET or not rules.guarantee_forfeits(
        appeal_due=case.appeal_due, appeal_filed=hasattr(case, "appeal"), today=today
    ):
        return False
    reason = _("No appeal by %(date)s.") % {"date": case.appeal_due.strftime("%d/%m/%Y")}
    for release in case.releases.select_for_update().filter(status=ReleaseStatus.HELD):
        release.status = ReleaseStatus.FORFEITED
        release.forfeited_amount = release.amount
        release.save(update_fields=["status", "forfeited_amount"])
        if release.form != ReleaseForm.PAID_UNDER_PROTEST:
            _decide(
                case,
                actor=None,
                kind=DecisionKind.GUARANTEE_FORFEITED,
                reasons=f"{release.get_form_display()} {release.amount}: {reason}",
                value=case.determined_value,
            )
    case.status = CaseStatus.CLOSED
    case.save(update_fields=["status"])
    _decide(
        case, actor=None, kind=DecisionKind.VALUE_FINAL, reasons=reason, value=case.determined_value
    )
    return True
