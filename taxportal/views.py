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
