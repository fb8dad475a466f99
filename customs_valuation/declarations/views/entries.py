"""Customs staff on one entry: entry correction, defect 84/86, release, archive (CUS-44, CUS-48,
CUS-53, CUS-54)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.forms import PortalForm
from taxportal.permissions import permission_required

from .. import forms
from ..models import Entry
from ..services import entries as entry_services
from .common import STAFF, TEMPLATES, form_errors_from


def _entry(number) -> Entry:
    entry = (
        Entry.objects.select_related("importer", "supplier", "customs_house", "agent")
        .filter(number=number)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def _page(request, entry, status=200, **forms_in_use):
    context = {
        "entry": entry,
        "corrections": list(entry.corrections.select_related("corrected_by")),
        "defects": list(entry.defects.select_related("recorded_by")),
        "archivable": entry_services.archivable(entry),
        "correction_form": forms.EntryCorrectionForm(
            initial={"supplier_number": entry.supplier_id}
        ),
        "defect_form": forms.DefectForm(),
        **forms_in_use,
    }
    return render(request, TEMPLATES + "staff_entry.html", context, status=status)


@permission_required(STAFF)
def entry_detail(request, number):
    return _page(request, _entry(number))


FORMS: dict[str, tuple[str, type[PortalForm], Callable[..., Any]]] = {
    "correct": ("correction_form", forms.EntryCorrectionForm, entry_services.entry_correct),
    "defect": ("defect_form", forms.DefectForm, entry_services.entry_defect),
}
PLAIN = {"release": entry_services.entry_release, "archive": entry_services.entry_archive}


@require_POST
@permission_required(STAFF)
def entry_action(request, number, action):
    entry = _entry(number)
    if action in PLAIN:
        try:
            PLAIN[action](actor=request.user, entry=entry)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Done."))
        return redirect("customs_declarations:staff_entry", number=entry.number)
    if action not in FORMS:
        raise Http404
    name, form_class, service = FORMS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Done."))
            return redirect("customs_declarations:staff_entry", number=entry.number)
    return _page(request, entry, 400, **{name: form})
