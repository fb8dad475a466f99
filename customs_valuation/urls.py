from django.urls import path

from . import views

app_name = "customs_valuation"
urlpatterns = [
    path("queue/", views.queue, name="queue"),
    path("appeals/", views.appeals, name="appeals"),
]
