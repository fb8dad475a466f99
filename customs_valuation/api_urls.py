from django.urls import path

from . import api

app_name = "customs_valuation_api"
urlpatterns = [
    path("vehicle-quotes/", api.VehicleQuoteView.as_view(), name="vehicle_quote"),
]
