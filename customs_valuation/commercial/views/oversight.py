"""The chief valuer's credit notes (CUS-70), the Director's freight notices (CUS-65), and a
valuer's change of an assist's spreading (CUS-77)."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import forms, selectors
from ..models import (
    Assist,
    FreightNotice,
)
from ..services import assists as assist_services
from ..services import credit_notes as credit_services
from ..services import special as special_services
from .common import CHIEF, DIRECTOR, TEMPLATES, VALUER, submitted
from .confirmations import credit_note_confirmation


@permission_required(CHIEF)
def credit_note_decide(request, pk):
    note = selectors.credit_notes_waiting(request.user).filter(pk=pk).first()
    if note is None:
        raise Http404
    form = forms.CreditNoteDecisionForm(request.POST or None)
    if request.method == "POST":
        confirmation = credit_note_confirmation(request, note, form)
        if confirmation:
            return confirmation

    def decide() -> str:
        credit_services.credit_note_decide(
            actor=request.user,
            credit_note=note,
            approve=form.cleaned_data["decision"] == "approve",
            reason=form.cleaned_data["reason"],
        )
        return _("The credit note was decided.")

    if submitted(request, form, decide):
        return redirect("customs_commercial:queue")
    status = 400 if request.method == "POST" else 200
    return render(
        request, TEMPLATES + "credit_note.html", {"note": note, "form": form}, status=status
    )


@permission_required(DIRECTOR)
def freight_notices(request):
    form = forms.FreightNoticeForm(request.POST or None)

    def issue() -> str:
        special_services.freight_notice_issue(actor=request.user, **form.cleaned_data)
        return _("The notice was issued.")

    if submitted(request, form, issue):
        return redirect("customs_commercial:freight_notices")
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request,
        TEMPLATES + "freight_notices.html",
        {
            "form": form,
            "pager": paginate(request, FreightNotice.objects.select_related("issued_by")),
        },
        status=status,
    )


@permission_required(VALUER)
def assist_way(request, pk):
    assist = get_object_or_404(Assist.objects.select_related("importer", "supplier"), pk=pk)
    form = forms.AssistWayForm(request.POST or None, initial={"way": assist.way})

    def change() -> str:
        assist_services.assist_change_way(actor=request.user, assist=assist, **form.cleaned_data)
        return _("The spreading was changed.")

    if submitted(request, form, change):
        return redirect("customs_commercial:assist_way", pk=assist.pk)
    status = 400 if request.method == "POST" and form.errors else 200
    return render(
        request, TEMPLATES + "assist.html", {"assist": assist, "form": form}, status=status
    )
