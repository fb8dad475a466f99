"""The authority's finance clerk: the start page (statements, payments) and the answers export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from taxportal.permissions import permission_required
from taxportal.queues import export_links

from .. import exports, selectors, services
from ..forms import AnswersReportForm, NoticeForm, PaymentForm
from .common import PAY, REPORTS_PER_PAGE
from .statements import _statement_list


@permission_required(PAY)
def authority_home(request):
    """The finance clerk's start page: what is owed, record a payment, tell a third party that
    the authority serves it electronically, ask for answers."""
    authority = selectors.authority_of(request.user)
    arrangements, published = selectors.served_and_published(authority) if authority else ([], None)
    served = [arrangement.third_party for arrangement in arrangements]
    action = request.POST.get("action") if request.method == "POST" else None
    payment_form = PaymentForm(
        request.POST if action == "payment" else None, authority=authority, served=served
    )
    notice_form = NoticeForm(request.POST if action == "notice" else None, published=published)
    if authority is not None and action == "payment" and payment_form.is_valid():
        try:
            services.payment_record(
                authority=authority, actor=request.user, **payment_form.cleaned_data
            )
        except ValidationError as refusal:  # above what is due, not confirmed (GAR-9)
            payment_form.add_error("amount", refusal)
        else:
            messages.success(request, _("Payment recorded."))
            return redirect("garnishment:authority_home")
    if authority is not None and action == "notice" and notice_form.is_valid():
        services.arrangement_record(
            authority=authority,
            actor=request.user,
            reason="notice of electronic service",
            **notice_form.cleaned_data,
        )
        messages.success(request, _("Notice recorded."))
        return redirect("garnishment:authority_home")
    queue_form, pager, export = _statement_list(request, authority=authority)
    if export is not None:
        return export
    rows = selectors.with_paid(pager.items)
    return render(
        request,
        "garnishment/authority_home.html",
        {
            "authority": authority,
            "pager": pager,
            "rows": rows,
            "queue_form": queue_form,
            "export_links": export_links(request),
            "payment_form": payment_form,
            "notice_form": notice_form,
            "arrangements": arrangements,
            "answers_form": AnswersReportForm(authority=authority, served=served),
            "unmatched_payments": (
                selectors.unmatched_payments(authority)[:REPORTS_PER_PAGE] if authority else []
            ),
        },
    )


@permission_required(PAY)
def answers_csv(request):
    """The answers to the authority's orders over a period of up to three years (GAR-10)."""
    authority = selectors.authority_of(request.user)
    form = AnswersReportForm(request.GET or None, authority=authority)
    if authority is None or not form.is_valid():
        return render(
            request, "garnishment/answers_form.html", {"form": form, "authority": authority}
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    lines = selectors.answers(authority, start, end, form.cleaned_data["third_party"])
    return exports.csv_response(
        f"answers-{authority.code}-{start:%Y%m%d}-{end:%Y%m%d}.csv",
        exports.ANSWER_HEADER,
        exports.answer_rows(lines),
    )
