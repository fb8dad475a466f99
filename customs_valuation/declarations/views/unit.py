"""The valuation unit's database view and a supplier's page for customs staff: status, data
(CUS-38), cancel and merge (CUS-53, CUS-54)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import forms, selectors
from ..choices import SupplierStatus
from ..models import Supplier
from ..services import suppliers as supplier_services
from ..services import unit as unit_services
from ..services.common import staff_kind
from .common import STAFF, TEMPLATES, UNIT, form_errors_from

SUPPLIER_FIELDS = ("name", "country", "address", "city", "postcode", "dealer_number")


@permission_required(UNIT)
def database(request):
    status = request.GET.get("status", "")
    return render(
        request,
        TEMPLATES + "database.html",
        {
            "pager": paginate(
                request, selectors.suppliers_for_unit(request.GET.get("q", ""), status)
            ),
            "to_correct": paginate(
                request, selectors.entries_for_staff(to_correct=True), param="correct_page"
            ),
            "statuses": SupplierStatus.choices,
            "chosen": status,
            "q": request.GET.get("q", ""),
        },
    )


def _supplier(number) -> Supplier:
    supplier = (
        Supplier.objects.select_related("country", "merged_into", "entered_by")
        .filter(pk=number)
        .first()
    )
    if supplier is None:
        raise Http404
    return supplier


def _page(request, supplier, status=200, **forms_in_use):
    editable = supplier_services.may_change_supplier(request.user, supplier)
    context = {
        "supplier": supplier,
        "changes": list(supplier.status_changes.select_related("actor")),
        "status_form": forms.SupplierStatusForm(),
        "data_form": forms.SupplierForm(
            initial={name: getattr(supplier, name) for name in SUPPLIER_FIELDS}
        )
        if editable
        else None,
        "is_unit": staff_kind(request.user) == "unit",
        "cancel_form": forms.ReasonForm(),
        "merge_form": forms.MergeForm(),
        **forms_in_use,
    }
    return render(request, TEMPLATES + "staff_supplier.html", context, status=status)


@permission_required(STAFF)
def supplier_detail(request, number):
    return _page(request, _supplier(number))


@require_POST
@permission_required(STAFF)
def supplier_action(request, number, action):
    supplier = _supplier(number)
    handlers = {
        "status": ("status_form", forms.SupplierStatusForm, _set_status),
        "data": ("data_form", forms.SupplierForm, _change),
        "cancel": ("cancel_form", forms.ReasonForm, _cancel),
        "merge": ("merge_form", forms.MergeForm, _merge),
    }
    if action not in handlers:
        raise Http404
    name, form_class, handler = handlers[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            handler(request.user, supplier, form.cleaned_data)
        except ValidationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, _("Done."))
            return redirect("customs_declarations:staff_supplier", number=supplier.pk)
    return _page(request, supplier, 400, **{name: form})


def _set_status(user, supplier, data):
    supplier_services.supplier_set_status(
        actor=user, supplier=supplier, status=data["status"], reason=data["reason"]
    )


def _change(user, supplier, data):
    supplier_services.supplier_change(actor=user, supplier=supplier, data=data)


def _cancel(user, supplier, data):
    unit_services.supplier_cancel(actor=user, supplier=supplier, reason=data["reason"])


def _merge(user, supplier, data):
    merged = list(Supplier.objects.filter(pk__in=data["merged"]))
    if len(merged) != len(set(data["merged"])):
        raise ValidationError({"merged": _("No supplier has one of these numbers.")})
    unit_services.suppliers_merge(
        actor=user, survivor=supplier, merged=merged, reason=data["reason"]
    )
