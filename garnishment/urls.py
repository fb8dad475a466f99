from django.urls import path

from .views import authority, recognition, reports, statements, tariff

app_name = "garnishment"
urlpatterns = [
    path("reports/", reports.reports, name="reports"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/original/", reports.report_original, name="report_original"),
    path("reports/<int:pk>/remove/", reports.report_remove, name="report_remove"),
    path("recognition/", recognition.recognition, name="recognition"),
    path("statements/", statements.statements, name="statements"),
    path("statements/<int:pk>/", statements.statement_detail, name="statement_detail"),
    path("statements/<int:pk>/csv/", statements.statement_csv, name="statement_csv"),
    path("statements/<int:pk>/pdf/", statements.statement_pdf, name="statement_pdf"),
    path("authority-home/", authority.authority_home, name="authority_home"),
    path("answers/", authority.answers_csv, name="answers_csv"),
    path("schedule/", tariff.schedule, name="schedule"),
]
