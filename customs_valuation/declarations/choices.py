"""The code tables of part 2.3 (CUS-26 to CUS-57): status codes, kinds and audit actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SupplierStatus(models.IntegerChoices):
    """CUS-26. There are no supplier codes 4 to 8."""

    NOT_HANDLED = 1, _("Not yet handled")
    CORRECT = 2, _("Correct")
    CORRECTION_AWAITING = 3, _("Correction awaiting approval")
    WRONG = 9, _("Wrong")
    MISCELLANEOUS = 10, _("Miscellaneous")
    MISC_CORRECTION_AWAITING = 11, _("Miscellaneous correction awaiting approval")
    APPROVED_AFTER_CORRECTION = 12, _("Approved after correction")


class DeclarationStatus(models.IntegerChoices):
    """CUS-27."""

    NOT_HANDLED = 1, _("Not yet handled")
    APPROVED = 2, _("Approved")
    CORRECTION_AWAITING = 3, _("Correction awaiting approval")
    PRICE_SUSPECTED = 4, _("Suspected price problem")
    TYPING_ERROR = 5, _("Agent's typing error")
    INVOICE_MISMATCH = 6, _("Mismatch between physical declaration and supplier invoice")
    NOT_SIGNED = 7, _("Not signed by an authorised signatory")
    ORIGINAL_MISSING = 8, _("Physical/original declaration not submitted")
    CANCELLED = 9, _("Cancelled by customs management")
    MISCELLANEOUS = 10, _("Miscellaneous")
    MISC_CORRECTION_AWAITING = 11, _("Miscellaneous correction awaiting approval")
    EXPIRED = 12, _("Expired without handling")


class DeclarationForm(models.TextChoices):
    ANNUAL = "138", _("Annual importer declaration (form 138)")
    ENTRY = "138a", _("Importer declaration for one entry (form 138א)")


class EntryKind(models.TextChoices):
    """The entry kinds the spec's minimal entry record names; the last three are exempt
    (CUS-34)."""

    REGULAR = "regular", _("Regular")
    SHAHAM = "shaham", _("שח״מ (temporary storage)")
    DETENTION_49 = "detention_49", _("Detention certificate (station 49)")
    OWNERSHIP_TRANSFER = "ownership_transfer", _("Transfer of ownership")
    RETURNED_EXPORT_810 = "returned_export_810", _("Returned export (item 810)")


class Incoterm(models.TextChoices):
    EXW = "EXW", "EXW"
    FCA = "FCA", "FCA"
    FAS = "FAS", "FAS"
    FOB = "FOB", "FOB"
    CFR = "CFR", "CFR"
    CIF = "CIF", "CIF"
    CPT = "CPT", "CPT"
    CIP = "CIP", "CIP"
    DAP = "DAP", "DAP"
    DPU = "DPU", "DPU"
    DDP = "DDP", "DDP"


class BlockKind(models.TextChoices):
    """CUS-51: the three kinds of block."""

    NO_DECLARATION = "no_declaration", _("No valid importer declaration")
    CORRECTION_OVERDUE = "correction_overdue", _("Declaration correction overdue (21 days)")
    WRONG_SUPPLIER = "wrong_supplier", _("Supplier number wrong (status 9)")


class BlockEnd(models.TextChoices):
    """What ended a block: always a change of status or a filing, never a person lifting it."""

    DECLARATION_ENTERED = "declaration_entered", _("A declaration was entered for the pair")
    DECLARATION_APPROVED = "declaration_approved", _("The declaration was approved (2)")
    DECLARATION_CANCELLED = "declaration_cancelled", _("The declaration was cancelled (9)")
    DECLARATION_EXPIRED = "declaration_expired", _("The declaration expired (12)")
    SUPPLIER_STATUS_CHANGED = "supplier_status_changed", _("The supplier's status left 9")
    SUPPLIER_MERGED = "supplier_merged", _("The supplier number was merged into another")
    SUPPLIER_CANCELLED = "supplier_cancelled", _("The supplier was cancelled")


class ActorKind(models.TextChoices):
    SYSTEM = "system", _("The system")
    AGENT = "agent", _("Customs agent")
    VALUER = "valuer", _("Valuer")
    UNIT = "unit", _("Valuation unit")


class DocumentKind(models.TextChoices):
    SIGNED_ORIGINAL = "signed_original", _("Scan of the signed original declaration")
    INVOICE = "invoice", _("Supplier invoice")
    REQUESTED = "requested", _("Document asked for")


class DefectCode(models.TextChoices):
    """CUS-44: a defect recorded on the entry for using a wrong supplier."""

    D84 = "84", _("84 – wrong supplier used")
    D86 = "86", _("86 – wrong supplier used")


class CorrectionCause(models.TextChoices):
    """Why an entry is listed for an entry correction (CUS-44, CUS-53, CUS-54)."""

    NEW_DECLARATION = "new_declaration", _("Filed with a declaration found not to match (6)")
    SUPPLIER_CANCELLED = "supplier_cancelled", _("Its supplier was cancelled")
    SUPPLIER_MERGED = "supplier_merged", _("Its supplier number was merged")


class NotificationKind(models.TextChoices):
    """CUS-56."""

    DECLARATION_STATUS = "declaration_status", _("Declaration status")
    SUPPLIER_STATUS = "supplier_status", _("Supplier status")
    BLOCK_STARTED = "block_started", _("Block started")
    BLOCK_ENDED = "block_ended", _("Block ended")
    SUPPLIER_CANCELLED = "supplier_cancelled", _("Supplier cancelled")
    SUPPLIER_MERGED = "supplier_merged", _("Suppliers merged")
    NEW_DECLARATION_NEEDED = "new_declaration_needed", _("Enter a new declaration")
    DOCUMENTS_REQUESTED = "documents_requested", _("Documents asked for")
    VALUATION_NOTICE = "valuation_notice", _("Valuation notice")


class AuditAction(models.TextChoices):
    """What the history of a supplier, declaration, entry or block says happened."""

    SUPPLIER_ENTERED = "declarations.supplier_entered", _("Supplier entered")
    SUPPLIER_CHANGED = "declarations.supplier_changed", _("Supplier data changed")
    SUPPLIER_STATUS = "declarations.supplier_status", _("Supplier status set")
    SUPPLIER_CANCELLED = "declarations.supplier_cancelled", _("Supplier cancelled")
    SUPPLIER_MERGED = "declarations.supplier_merged", _("Supplier merged into another")
    DECLARATION_ENTERED = "declarations.declaration_entered", _("Declaration entered")
    DECLARATION_CORRECTED = "declarations.declaration_corrected", _("Declaration corrected")
    DECLARATION_STATUS = "declarations.declaration_status", _("Declaration status set")
    DECLARATION_REPLACED = "declarations.declaration_replaced", _("Declaration replaced")
    DOCUMENT_UPLOADED = "declarations.document_uploaded", _("Document uploaded")
    ORIGINAL_DELIVERED = "declarations.original_delivered", _("Signed original delivered")
    ORIGINAL_RECEIVED = "declarations.original_received", _("Signed original received")
    ENTRY_FILED = "declarations.entry_filed", _("Entry filed")
    ENTRY_REFUSED = "declarations.entry_refused", _("Entry refused")
    ENTRY_CORRECTED = "declarations.entry_corrected", _("Entry corrected")
    ENTRY_DEFECT = "declarations.entry_defect", _("Defect recorded on the entry")
    ENTRY_RELEASED = "declarations.entry_released", _("Entry released")
    ENTRY_ARCHIVED = "declarations.entry_archived", _("Entry sent to the archive")
    BLOCK_STARTED = "declarations.block_started", _("Block started")
    BLOCK_ENDED = "declarations.block_ended", _("Block ended")
    DOCUMENTS_REQUESTED = "declarations.documents_requested", _("Documents asked for")
    RETURNED_TO_VALUER = "declarations.returned_to_valuer", _("Returned to the valuer")
    TASK_DONE = "declarations.task_done", _("Task done")
