from django.urls import path

from .api import declarations, filing, suppliers

app_name = "customs_declarations_api"
urlpatterns = [
    path("importers/", filing.ImporterList.as_view(), name="importers"),
    path("importers/<str:number>/", filing.ImporterDetail.as_view(), name="importer"),
    path("suppliers/", suppliers.SupplierListCreate.as_view(), name="suppliers"),
    path("suppliers/<int:number>/", suppliers.SupplierDetail.as_view(), name="supplier"),
    path("declarations/", declarations.DeclarationListCreate.as_view(), name="declarations"),
    path(
        "declarations/<int:number>/",
        declarations.DeclarationDetail.as_view(),
        name="declaration",
    ),
    path(
        "declarations/<int:number>/replacement/",
        declarations.DeclarationReplacement.as_view(),
        name="replacement",
    ),
    path(
        "declarations/<int:number>/documents/",
        declarations.DeclarationDocuments.as_view(),
        name="documents",
    ),
    path(
        "declarations/<int:number>/original-delivered/",
        declarations.OriginalDelivered.as_view(),
        name="original_delivered",
    ),
    path("entries/", filing.EntryFile.as_view(), name="entries"),
    path("entries/<str:number>/", filing.EntryDetail.as_view(), name="entry"),
    path("blocks/", filing.BlockList.as_view(), name="blocks"),
    path("notifications/", filing.NotificationList.as_view(), name="notifications"),
    path(
        "notifications/<int:pk>/read/", filing.NotificationRead.as_view(), name="notification_read"
    ),
]
