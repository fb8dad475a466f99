"""Demo users for development: the one password and the helper every app's demo.py uses."""

import json

from django.conf import settings

from .models import User
from .services import user_grant_role

USERS_FILE = settings.BASE_DIR / "fixtures" / "demo" / "users.json"


def demo_users_data() -> dict:
    return json.loads(USERS_FILE.read_text(encoding="utf-8"))


def demo_user(*, username: str, role: str | None = None, **fields) -> User:
    """Get or create a demo user with the demo password, holding `role` if given."""
    user, created = User.objects.get_or_create(username=username, defaults=fields)
    if created:
        user.set_password(demo_users_data()["password"])
        user.save(update_fields=["password"])
    if role:
        user_grant_role(user=user, role=role, actor=None, reason="demo data")
    return user
