"""The department doctor's queue and decision (BADGE-10)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from taxportal.confirm import confirmation_needed, sentence
from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, in_chunks, terms

from .. import forms, rules, selectors, services
from ..models import (
    BadgeApplication,
)
from ._queues import doctor_rows_html, shown_cases

DOCTOR_COLUMNS = [
    Column(
        gettext_lazy("Case"), lambda r: f"{r.application.get_kind_display()} #{r.application.pk}"
    ),
    Column(gettext_lazy("Days left"), lambda r: r.days_left),
    Column(gettext_lazy("Applicant"), lambda r: r.application.person.full_name),
    Column(gettext_lazy("Identity number"), lambda r: r.application.person.national_id),
    Column(gettext_lazy("Eligibility ground"), lambda r: r.application.get_ground_display()),
    Column(gettext_lazy("Sent to you on"), lambda r: r.application.sent_to_doctor_on),
    Column(gettext_lazy("Answer due"), lambda r: r.due_on),
    Column(gettext_lazy("Documents"), lambda r: r.application.document_count),
]


@permission_required("decide_medical")
def doctor_queue(request):
    """BADGE-10: the cases waiting for the doctor's decision, with the days left of the 90;
    searched, filtered, sorted and paged in SQL, or exported as shown."""
    today = timezone.localdate()
    queue_form = forms.DoctorQueueForm(request.GET)
    cases = selectors.doctor_queue(
        kind=queue_form.value("kind", ""),
        ground=queue_form.value("ground", ""),
        search=terms(queue_form),
        ordering=queue_form.ordering,
    )
    fmt = export_format(request)
    if fmt:
        chunks = in_chunks(cases, lambda chunk: selectors.queue_rows(chunk, today=today))
        return export_response(fmt, f"doctor-queue-{today:%Y-%m-%d}", DOCTOR_COLUMNS, chunks)
    pager = paginate(request, cases.only(*selectors.CASE_SHOWN), count_up_to=QUEUE_COUNT_AHEAD)
    rows = selectors.queue_rows(pager.items, today=today)
    return render(
        request,
        "parking_badges/doctor_queue.html",
        {
            "title": gettext_lazy("Department doctor's queue"),
            "queue_form": queue_form,
            "export_links": export_links(request),
            "pager": pager,
            "rows": rows,
            "rows_html": doctor_rows_html(
                shown_cases(rows, viewname="parking_badges:doctor_decide")
            ),
        },
    )


@permission_required("decide_medical")
def doctor_decide(request, pk: int):
    get_object_or_404(BadgeApplication, pk=pk)
    application = selectors.application_detail(pk)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST":
        person = application.person
        confirmation = confirmation_needed(
            request,
            form,
            title=_("The department doctor's decision"),
            what=sentence(
                _("The decision will be recorded on the application of %(name)s, identity "
                  "number %(national_id)s, and the applicant told of it. It cannot be changed "
                  "afterwards."),
                name=person.full_name, national_id=person.national_id,
            ),
            action_url=reverse("parking_badges:doctor_decide", args=[pk]),
            back_url=reverse("parking_badges:doctor_decide", args=[pk]),
            button=_("Confirm the decision"),
        )  # fmt: skip
        if confirmation:
            return confirmation
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                actor=request.user, application=application, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision was recorded."))
            return redirect("parking_badges:doctor_queue")
    return render(
        request,
        "parking_badges/doctor_decide.html",
        {
            "title": str(application),
            "application": application,
            "form": form,
            "open": rules.application_actions(status=application.status, source=application.source)
            >= rules.DOCTOR_DECISIONS,
        },
    )
