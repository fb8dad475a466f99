from django.urls import path

from . import fee_views

urlpatterns = [
    path("fees/", fee_views.fee_desk, name="fee_desk"),
    path("fees/vehicles/<str:number>/", fee_views.fee_vehicle, name="fee_vehicle"),
    path("fees/vehicles/<str:number>/periods/", fee_views.fee_period_add, name="fee_period_add"),
    path("fees/vehicles/<str:number>/exemption/", fee_views.fee_exemption, name="fee_exemption"),
    path("fees/vehicles/<str:number>/transfer/", fee_views.fee_transfer, name="fee_transfer"),
    path("fees/vehicles/<str:number>/refund/", fee_views.refund_new, name="refund_new"),
    path("fees/differences/<int:pk>/pay/", fee_views.fee_difference_pay, name="fee_difference_pay"),
    path("fees/refunds/<int:pk>/", fee_views.refund_detail, name="refund"),
    path("fees/refunds/<int:pk>/approve/", fee_views.refund_approve, name="refund_approve"),
    path("fees/refunds/<int:pk>/reject/", fee_views.refund_reject, name="refund_reject"),
    path("fees/refunds/<int:pk>/paid/", fee_views.refund_paid, name="refund_paid"),
    path("importer/", fee_views.importer, name="importer"),
    path("importer/<int:pk>/", fee_views.importer_file, name="importer_file"),
    path("importer/<int:pk>/release/", fee_views.importer_release, name="importer_release"),
    path("importer/<int:pk>/print/", fee_views.importer_print, name="importer_print"),
    path("importer/<int:pk>/close/", fee_views.importer_close, name="importer_close"),
    path("enforcement/", fee_views.enforcement_files, name="enforcement_files"),
    path(
        "enforcement/<int:pk>/authority/<int:authority_pk>/",
        fee_views.enforcement_download,
        name="enforcement_download",
    ),
]
