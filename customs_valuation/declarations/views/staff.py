"""The valuer's queue and the valuation unit's database view."""

from django.shortcuts import render

from taxportal.paging import paginate
from taxportal.permissions import permission_required

from .. import selectors


@permission_required("check_importer_declarations")
def queue(request):
    return render(
        request,
        "customs_valuation/declarations/queue.html",
        {"pager": paginate(request, selectors.suppliers_search(""))},
    )


@permission_required("control_supplier_database")
def database(request):
    return render(
        request,
        "customs_valuation/declarations/database.html",
        {"pager": paginate(request, selectors.suppliers_search(request.GET.get("q", "")))},
    )
