from django.urls import path

from . import views

app_name = "customs_valuation"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("appeals/", views.appeals, name="appeals"),
    path("cases/new/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/data/", views.case_edit, name="case_edit"),
    path("cases/<int:pk>/do/<slug:action>/", views.case_action, name="case_action"),
    path("cases/<int:pk>/documents/<int:document_id>/", views.document, name="document"),
    path("my/<int:pk>/documents/<int:document_id>/", views.my_document, name="my_document"),
    path("cases/<int:pk>/notices/<int:decision_id>/", views.notice, name="notice"),
    path("cases/<int:pk>/notices/<int:decision_id>/pdf/", views.notice_pdf, name="notice_pdf"),
    path("my/", views.my_cases, name="my_cases"),
    path("my/<int:pk>/", views.my_case, name="my_case"),
    path("my/<int:pk>/upload/", views.my_case_upload, name="my_case_upload"),
    path("my/<int:pk>/answer/", views.my_case_answer, name="my_case_answer"),
    path("my/<int:pk>/appeal/", views.my_case_appeal, name="my_case_appeal"),
]
