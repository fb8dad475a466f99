from django.urls import path

from . import views

app_name = "garnishment"
urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("authority-home/", views.authority_home, name="authority_home"),
]
