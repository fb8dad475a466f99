"""Notices as the importer reads them: Hebrew documents, as a page and as a PDF."""

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import translation

from registration import levels
from taxportal.permissions import permission_required
from taxportal.roles import perm

from .. import selectors
from ..models import DecisionKind
from .common import STAFF

# --- Notices (HTML and PDF) -----------------------------------------------------------------


def _notice_for(request, pk, decision_id):
    user = request.user
    if any(user.has_perm(perm(c)) for c in STAFF):
        case = selectors.case_for_staff(pk)
    else:
        case = selectors.case_for_importer(pk, user)
    decision = get_object_or_404(case.decisions.select_related("decided_by"), pk=decision_id)
    if not decision.is_notice:
        raise Http404
    return case, decision


def _notice_html(request, case, decision, printable: bool) -> str:
    """Notices to the importer are official documents: always in Hebrew."""
    policy = selectors.policy(case.valuation_date)
    with translation.override("he"):
        return render_to_string(
            "customs_valuation/notice.html",
            {
                "case": case,
                "decision": decision,
                "policy": policy,
                "printable": printable,
                "signatories": selectors.notice_signatories(case, decision),
                "lines": decision.worksheet.get("lines", []),
                "cost_lines": decision.worksheet.get("cost_lines", []),
                "is_intent": decision.kind == DecisionKind.NOTICE_OF_INTENT,
                "is_disqualification": decision.kind
                in {DecisionKind.DISQUALIFIED, DecisionKind.VALUE_SET},
                "is_appeal_decision": decision.kind == DecisionKind.APPEAL_DECIDED,
                "is_settlement": decision.kind == DecisionKind.GUARANTEE_SETTLED,
            },
            request=request,
        )


@permission_required(*STAFF, "use_personal_area")
@levels.high_level_required
def notice(request, pk, decision_id):
    case, decision = _notice_for(request, pk, decision_id)
    return HttpResponse(_notice_html(request, case, decision, printable=False))


@permission_required(*STAFF, "use_personal_area")
@levels.high_level_required
def notice_pdf(request, pk, decision_id):
    from weasyprint import CSS, HTML

    case, decision = _notice_for(request, pk, decision_id)
    html = _notice_html(request, case, decision, printable=True)
    # The page links its stylesheet; the PDF is given the same file from the static files.
    stylesheet = CSS(filename=finders.find("customs_valuation/notice.css"))
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        stylesheets=[stylesheet]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{case.reference}-{decision.pk}.pdf"'
    return response
