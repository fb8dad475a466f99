from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("personal-area/", views.personal_area, name="personal_area"),
]
