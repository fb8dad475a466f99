"""Citizens log in with identity number + user code + password (REG-20)."""

from taxportal.backends import PortalModelBackend
from taxportal.http import client_address
from taxportal.validators import normalize_national_id


class CitizenBackend(PortalModelBackend):
    """Authenticates only when all three match, within REG-11's login limits (checked and
    recorded by the service under a lock); staff keep username + password."""

    def authenticate(
        self, request, username=None, password=None, *, national_id=None, user_code=None, **kwargs
    ):
        if national_id is None or user_code is None or password is None:
            return None
        from .services import citizen_login_attempt

        result = citizen_login_attempt(
            national_id=normalize_national_id(national_id),
            user_code=user_code,
            password=password,
            remote_addr=client_address(request) if request is not None else None,
        )
        return result.user
