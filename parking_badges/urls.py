from datetime import date

from django.urls import path, register_converter

from . import views


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
    path(
        "applications/<int:pk>/extend-info/",
        views.application_extend_info,
        name="application_extend_info",
    ),
    path("applications/<int:pk>/close/", views.application_close, name="application_close"),
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
    path("fees/", views.fee_desk, name="fee_desk"),
    path("fees/vehicles/<str:number>/", views.fee_vehicle, name="fee_vehicle"),
    path("fees/vehicles/<str:number>/periods/", views.fee_period_add, name="fee_period_add"),
    path("fees/vehicles/<str:number>/exemption/", views.fee_exemption, name="fee_exemption"),
    path("fees/vehicles/<str:number>/transfer/", views.fee_transfer, name="fee_transfer"),
    path(
        "fees/transfers/<int:pk>/letter/<str:party>/",
        views.transfer_letter,
        name="transfer_letter",
    ),
    path("fees/vehicles/<str:number>/refund/", views.refund_new, name="refund_new"),
    path("fees/differences/<int:pk>/pay/", views.fee_difference_pay, name="fee_difference_pay"),
    path("fees/refunds/<int:pk>/", views.refund_detail, name="refund"),
    path("fees/refund-documents/<int:pk>/", views.refund_document, name="refund_document"),
    path("fees/refunds/<int:pk>/approve/", views.refund_approve, name="refund_approve"),
    path("fees/refunds/<int:pk>/reject/", views.refund_reject, name="refund_reject"),
    path("fees/refunds/<int:pk>/paid/", views.refund_paid, name="refund_paid"),
    path("importer/", views.importer, name="importer"),
    path("importer/<int:pk>/", views.importer_file, name="importer_file"),
    path("importer/<int:pk>/release/", views.importer_release, name="importer_release"),
    path("importer/<int:pk>/print/", views.importer_print, name="importer_print"),
    path("importer/<int:pk>/close/", views.importer_close, name="importer_close"),
    path("enforcement/", views.enforcement_files, name="enforcement_files"),
    path(
        "enforcement/<int:pk>/authority/<int:authority_pk>/",
        views.enforcement_download,
        name="enforcement_download",
    ),
    path("my/", views.my_badge, name="my_badge"),
    path("my/apply/", views.apply, name="apply"),
    path("my/new-badge/", views.my_new_badge, name="my_new_badge"),
    path("my/refund/", views.my_refund, name="my_refund"),
    path("my/applications/<int:pk>/documents/", views.my_documents, name="my_documents"),
    path("my/apply/check/", views.apply_check, name="apply_check"),
]
