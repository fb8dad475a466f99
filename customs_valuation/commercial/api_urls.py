from django.urls import path

from . import api

app_name = "customs_commercial_api"
urlpatterns = [
    path("cases/", api.CaseList.as_view(), name="cases"),
    path("cases/<int:pk>/", api.CaseDetail.as_view(), name="case"),
    path("cases/<int:pk>/documents/", api.CaseDocuments.as_view(), name="documents"),
    path("cases/<int:pk>/choice/", api.CaseChoice.as_view(), name="choice"),
    path("cases/<int:pk>/damage/", api.CaseDamage.as_view(), name="damage"),
    path("assists/", api.Assists.as_view(), name="assists"),
    path("credit-notes/", api.CreditNotes.as_view(), name="credit_notes"),
]
