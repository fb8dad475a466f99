from django.urls import path

from . import api
from .urls import IsoDateConverter  # noqa: F401 - registers the isodate converter

app_name = "parking_badges_api"
urlpatterns = [
    path("check/", api.BadgeCheckView.as_view(), name="check"),
    path("print-files/<isodate:for_date>/", api.PrintFileView.as_view(), name="print_file"),
    path(
        "print-files/<isodate:for_date>/receipt/",
        api.PrintFileReceiptView.as_view(),
        name="print_file_receipt",
    ),
]
