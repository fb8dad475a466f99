"""The notices as the importer reads them (CUS-80, CUS-83): official Hebrew documents, as a page
and as a PDF (taxportal.pdf), for the case's staff and its agent; anyone else gets 404."""

from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from taxportal.pdf import pdf_response
from taxportal.permissions import permission_required
from taxportal.roles import perm

from .. import selectors
from ..choices import ImporterOption, NoticeKind
from ..models import CommercialNotice
from .common import AGENT, STAFF, agent_of

TEMPLATE = "customs_valuation/commercial/notice.html"
STYLESHEET = "customs_valuation/commercial_notice.css"


def _notice(request, pk) -> CommercialNotice:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    notice = (
        CommercialNotice.objects.select_related(
            "case__entry__importer", "case__entry__agent", "case__customs_house", "issued_by"
        )
        .filter(pk=pk)
        .first()
    )
    if notice is None:
        raise Http404
    user = request.user
    if any(user.has_perm(perm(c)) for c in STAFF):
        selectors.case_for_staff(user, notice.case_id)
    else:
        selectors.case_for_agent(agent_of(request), notice.case_id)
    return notice


def context(notice: CommercialNotice, printable: bool) -> dict:
    return {
        "notice": notice,
        "case": notice.case,
        "entry": notice.case.entry,
        "printable": printable,
        "is_not_satisfied": notice.kind == NoticeKind.NOT_SATISFIED,
        "is_deficit": notice.kind == NoticeKind.DEFICIT,
        "options": ImporterOption.choices,
    }


def render_notice(request, notice, printable: bool) -> str:
    with translation.override("he"):
        return render_to_string(TEMPLATE, context(notice, printable), request=request)


@permission_required(*STAFF, AGENT)
def notice_page(request, pk):
    return HttpResponse(render_notice(request, _notice(request, pk), printable=False))


@permission_required(*STAFF, AGENT)
def notice_pdf(request, pk):
    notice = _notice(request, pk)
    with translation.override("he"):
        return pdf_response(
            TEMPLATE,
            context(notice, printable=True),
            f"{notice.case.entry.number}-{notice.pk}.pdf",
            request,
            inline=True,
            stylesheets=[STYLESHEET],
        )
