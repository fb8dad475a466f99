"""The search, filters and sort of the badge queues (taxportal.queues): the clerks' queue, the
department doctor's, the refunds at the fee desk and the importer's open files. Each sort is
backed by an index (the app's migrations); every one ends with the id so pages never overlap."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.queues import QueueForm, Sort, any_choice

from ..choices import (
    OPEN_APPLICATION_STATUSES,
    ApplicationKind,
    EligibilityGround,
    ImporterFileStatus,
    RefundStatus,
)

OVERDUE = "overdue"
INFO_OVERDUE = "info_overdue"
OPEN_REFUND_STATUSES = (RefundStatus.OPEN, RefundStatus.APPROVED)
OPEN_IMPORTER_STATUSES = (ImporterFileStatus.WITH_CUSTOMS, ImporterFileStatus.RELEASED)


class BadgeQueueForm(QueueForm):
    """BADGE-8: the clerks' open cases; the answer is due 90 days after the material arrived,
    so the due date sorts as the day the material arrived."""

    SORTS = {
        "due": Sort(_("Answer due: soonest first"), ("material_received_on", "id")),
        "-due": Sort(_("Answer due: latest first"), ("-material_received_on", "-id")),
        "status": Sort(_("Status, then answer due"), ("status", "material_received_on", "id")),
    }

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=any_choice(
            _("All open cases"), [(s.value, s.label) for s in OPEN_APPLICATION_STATUSES]
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=any_choice(_("All"), ApplicationKind.choices)
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=any_choice(
            _("All"),
            [
                (OVERDUE, _("Past the 90 days")),
                (INFO_OVERDUE, _("Information date passed")),
            ],
        ),
    )

    field_order = ["q", "status", "kind", "due", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Identity number, application number or name")


class DoctorQueueForm(QueueForm):
    """BADGE-10: the cases with the department doctor, the longest waiting first."""

    SORTS = {
        "sent": Sort(_("Sent to you: longest waiting first"), ("sent_to_doctor_on", "id")),
        "due": Sort(_("Answer due: soonest first"), ("material_received_on", "id")),
    }

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=any_choice(_("All"), ApplicationKind.choices)
    )
    ground = forms.ChoiceField(
        label=_("Eligibility ground"),
        required=False,
        choices=any_choice(_("All"), EligibilityGround.choices),
    )

    field_order = ["q", "kind", "ground", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Identity number, application number or name")


class RefundQueueForm(QueueForm):
    """BADGE-41: refunds waiting for a decision or for payment, by the day they are due."""

    SORTS = {
        "due": Sort(_("To be paid by: soonest first"), ("due_on", "id")),
        "-due": Sort(_("To be paid by: latest first"), ("-due_on", "-id")),
        "status": Sort(_("Status, then to be paid by"), ("status", "due_on", "id")),
    }

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=any_choice(
            _("All open requests"), [(s.value, s.label) for s in OPEN_REFUND_STATUSES]
        ),
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=any_choice(_("All"), [(OVERDUE, _("Past the date to pay"))]),
    )

    field_order = ["q", "status", "due", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Vehicle number, holder's identity number or request number")


class ImporterQueueForm(QueueForm):
    """BADGE-43 to BADGE-46: open vehicle files, each to be closed within 48 hours."""

    SORTS = {
        "due": Sort(_("Close by: soonest first"), ("close_by", "id")),
        "-due": Sort(_("Close by: latest first"), ("-close_by", "-id")),
        "status": Sort(_("Status, then close by"), ("status", "close_by", "id")),
    }

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=any_choice(
            _("All open files"), [(s.value, s.label) for s in OPEN_IMPORTER_STATUSES]
        ),
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=any_choice(_("All"), [(OVERDUE, _("More than 48 hours"))]),
    )

    field_order = ["q", "status", "due", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Vehicle number, buyer's identity number or name")
