"""The valuers' queue (cases, entries to value, guarantees about to lapse, credit notes and
consultations waiting) and opening a case for an entry."""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from taxportal.paging import QUEUE_COUNT_AHEAD, page_asked, paginate, paginate_read
from taxportal.permissions import permission_required
from taxportal.queues import link

from ...declarations.models import Entry
from .. import forms, selectors
from ..choices import (
    CaseStatus,
)
from ..selectors.side_lists import side_lists
from ..services import cases as case_services
from ..services.common import actor_kind, house_ids
from .common import CHIEF, STAFF, TEMPLATES, VALUER, show_refusal


@permission_required(*STAFF, CHIEF)
def queue(request):
    user = request.user
    kind = actor_kind(user)
    status = request.GET.get("status", "")
    cases = paginate(request, selectors.queue(user, status=status), count_up_to=QUEUE_COUNT_AHEAD)
    return render(
        request,
        TEMPLATES + "queue.html",
        {
            "cases": cases,
            **_side_lists(request),
            "credit_notes": paginate(
                request,
                selectors.credit_notes_waiting(user),
                param="credit_notes_page",
                count_up_to=QUEUE_COUNT_AHEAD,
            ),
            "consultations": paginate(
                request,
                selectors.consultations_open(user),
                param="consultations_page",
                count_up_to=QUEUE_COUNT_AHEAD,
            ),
            "statuses": CaseStatus.choices,
            "status": status,
            "today": timezone.localdate(),
            "kind": kind,
        },
    )


def _side_lists(request) -> dict:
    """The entries to verify (paged by their own parameter) and the guarantees about to lapse,
    read in one statement."""
    asked = page_asked(request, param="entries_page", count_up_to=QUEUE_COUNT_AHEAD)
    read = side_lists(request.user, asked)

    def other_page(number: int) -> list:
        return side_lists(request.user, replace(asked, number=number)).entries

    decision_url = link("customs_commercial:case_decision")
    return {
        "entries": paginate_read(
            request, asked, read.entries, read.entries_counted, pages=other_page
        ),
        "guarantees": [(g, decision_url(g.case_id)) for g in read.guarantees],
    }


def _entry_for(request, number) -> Entry:
    entry = (
        Entry.objects.select_related("importer", "supplier", "customs_house")
        .filter(number=str(number)[:20], customs_house_id__in=house_ids(request.user))
        .first()
    )
    if entry is None:
        raise Http404
    return entry


@permission_required(VALUER)
def entry_open(request, number):
    entry = _entry_for(request, number)
    if hasattr(entry, "commercial_case"):
        return redirect("customs_commercial:case", pk=entry.commercial_case.pk)
    form = forms.OpenCaseForm(request.POST or None, initial={"country_of_export": "CN"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = case_services.case_open(
                actor=request.user,
                entry=entry,
                exchange_rate=data["exchange_rate"],
                country_of_export=data["country_of_export"].pk,
                declared_value=data["declared_value"],
                used_vehicle=data["used_vehicle"],
                destination=data["destination"],
            )
        except ValidationError as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("customs_commercial:case", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, TEMPLATES + "open.html", {"entry": entry, "form": form}, status=status)
