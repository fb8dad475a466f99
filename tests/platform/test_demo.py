"""The demo set loads in one command, twice without harm, with one user per role."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from taxportal.models import User
from taxportal.roles import START_PAGES, Role

pytestmark = pytest.mark.django_db


def test_load_demo_is_idempotent_and_covers_every_role(settings, client):
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    for role in Role:
        user = User.objects.filter(groups__name=role).first()
        assert user is not None, role
        if role == Role.CITIZEN:  # REG-20: identity number + user code + password, and only so
            assert not client.login(username=user.username, password="demo-pass-2026")
            assert client.login(
                national_id="534640974", user_code="DANA2468", password="demo-pass-2026"
            )
        else:
            assert client.login(username=user.username, password="demo-pass-2026")
        assert client.get(reverse("home")).url == reverse(START_PAGES[role])
        client.logout()


def test_load_demo_refuses_in_production(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("load_demo")
