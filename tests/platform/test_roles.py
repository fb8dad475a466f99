"""Roles are groups with permissions; each role lands on its own work and nobody else's."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from taxportal.roles import ROLE_PERMISSIONS, START_PAGES, Role

pytestmark = pytest.mark.django_db

# Each role's own start page, and the permission that guards it.
GUARDED_PAGES = {url: role for role, url in START_PAGES.items() if role != Role.ADMINISTRATOR}


def test_every_role_is_a_group_with_its_permissions():
    for role, codenames in ROLE_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        assert set(group.permissions.values_list("codename", flat=True)) == set(codenames)


@pytest.mark.parametrize("role", list(Role))
def test_home_sends_each_role_to_its_start_page(client_as, role):
    client = client_as(role)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse(START_PAGES[role])
    if role != Role.ADMINISTRATOR:
        assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_a_role_gets_403_on_every_other_roles_pages(client_as, role):
    client = client_as(role)
    own = set(ROLE_PERMISSIONS[role])
    for url_name, owner in GUARDED_PAGES.items():
        if set(ROLE_PERMISSIONS[owner]) & own:
            continue
        assert client.get(reverse(url_name)).status_code == 403, (role, url_name)


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("parking_badges:queue"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
