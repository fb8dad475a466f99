from django.urls import path

from . import api

app_name = "customs_declarations_api"
urlpatterns = [
    path("importers/", api.ImporterList.as_view(), name="importers"),
    path("suppliers/", api.SupplierListCreate.as_view(), name="suppliers"),
    path("suppliers/<int:number>/", api.SupplierDetail.as_view(), name="supplier"),
]
