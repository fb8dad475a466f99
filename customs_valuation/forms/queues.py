"""The officers' queue and the appeals list: search, filters and sorting."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxportal.queues import QueueForm, Sort, any_choice

from .. import selectors
from ..models import (
    CaseKind,
    CaseStatus,
)


class CaseQueueForm(QueueForm):
    """The officers' queue: the cases needing attention first, then by the next deadline."""

    SORTS = {
        selectors.ATTENTION_FIRST: Sort(_("Needing attention first, then the next deadline")),
        "deadline": Sort(_("Next deadline: soonest first")),
        "status": Sort(_("Status, then the next deadline")),
        "newest": Sort(_("Newest case first")),
    }

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=any_choice(_("All open cases"), CaseStatus.choices),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=any_choice(_("All"), CaseKind.choices)
    )

    field_order = ["q", "status", "kind", "sort"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _(
            "Case number, importer's identity number or name, or part of the chassis number"
        )


class AppealQueueForm(QueueForm):
    """The committee's appeals, the longest waiting first."""

    SORTS = {
        "forwarded": Sort(_("Forwarded: longest waiting first"), ("forwarded_at", "id")),
        "-forwarded": Sort(_("Forwarded: most recent first"), ("-forwarded_at", "-id")),
        "filed": Sort(_("Filed: earliest first"), ("filed_at", "id")),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].help_text = _("Case number, importer's identity number or name")
