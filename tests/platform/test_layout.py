"""Hebrew first, right to left, with a working English switch and an accessible frame."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_is_hebrew_and_right_to_left(client):
    html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert '<html lang="he" dir="rtl">' in html
    assert "bootstrap.rtl.min.css" in html
    assert 'href="#content"' in html  # skip-to-content link
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_language_switch_to_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "Tax Authority online services" in html
    assert "bootstrap.min.css" in html


def test_login_errors_are_linked_to_their_fields(client):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert 'href="#id_username"' in html
    assert 'id="id_username"' in html


def test_terms_page_exists(client):
    assert client.get(reverse("terms")).status_code == 200
