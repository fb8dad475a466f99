"""The portal's pages plus the floor the queues are measured against: the bare base layout,
rendered for a logged-in user (session, user and the layout; no query of its own)."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from taxportal.urls import handler400, handler403, handler404, handler500
from taxportal.urls import urlpatterns as portal

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_required
def bare(request):
    return render(request, "base.html", {"title": "bench"})


urlpatterns = [path("bench/bare/", bare, name="bench_bare"), *portal]
