"""Issue 16: the case's actions that send a notice to the importer or fix the value, confirmed
first on a "check your answers" page (taxportal/confirm.py) that names the entry and the importer;
the recording steps between them go ahead at once."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.confirm import confirmation_needed, sentence

PAGES = {
    "documents": "customs_commercial:case_documents",
    "worksheet": "customs_commercial:case_worksheet",
    "decision": "customs_commercial:case_decision",
}


@dataclass(frozen=True)
class Confirmed:
    """An action that sends a notice to the importer or fixes the value: confirmed first on a
    page that says so (issue 16). `what` names the entry and the importer."""

    title: object
    what: object
    button: object


_SENT = gettext_lazy("Confirm and send the notice")
CONFIRMED: dict[str, Confirmed] = {
    "accept": Confirmed(
        gettext_lazy("Accept the declared value"),
        gettext_lazy(
            "The declared value becomes the customs value of entry %(entry)s of the importer "
            "%(importer)s (%(number)s) and the case is closed. It cannot be changed afterwards."
        ),
        gettext_lazy("Confirm and accept the value"),
    ),
    "not_satisfied": Confirmed(
        gettext_lazy("Notice that the valuer is not satisfied"),
        gettext_lazy(
            "The notice with these reasons, the provisional value and the taxes on both will be "
            "sent on entry %(entry)s to the agent of the importer %(importer)s (%(number)s). It "
            "cannot be withdrawn afterwards."
        ),
        _SENT,
    ),
    "set_value": Confirmed(
        gettext_lazy("Set the transaction value"),
        gettext_lazy(
            "The worksheet's total becomes the customs value of entry %(entry)s and its notice "
            "will be sent to the agent of the importer %(importer)s (%(number)s). It cannot be "
            "withdrawn afterwards."
        ),
        _SENT,
    ),
    "apply": Confirmed(
        gettext_lazy("Set the value by the method"),
        gettext_lazy(
            "The value found by this method becomes the customs value of entry %(entry)s and its "
            "notice will be sent to the agent of the importer %(importer)s (%(number)s). It "
            "cannot be withdrawn afterwards."
        ),
        _SENT,
    ),
    "damage": Confirmed(
        gettext_lazy("The committee's decision on damaged goods"),
        gettext_lazy(
            "The committee's decision and the customs amount will be recorded on entry "
            "%(entry)s of the importer %(importer)s (%(number)s). They cannot be changed "
            "afterwards."
        ),
        gettext_lazy("Confirm the decision"),
    ),
}


def confirmation_for(request, case, action: str, form, *, page: str):
    """The confirmation page of an action that needs one, before it acts; else None."""
    confirmed = CONFIRMED.get(action)
    if confirmed is None:
        return None
    importer = case.entry.importer
    return confirmation_needed(
        request,
        form,
        title=str(confirmed.title),
        what=sentence(
            str(confirmed.what),
            entry=case.entry.number,
            importer=importer.name,
            number=importer.number,
        ),
        action_url=request.path,
        back_url=reverse(PAGES.get(page, "customs_commercial:case"), args=[case.pk]),
        button=str(confirmed.button),
    )


def credit_note_confirmation(request, note, form):
    """The chief valuer's decision on a credit note (CUS-70) goes to the agent: confirmed first."""
    return confirmation_needed(
        request,
        form,
        title=_("The chief valuer's decision on a credit note"),
        what=sentence(
            _(
                "The decision on credit note %(credit_note)s of the importer %(importer)s "
                "(%(number)s) will be recorded and sent to the agent. It cannot be changed "
                "afterwards."
            ),
            credit_note=note.number,
            importer=note.importer.name,
            number=note.importer.number,
        ),
        action_url=request.path,
        back_url=reverse("customs_commercial:queue"),
        button=_("Confirm the decision"),
    )
