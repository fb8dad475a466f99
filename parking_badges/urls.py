from datetime import date

from django.urls import path, register_converter

from . import citizen_views, views
from .fee_urls import urlpatterns as fee_urlpatterns


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return date.fromisoformat(value)
        except ValueError as error:
            raise ValueError(value) from error

    def to_url(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else value


register_converter(IsoDateConverter, "isodate")

app_name = "parking_badges"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("applications/new/", views.application_new, name="application_new"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
    path(
        "applications/<int:pk>/send-to-doctor/",
        views.application_send_to_doctor,
        name="application_send_to_doctor",
    ),
    path(
        "applications/<int:pk>/documents/",
        views.application_add_documents,
        name="application_add_documents",
    ),
    path(
        "applications/<int:pk>/health-ministry-approval/",
        views.application_health_approval,
        name="application_health_approval",
    ),
    path(
        "applications/<int:pk>/institute-answer/",
        views.application_institute_answer,
        name="application_institute_answer",
    ),
    path("applications/<int:pk>/appeal/", views.application_appeal, name="application_appeal"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path("holders/", views.holder_search, name="holder_search"),
    path("holders/<int:pk>/", views.holder_detail, name="holder"),
    path("holders/<int:pk>/vehicles/", views.holder_add_vehicle, name="holder_add_vehicle"),
    path(
        "holders/<int:pk>/vehicles/<int:entry_pk>/remove/",
        views.holder_remove_vehicle,
        name="holder_remove_vehicle",
    ),
    path("holders/<int:pk>/print/", views.holder_print, name="holder_print"),
    path("holders/<int:pk>/death/", views.holder_death, name="holder_death"),
    path(
        "holders/<int:pk>/badges/<int:badge_pk>/returned/",
        views.holder_badge_returned,
        name="holder_badge_returned",
    ),
    path("print-files/", views.print_files, name="print_files"),
    path(
        "print-files/<isodate:for_date>/download/",
        views.print_file_download,
        name="print_file_download",
    ),
    path("doctor-queue/", views.doctor_queue, name="doctor_queue"),
    path("doctor-queue/<int:pk>/", views.doctor_decide, name="doctor_decide"),
    path("status-search/", views.status_search, name="status_search"),
    path("check/", views.check, name="check"),
    path("my/", citizen_views.my_badge, name="my_badge"),
]
urlpatterns += fee_urlpatterns
