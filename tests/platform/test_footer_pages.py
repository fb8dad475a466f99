"""Issue 16: the footer links every page to the accessibility statement (with the coordinator's
contact, as the service-accessibility regulations require), the privacy notice, contact and help
and the terms, in Hebrew and in English."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

FOOTER = ["accessibility", "privacy", "contact", "terms"]


@pytest.mark.parametrize("name", FOOTER)
def test_issue_16_every_page_links_the_footer_pages(client, name):
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse(name)}"' in html
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    "language, title",
    [("he", "הצהרת נגישות"), ("en", "Accessibility statement")],
)
def test_issue_16_accessibility_statement_names_the_coordinator(client, settings, language, title):
    settings.ACCESSIBILITY_COORDINATOR_NAME = "Ruti Ben-David"
    settings.ACCESSIBILITY_COORDINATOR_PHONE = "03-1234567"
    settings.ACCESSIBILITY_COORDINATOR_EMAIL = "negishut@example.org"
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = "2026-11-01"
    client.cookies["django_language"] = language
    html = client.get(reverse("accessibility")).content.decode()
    assert f"<h1>{title}</h1>" in html
    assert "<bdi>Ruti Ben-David</bdi>" in html
    assert 'href="tel:03-1234567"' in html
    assert 'href="mailto:negishut@example.org"' in html
    assert "01/11/2026" in html  # the review date, as every date is shown


@pytest.mark.parametrize(
    "name, he, en",
    [
        ("privacy", "הודעת פרטיות", "Privacy notice"),
        ("contact", "יצירת קשר ועזרה", "Contact and help"),
    ],
)
def test_issue_16_footer_pages_in_both_languages(client, settings, name, he, en):
    settings.PRIVACY_OFFICER_EMAIL = "privacy@example.org"
    settings.HELP_EMAIL = "help@example.org"
    assert f"<h1>{he}</h1>" in client.get(reverse(name)).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(reverse(name)).content.decode()
    assert f"<h1>{en}</h1>" in html
    assert "mailto:privacy@example.org" in html or "mailto:help@example.org" in html
