from django.urls import path

from . import views

app_name = "garnishment"
urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/original/", views.report_original, name="report_original"),
    path("reports/<int:pk>/remove/", views.report_remove, name="report_remove"),
    path("recognition/", views.recognition, name="recognition"),
    path("statements/", views.statements, name="statements"),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path("statements/<int:pk>/csv/", views.statement_csv, name="statement_csv"),
    path("statements/<int:pk>/pdf/", views.statement_pdf, name="statement_pdf"),
    path("authority-home/", views.authority_home, name="authority_home"),
    path("answers/", views.answers_csv, name="answers_csv"),
    path("schedule/", views.schedule, name="schedule"),
]
