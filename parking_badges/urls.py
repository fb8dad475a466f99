from django.urls import path

from . import views

app_name = "parking_badges"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("doctor-queue/", views.doctor_queue, name="doctor_queue"),
    path("importer/", views.importer, name="importer"),
    path("status-search/", views.status_search, name="status_search"),
    path("check/", views.check, name="check"),
]
