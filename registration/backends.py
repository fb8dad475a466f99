"""Citizens log in with identity number + user code + password (REG-20)."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import check_password, make_password

from taxportal.validators import normalize_national_id

from . import rules
from .models import CitizenProfile

# Checked against when the number is unknown, so an unknown number costs the same time.
_UNUSABLE = make_password(None)


class CitizenBackend(ModelBackend):
    """Authenticates only when all three match; staff keep Django's ModelBackend."""

    def authenticate(self, request, national_id=None, user_code=None, password=None, **kwargs):
        if national_id is None or user_code is None or password is None:
            return None
        profile = (
            CitizenProfile.objects.select_related("user")
            .filter(user__national_id=normalize_national_id(national_id))
            .first()
        )
        code_ok = check_password(
            rules.normalize_user_code(user_code), profile.user_code_hash if profile else _UNUSABLE
        )
        if profile is None:
            check_password(password, _UNUSABLE)
            return None
        password_ok = profile.user.check_password(password)
        if code_ok and password_ok and self.user_can_authenticate(profile.user):
            return profile.user
        return None
