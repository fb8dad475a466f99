from datetime import date

from django.conf import settings
from django.shortcuts import redirect, render

from .selectors import start_page_for


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
