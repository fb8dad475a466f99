from django.urls import path

from . import api

app_name = "garnishment_api"
urlpatterns = [
    path("reports/", api.ReportCreate.as_view(), name="report_create"),
    path("reports/<int:pk>/", api.ReportDetail.as_view(), name="report_detail"),
]
