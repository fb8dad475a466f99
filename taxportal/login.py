"""The staff and third parties' login (username + password). Citizens are sent to their own
login (REG-20); the number of wrong passwords is limited by django-axes per user and address."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.utils.translation import gettext_lazy as _

from .links import citizen_login_url, safe_next
from .roles import is_api_only, is_citizen_only

# What a citizen might type as a username: their identity number.
_IDENTITY_NUMBER = re.compile(r"^\s*\d{5,9}\s*$")


class StaffAuthenticationForm(AuthenticationForm):
    """Refuses citizens (and says where they log in) before any password is checked, so the
    form tells nothing about a citizen's password; refuses API-only accounts the same way as a
    wrong password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "citizen_account": _(
            "Citizens do not log in here. Log in at the citizen login with your identity "
            "number, user code and password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if _IDENTITY_NUMBER.match(username) or self._is_citizen(username):
            raise forms.ValidationError(
                self.error_messages["citizen_account"], code="citizen_account"
            )
        return super().clean()

    @staticmethod
    def _is_citizen(username: str) -> bool:
        user = get_user_model().objects.filter(username=username).first()
        return user is not None and is_citizen_only(user)

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if is_api_only(user):
            raise self.get_invalid_login_error()


class StaffLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = StaffAuthenticationForm
    redirect_authenticated_user = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        next_url = safe_next(self.request, self.get_redirect_url())
        context["citizen_login_url"] = citizen_login_url(next_url)
        context["citizen_refused"] = form.is_bound and any(
            error.code == "citizen_account" for error in form.non_field_errors().as_data()
        )
        return context
