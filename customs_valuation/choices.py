"""The closed lists of customs valuation: categories, statuses, documents, decisions and audit
actions. Pure data (no models), so the rules and the templates can name them."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TaxCategory(models.TextChoices):
    PRIVATE = "private", _("Private vehicle")
    COMMERCIAL = "commercial", _("Commercial vehicle")
    MOTORCYCLE = "motorcycle", _("Motorcycle")
    GOODS = "goods", _("Goods")


class FreightOrigin(models.TextChoices):
    NORTH_AMERICA = "north_america", _("North America")
    EUROPE = "europe", _("Europe")
    FAR_EAST = "far_east", _("Far East")
    OTHER = "other", _("Other")


class CaseKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    GOODS = "goods", _("Goods")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Documents and data")
    AT_APPRAISER = "at_appraiser", _("With the customs appraiser")
    AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the supervisor's approval")
    NOTICE_OF_INTENT = "notice_of_intent", _("Notice of intent: awaiting the importer's answer")
    ANSWERED = "answered", _("Answered: awaiting the supervisor")
    ACCEPTED = "accepted", _("Declared value accepted")
    VALUE_SET = "value_set", _("Value set: open to appeal")
    APPEALED = "appealed", _("Under appeal")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decided")
    CLOSED = "closed", _("Value final")


class UsedAbroadBasis(models.TextChoices):
    """CUS-13: what the importer asked for after using the vehicle abroad."""

    NONE = "", _("Not used abroad")
    PRICE_LIST = "price_list", _("By the price list, without the invoice")
    INVOICE_ADJUSTED = "invoice_adjusted", _("By the invoice with adjustments and depreciation")


class ExtraSource(models.TextChoices):
    MANUFACTURER = "manufacturer", _("Manufacturer's document by chassis number")
    PHYSICAL_CHECK = "physical_check", _("Physical check (luxury vehicle without information)")
    FORM_21 = "form_21", _("Declared on form 21")


class DocumentKind(models.TextChoices):
    INVOICE = "invoice", _("Original invoice or purchase agreement")
    IDENTITY = "identity", _("Identity card or passport")
    FREIGHT_BILL = "freight_bill", _("Freight bill")
    DELIVERY_ORDER = "delivery_order", _("Delivery order of the shipping or air agent")
    VEHICLE_LICENCE = "vehicle_licence", _("Vehicle licence")
    IMPORT_LICENCE = "import_licence", _("Import licence")
    FORM_21 = "form_21", _("Form 21: importer's vehicle declaration")
    FORM_139 = "form_139", _("Form 139: information to verify the declared value")
    DEAL_EVIDENCE = "deal_evidence", _("Evidence of the deal (transfer, CARFAX, seller's letter)")
    INSURANCE_BILL = "insurance_bill", _("Insurance bill")
    OTHER_EXPENSES = "other_expenses", _("Other expenses")
    REFUND_PROOF = "refund_proof", _("Proof of export-tax refund")
    MANUFACTURER_EXTRAS = "manufacturer_extras", _("Manufacturer's extras by chassis number")
    APPRAISER_OPINION = "appraiser_opinion", _("Appraiser's opinion")
    INSURER_RECOGNITION = "insurer_recognition", _("Insurer's recognition of the loss of value")
    USE_ABROAD_PROOF = "use_abroad_proof", _("Proof of use abroad")
    ANSWER = "answer", _("Attachment to an answer or appeal")
    OTHER = "other", _("Other document")


REQUIRED_DOCUMENTS: dict[str, list[DocumentKind]] = {
    CaseKind.VEHICLE: [
        DocumentKind.INVOICE,
        DocumentKind.IDENTITY,
        DocumentKind.FREIGHT_BILL,
        DocumentKind.DELIVERY_ORDER,
        DocumentKind.VEHICLE_LICENCE,
        DocumentKind.IMPORT_LICENCE,
        DocumentKind.FORM_21,
        DocumentKind.FORM_139,
    ],
    CaseKind.GOODS: [DocumentKind.INVOICE, DocumentKind.FREIGHT_BILL, DocumentKind.INSURANCE_BILL],
}


class DecisionKind(models.TextChoices):
    INVOICE_ACCEPTED = "invoice_accepted", _("Declared value accepted")
    NOTICE_OF_INTENT = "notice_of_intent", _("Notice of intent to disqualify the declared value")
    SENT_TO_APPRAISER = "sent_to_appraiser", _("Sent to a customs appraiser")
    APPRAISAL_RECORDED = "appraisal_recorded", _("Appraiser's value recorded")
    SUPERVISOR_ACCEPTED = "supervisor_accepted", _("Supervisor convinced: declared value accepted")
    DISQUALIFIED = "disqualified", _("Notice of disqualification of the declared value")
    VALUE_SET = "value_set", _("Value determined")
    DEPRECIATION_REFERRED = "depreciation_referred", _("Depreciation sent for approval")
    DEPRECIATION_APPROVED = "depreciation_approved", _("Depreciation approved")
    DEPRECIATION_REFUSED = "depreciation_refused", _("Depreciation refused")
    APPEAL_FORWARDED = "appeal_forwarded", _("Appeal forwarded with the supervisor's opinion")
    APPEAL_DECIDED = "appeal_decided", _("Appeal decision")
    GUARANTEE_FORFEITED = "guarantee_forfeited", _("Guarantee forfeited")
    GUARANTEE_SETTLED = "guarantee_settled", _("Guarantee or deposit settled")
    VALUE_FINAL = "value_final", _("Value final: no appeal in time")


NOTICE_KINDS = {
    DecisionKind.INVOICE_ACCEPTED,
    DecisionKind.NOTICE_OF_INTENT,
    DecisionKind.SUPERVISOR_ACCEPTED,
    DecisionKind.DISQUALIFIED,
    DecisionKind.VALUE_SET,
    DecisionKind.APPEAL_DECIDED,
    DecisionKind.GUARANTEE_FORFEITED,
    DecisionKind.GUARANTEE_SETTLED,
}


class NoticeDelivery(models.TextChoices):
    """CUS-4, CUS-12, CUS-23: a registered importer reads notices in the personal area; anyone
    else gets them by post until they register."""

    PORTAL = "portal", _("Through the personal area")
    POST = "post", _("By post")


class AppealOutcome(models.TextChoices):
    DISMISSED = "dismissed", _("Appeal dismissed: the value stands")
    VALUE_CHANGED = "value_changed", _("Appeal allowed in part: value changed")
    DECLARED_ACCEPTED = "declared_accepted", _("Appeal allowed: the declared value accepted")


class ReleaseForm(models.TextChoices):
    BANK_GUARANTEE = "bank_guarantee", _("Bank guarantee")
    DEPOSIT = "deposit", _("Deposit")
    PAID_UNDER_PROTEST = "paid_under_protest", _("All taxes paid under protest")


class ReleaseStatus(models.TextChoices):
    HELD = "held", _("Held")
    FORFEITED = "forfeited", _("Forfeited")
    PARTLY_FORFEITED = "partly_forfeited", _("Partly forfeited, the rest released")
    RETURNED = "returned", _("Returned")


class AuditAction(models.TextChoices):
    """What the case history says happened (decisions are named by their `DecisionKind`)."""

    CASE_OPENED = "customs.case_opened", _("Case opened")
    DATA_RECORDED = "customs.data_recorded", _("Data recorded")
    DOCUMENT_ADDED = "customs.document_added", _("Document added")
    EXTRA_ADDED = "customs.extra_added", _("Optional extra added")
    EXTRA_REMOVED = "customs.extra_removed", _("Optional extra removed")
    IMPORTER_ANSWERED = "customs.importer_answered", _("Importer answered the notice")
    APPEAL_FILED = "customs.appeal_filed", _("Appeal filed")
    RELEASED_UNDER_PROTEST = "customs.released_under_protest", _("Released under protest")
    GUARANTEE_EXTENDED = "customs.guarantee_extended", _("Guarantee extended")
    RELEASE_SETTLED = "customs.release_settled", _("Guarantee or deposit settled")
    NOTICE_DELIVERED = "customs.notice_delivered", _("Delivery of a posted notice recorded")


DECISION_ACTION_PREFIX = "customs.decision."


def audit_action_label(action: str) -> "StrOrPromise":
    """The case history's wording for an audit action, in the reader's language."""
    if action.startswith(DECISION_ACTION_PREFIX):
        kind = action.removeprefix(DECISION_ACTION_PREFIX)
        if kind in DecisionKind.values:
            return DecisionKind(kind).label
    if action in AuditAction.values:
        return AuditAction(action).label
    return action
