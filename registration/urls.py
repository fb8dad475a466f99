from django.urls import path

from . import views

app_name = "registration"
urlpatterns = [
    path("", views.start, name="start"),
    path("questions/<slug:step>/", views.step, name="step"),
    path("code/", views.code, name="code"),
    path("password/", views.password, name="password"),
    path("done/", views.done, name="done"),
    path("expired/", views.expired, name="expired"),
    path("locked/", views.locked, name="locked"),
    path("smart-card/", views.smart_card, name="smart_card"),
    path("login/", views.citizen_login, name="login"),
    path("verify/<str:token>/", views.verify_contact, name="verify_contact"),
    path("personal-area/", views.personal_area, name="personal_area"),
    path("personal-area/contact/", views.update_contact, name="update_contact"),
]
