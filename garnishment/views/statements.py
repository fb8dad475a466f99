"""Monthly statements, for both sides: the list, a statement, its CSV and PDF."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy

from taxportal.paging import QUEUE_COUNT_AHEAD, paginate
from taxportal.permissions import permission_required
from taxportal.queues import Column, export_format, export_links, export_response, in_chunks, terms
from taxportal.roles import perm

from .. import exports, selectors
from ..forms import StatementQueueForm
from ..lines import FIELD_LABELS
from .common import LINES_PER_PAGE, PAY, REPORTS_PER_PAGE, SUBMIT

STATEMENT_COLUMNS = [
    Column(gettext_lazy("Month"), lambda row: f"{row.statement.period:%m/%Y}"),
    Column(gettext_lazy("Authority"), lambda row: row.statement.authority_name),
    Column(gettext_lazy("Third party"), lambda row: row.statement.third_party_name),
    Column(gettext_lazy("Payable (NIS)"), lambda row: row.statement.payable_amount),
    Column(gettext_lazy("Withheld lines"), lambda row: row.statement.withheld_count),
    Column(gettext_lazy("Payment due"), lambda row: row.statement.due_on),
    Column(gettext_lazy("Paid (NIS)"), lambda row: row.paid),
    Column(gettext_lazy("Balance (NIS)"), lambda row: row.balance),
    Column(gettext_lazy("Produced at"), lambda row: row.statement.generated_at),
]


def _statement_list(request, *, third_party=None, authority=None):
    """One side's statements: the search form, and the page or the export of what is shown."""
    queue_form = StatementQueueForm(request.GET, authority_side=authority is not None)
    listed = []
    if third_party or authority:
        listed = selectors.statements_for(
            third_party=third_party,
            authority=authority,
            search=terms(queue_form),
            ordering=queue_form.ordering,
        )
    fmt = export_format(request) if request.method == "GET" and listed != [] else None
    if fmt:
        rows = in_chunks(listed, selectors.with_paid)
        name = f"statements-{timezone.localdate():%Y-%m-%d}"
        return queue_form, None, export_response(fmt, name, STATEMENT_COLUMNS, rows)
    count_up_to = QUEUE_COUNT_AHEAD if listed != [] else None
    pager = paginate(request, listed, per_page=REPORTS_PER_PAGE, count_up_to=count_up_to)
    return queue_form, pager, None


@permission_required(SUBMIT, PAY)
def statements(request):
    """Each side's statements; a side is looked up only for a user with its role (the role's
    permissions are read already, to let the user in)."""
    user = request.user
    third_party = selectors.third_party_of(user) if user.has_perm(perm(SUBMIT)) else None
    authority = selectors.authority_of(user) if user.has_perm(perm(PAY)) else None
    queue_form, pager, export = _statement_list(
        request, third_party=third_party, authority=authority
    )
    if export is not None:
        return export
    rows = selectors.with_paid(pager.items)
    return render(
        request,
        "garnishment/statements.html",
        {
            "pager": pager,
            "rows": rows,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "listed": bool(third_party or authority),
        },
    )


def _statement_context(request, pk):
    statement = selectors.statement_for_user(request.user, pk)
    paid = selectors.paid_for(statement)
    return {
        "statement": statement,
        "paid": paid,
        "row": selectors.Reconciled(statement, paid),
        "payments": selectors.payments_for(statement),
        "withheld": selectors.withheld_lines(statement).select_related("report")[:LINES_PER_PAGE],
        "field_labels": FIELD_LABELS,
    }


@permission_required(SUBMIT, PAY)
def statement_detail(request, pk):
    return render(request, "garnishment/statement_detail.html", _statement_context(request, pk))


@permission_required(SUBMIT, PAY)
def statement_csv(request, pk):
    statement = selectors.statement_for_user(request.user, pk)
    header, rows = exports.statement_rows(statement, selectors.paid_for(statement))
    return exports.csv_response(f"statement-{statement.pk}.csv", header, rows)


@permission_required(SUBMIT, PAY)
def statement_pdf(request, pk):
    return exports.pdf_response(
        "garnishment/statement_pdf.html",
        _statement_context(request, pk),
        f"statement-{pk}.pdf",
        request,
    )
