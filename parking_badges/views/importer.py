"""The importer screen (BADGE-43 to BADGE-46)."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from taxportal.markup import escape_text as _e
from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import (
    Column,
    Labels,
    export_format,
    export_links,
    export_response,
    link,
    terms,
)

from .. import forms, rules, selectors, services
from ..choices import ImporterFileStatus, TariffOutcome
from ..models import (
    ImporterVehicleFile,
)
from ._helpers import (
    form_page,
    post_action,
)
from ._queues import row_link, row_start


@dataclass(frozen=True)
class ShownFile:
    url: str
    vehicle: str
    buyer: str
    national_id: str
    status: str
    tariff: str
    close_by: str
    overdue: bool


def _shown_files(files) -> list[ShownFile]:
    statuses, tariffs = Labels(ImporterFileStatus.choices), Labels(TariffOutcome.choices)
    url = link("parking_badges:importer_file")
    return [
        ShownFile(
            url=url(f.pk),
            vehicle=f.vehicle.number,
            buyer=f.buyer_name,
            national_id=f.buyer_national_id,
            status=statuses(f.status),
            tariff=tariffs(f.tariff_outcome),
            close_by=timezone.localtime(f.close_by).strftime("%d/%m/%Y %H:%M"),
            overdue=f.overdue,
        )
        for f in files
    ]


def _file_rows_html(files: list[ShownFile]) -> SafeString:
    """The open files' rows, written in Python as the queues' rows are (views._queues)."""
    late = f" <strong>{_e(_('more than 48 hours'))}</strong>"
    return mark_safe(  # noqa: S308 - every value below is escaped
        "".join(
            f'{row_start(f.overdue)}<th scope="row" class="ltr">'
            f"{row_link(f.url, f.vehicle, overdue=f.overdue)}</th>"
            f'<td class="text-nowrap">{_e(f.close_by)}{late if f.overdue else ""}</td>'
            f"<td>{_e(f.status)}</td>"
            f'<td><bdi>{_e(f.buyer)}</bdi> <span class="ltr">{_e(f.national_id)}</span></td>'
            f"<td>{_e(f.tariff)}</td></tr>"
            for f in files
        )
    )


FILE_COLUMNS = [
    Column(gettext_lazy("Vehicle"), lambda f: f.vehicle.number),
    Column(gettext_lazy("Close by"), lambda f: f.close_by),
    Column(gettext_lazy("More than 48 hours"), lambda f: f.overdue),
    Column(gettext_lazy("Status"), lambda f: f.get_status_display()),
    Column(gettext_lazy("Buyer"), lambda f: f.buyer_name),
    Column(gettext_lazy("Buyer's identity number"), lambda f: f.buyer_national_id),
    Column(gettext_lazy("Importer"), lambda f: f.importer_name),
    Column(gettext_lazy("Tariff 06"), lambda f: f.get_tariff_outcome_display()),
    Column(gettext_lazy("Opened at"), lambda f: f.opened_at),
]


@permission_required("open_importer_vehicles")
def importer(request):
    """BADGE-43 to BADGE-46: open a file; the open files searched, filtered, sorted and paged
    in SQL, or exported as shown."""
    queue_form = forms.ImporterQueueForm(request.GET)
    files = selectors.importer_files(
        status=queue_form.value("status", ""),
        overdue=queue_form.value("due") == forms.OVERDUE,
        search=terms(queue_form),
        ordering=queue_form.ordering,
    )
    fmt = export_format(request)
    if fmt:
        name = f"importer-files-{timezone.localdate():%Y-%m-%d}"
        return export_response(fmt, name, FILE_COLUMNS, files.iterator(chunk_size=1000))
    pager = paginate(request, files.only(*selectors.FILE_SHOWN), count_up_to=QUEUE_COUNT_AHEAD)
    shown = _shown_files(pager.items)

    def act(form):
        importer_file = services.importer_file_open(actor=request.user, **form.cleaned_data)
        messages.success(
            request,
            _("File opened; close it by %(when)s.")
            % {"when": timezone.localtime(importer_file.close_by).strftime("%d/%m/%Y %H:%M")},
        )
        return redirect("parking_badges:importer_file", pk=importer_file.pk)

    return form_page(
        request,
        forms.ImporterOpenForm,
        "parking_badges/fees/importer.html",
        {
            "title": gettext_lazy("Importer vehicles"),
            "queue_form": queue_form,
            "export_links": export_links(request),
            "pager": pager,
            "files": shown,
            "file_rows_html": _file_rows_html(shown),
        },
        act,
    )


@permission_required("open_importer_vehicles")
def importer_file(request, pk: int):
    importer_file = get_object_or_404(
        selectors.importer_files(include_closed=True).prefetch_related("vehicle__restrictions"),
        pk=pk,
    )
    return render(
        request,
        "parking_badges/fees/importer_file.html",
        {
            "title": _("Importer file of vehicle %(number)s") % {"number": importer_file.vehicle},
            "file": importer_file,
            "release_form": forms.ImporterReleaseForm(),
            "print_form": forms.ImporterPrintForm(),
            "close_form": forms.ImporterCloseForm(),
            "two_vehicles": selectors.holder_has_two_vehicles(importer_file.buyer_national_id),
            "actions": rules.allowed_actions(rules.IMPORTER_FILE_TRANSITIONS, importer_file.status),
        },
    )


def _importer_action(request, pk, form_class, act, success):
    importer_file = get_object_or_404(ImporterVehicleFile, pk=pk)
    return post_action(
        request,
        form_class,
        lambda form: act(importer_file, form.cleaned_data),
        success,
        reverse("parking_badges:importer_file", args=[pk]),
    )


@require_POST
@permission_required("open_importer_vehicles")
def importer_release(request, pk: int):
    return _importer_action(
        request, pk, forms.ImporterReleaseForm,
        lambda f, data: services.importer_file_release(
            importer_file=f, actor=request.user, **data
        ),
        _("Customs release recorded; restriction 11 is on the vehicle."),
    )  # fmt: skip


@require_POST
@permission_required("open_importer_vehicles")
def importer_print(request, pk: int):
    def act(importer_file, data):
        if services.importer_licence_printed(
            importer_file=importer_file, actor=request.user, **data
        ):
            raise ValidationError(
                _("Wrong amount on the licence: cancel the print and print it again.")
            )

    return _importer_action(request, pk, forms.ImporterPrintForm, act, _("Licence print recorded."))


@require_POST
@permission_required("open_importer_vehicles")
def importer_close(request, pk: int):
    return _importer_action(
        request, pk, forms.ImporterCloseForm,
        lambda f, data: services.importer_file_close(
            importer_file=f, actor=request.user, **data
        ),
        _("Vehicle file closed."),
    )  # fmt: skip
