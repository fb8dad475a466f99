from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .login import StaffLoginView
from .sessions import session_expired

urlpatterns = [
    path("", views.home, name="home"),
    path("terms/", views.terms, name="terms"),
    path("accounts/login/", StaffLoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/session-expired/", session_expired, name="session_expired"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("registration/", include("registration.urls")),
    path("badges/", include("parking_badges.urls")),
    path("customs/", include("customs_valuation.urls")),
    path("garnishment/", include("garnishment.urls")),
    path("api/badges/", include("parking_badges.api_urls")),
    path("api/customs/", include("customs_valuation.api_urls")),
    path("api/garnishment/", include("garnishment.api_urls")),
]
