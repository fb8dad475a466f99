from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from . import api_schema, health, views
from .login import StaffLoginView
from .sessions import session_expired

urlpatterns = [
    path("", views.home, name="home"),
    path("terms/", views.terms, name="terms"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("contact/", views.contact, name="contact"),
    path("receipts/<int:pk>/", views.receipt, name="receipt"),
    path("receipts/<int:pk>/pdf/", views.receipt_pdf, name="receipt_pdf"),
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("accounts/login/", StaffLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/session-expired/", session_expired, name="session_expired"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("registration/", include("registration.urls")),
    path("badges/", include("parking_badges.urls")),
    path("customs/declarations/", include("customs_valuation.declarations.urls")),
    path("customs/commercial/", include("customs_valuation.commercial.urls")),
    path("customs/", include("customs_valuation.urls")),
    path("garnishment/", include("garnishment.urls")),
    path("api/badges/", include("parking_badges.api_urls")),
    path("api/customs/declarations/", include("customs_valuation.declarations.api_urls")),
    path("api/customs/commercial/", include("customs_valuation.commercial.api_urls")),
    path("api/customs/", include("customs_valuation.api_urls")),
    path("api/garnishment/", include("garnishment.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", api_schema.api_docs, name="api_docs"),
]

# Under /api/ an error is a problem (taxportal.problems); elsewhere the usual page.
handler400 = "taxportal.problems.bad_request"
handler403 = "taxportal.problems.permission_denied"
handler404 = "taxportal.problems.page_not_found"
handler500 = "taxportal.problems.server_error"
