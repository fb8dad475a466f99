from datetime import date

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils import translation

from .pdf import pdf_response
from .permissions import CITIZEN_PERMISSION, permission_required
from .selectors import receipt_of, start_page_for


def home(request):
    """Visitors see what the portal offers; a logged-in user goes straight to their work."""
    start = start_page_for(request.user)
    if start:
        return redirect(start)
    return render(request, "home.html")


def terms(request):
    return render(request, "terms.html")


def accessibility(request):
    """The accessibility statement the service-accessibility regulations require (IS 5568)."""
    return render(
        request,
        "footer/accessibility.html",
        {
            "coordinator_name": settings.ACCESSIBILITY_COORDINATOR_NAME,
            "coordinator_phone": settings.ACCESSIBILITY_COORDINATOR_PHONE,
            "coordinator_email": settings.ACCESSIBILITY_COORDINATOR_EMAIL,
            "reviewed_on": date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_REVIEWED),
        },
    )


def privacy(request):
    return render(request, "footer/privacy.html", {"privacy_email": settings.PRIVACY_OFFICER_EMAIL})


def contact(request):
    return render(
        request,
        "footer/contact.html",
        {
            "help_phone": settings.HELP_PHONE,
            "help_email": settings.HELP_EMAIL,
            "coordinator_email": settings.ACCESSIBILITY_COORDINATOR_EMAIL,
        },
    )


RECEIPT_STYLESHEET = "taxportal/receipt.css"


@permission_required(CITIZEN_PERMISSION)
def receipt(request, pk):
    """Issue 15: the receipt for what the citizen sent; only its owner opens it (else 404)."""
    found = receipt_of(request.user, pk)
    return render(request, "receipts/receipt.html", {"receipt": found, "printable": False})


@permission_required(CITIZEN_PERMISSION)
def receipt_pdf(request, pk):
    """A copy of the receipt as a PDF, in Hebrew, right to left."""
    found = receipt_of(request.user, pk)
    with translation.override("he"):
        return pdf_response(
            "receipts/receipt_pdf.html",
            {"receipt": found, "printable": True},
            f"{found.reference}.pdf",
            request,
            stylesheets=[RECEIPT_STYLESHEET],
        )
