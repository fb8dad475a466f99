"""Every API: hashed tokens that expire and that an administrator rotates and revokes; throttles
per token and per address answering 429; the printing house reaches its API only."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from taxportal.models import ApiToken, User
from taxportal.roles import Role
from taxportal.tokens import api_token_issue, api_token_revoke, api_token_rotate

pytestmark = pytest.mark.django_db
CHECK = reverse("parking_badges_api:check")


def call(key, address="192.0.2.10"):
    api = APIClient(REMOTE_ADDR=address)
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api.get(CHECK, {"vehicle": "1300013"})


@pytest.fixture
def inspector(make_user):
    return make_user(Role.INSPECTOR)


def test_a_token_is_stored_only_as_a_digest(inspector):
    token, key = api_token_issue(user=inspector, name="inspector's device", actor=None)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM taxportal_apitoken")
        stored = repr(cursor.fetchall())
    secret = key.split(".", 1)[1]
    assert secret not in stored and key not in stored
    assert call(key).status_code == 200


def test_a_token_expires(inspector, settings):
    settings.API_TOKEN_LIFETIME = timedelta(days=90)
    _token, key = api_token_issue(user=inspector, name="device", actor=None)
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert call(key).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=90, minutes=1)):
        response = call(key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_rotated_or_revoked_token_stops_working(inspector):
    token, key = api_token_issue(user=inspector, name="device", actor=None)
    new, new_key = api_token_rotate(token=token, actor=None)
    assert call(key).status_code == 401
    assert call(new_key).status_code == 200
    api_token_revoke(token=new, actor=None, reason="lost")
    assert call(new_key).status_code == 401
    assert call("not-a-key").status_code == 401


def test_an_administrator_issues_rotates_and_revokes_in_the_admin(client, inspector):
    admin = User.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    add = reverse("admin:taxportal_apitoken_add")
    response = client.post(
        add, {"user": inspector.pk, "name": "press API", "lifetime_days": "30"}, follow=True
    )
    token = ApiToken.objects.get()
    shown = [str(m) for m in response.context["messages"]]
    key = next(m.rsplit(" ", 1)[1] for m in shown if token.prefix in m)
    assert call(key).status_code == 200
    assert token.expires_at.date() == (timezone.now() + timedelta(days=30)).date()
    changelist = reverse("admin:taxportal_apitoken_changelist")
    client.post(changelist, {"action": "rotate", "_selected_action": [token.pk]})
    assert call(key).status_code == 401
    live = ApiToken.objects.get(revoked_at__isnull=True)
    client.post(changelist, {"action": "revoke", "_selected_action": [live.pk]})
    assert not ApiToken.objects.filter(revoked_at__isnull=True).exists()
    delete = reverse("admin:taxportal_apitoken_delete", args=[token.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403


def _reset_throttles(*idents):
    for ident in idents:
        cache.delete(f"throttle_address_{ident}")


def test_the_apis_answer_429_past_the_rate_per_token(inspector, settings):
    settings.API_THROTTLE_RATES = {"token": "3/minute", "address": "1000/minute"}
    _reset_throttles("192.0.2.10")
    token, key = api_token_issue(user=inspector, name="device", actor=None)
    # The rate is kept per token id; SQLite gives a rolled-back test's id again.
    cache.delete(f"throttle_token_token-{token.pk}")
    assert [call(key).status_code for _ in range(4)] == [200, 200, 200, 429]
    # Another token of the same address is not slowed by it.
    _other, other_key = api_token_issue(user=inspector, name="second device", actor=None)
    assert call(other_key).status_code == 200


def test_the_apis_answer_429_past_the_rate_per_address(inspector, settings):
    settings.API_THROTTLE_RATES = {"token": "1000/minute", "address": "2/minute"}
    _reset_throttles("192.0.2.77", "192.0.2.78")
    keys = [api_token_issue(user=inspector, name=f"d{n}", actor=None)[1] for n in range(3)]
    statuses = [call(key, address="192.0.2.77").status_code for key in keys]
    assert statuses == [200, 200, 429]  # three tokens, one address
    assert call(keys[2], address="192.0.2.78").status_code == 200


def test_the_printing_house_reaches_its_api_only(client, db):
    from parking_badges.reference import PRINTING_HOUSE_GROUP

    press = User.objects.create_user("press", password="x")
    group, _ = Group.objects.get_or_create(name=PRINTING_HOUSE_GROUP)
    group.permissions.add(Permission.objects.get(codename="download_print_files"))
    press.groups.add(group)
    _token, key = api_token_issue(user=press, name="print files", actor=None)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    # The API answers it (404: no file for that day yet, not 401/403).
    assert api.get(reverse("parking_badges_api:print_file", args=["2026-06-01"])).status_code == 404
    # The web page does not, even with a session.
    client.force_login(press)
    page = client.get(reverse("parking_badges:print_file_download", args=["2026-06-01"]))
    assert page.status_code == 403


def test_operators_issue_an_integrators_token_by_command_never_a_citizens(inspector, make_user):
    out = io.StringIO()
    call_command("issue_api_token", inspector.username, "--name", "checker", stdout=out)
    key = out.getvalue().strip()
    assert call(key).status_code == 200
    assert ApiToken.objects.get().digest != key  # only its digest is kept
    with pytest.raises(CommandError, match="--rotate"):
        call_command("issue_api_token", inspector.username)
    out = io.StringIO()
    call_command("issue_api_token", inspector.username, "--rotate", stdout=out)
    assert call(key).status_code == 401 and call(out.getvalue().strip()).status_code == 200
    with pytest.raises(CommandError, match="citizen"):
        call_command("issue_api_token", make_user(Role.CITIZEN).username)
    with pytest.raises(CommandError, match="not an active account"):
        call_command("issue_api_token", "nobody")
