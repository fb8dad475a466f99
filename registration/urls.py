from django.urls import path

from .views import account, completion, wizard

app_name = "registration"
urlpatterns = [
    path("", wizard.start, name="start"),
    path("questions/<slug:step>/", wizard.step, name="step"),
    path("code/", completion.code, name="code"),
    path("password/", completion.password, name="password"),
    path("done/", completion.done, name="done"),
    path("expired/", completion.expired, name="expired"),
    path("locked/", completion.locked, name="locked"),
    path("smart-card/", completion.smart_card, name="smart_card"),
    path("login/", account.citizen_login, name="login"),
    path("verify/<str:token>/", account.verify_contact, name="verify_contact"),
    path(
        "contact-change/<str:token>/",
        account.cancel_contact_change,
        name="cancel_contact_change",
    ),
    path("personal-area/", account.personal_area, name="personal_area"),
    path("personal-area/contact/", account.update_contact, name="update_contact"),
    path(
        "personal-area/verification/<int:pk>/resend/",
        account.resend_verification,
        name="resend_verification",
    ),
]
