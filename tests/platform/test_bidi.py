"""Issue 16: mixed Hebrew and English reads right. No page leaves a direction control open
(Django's Hebrew `truncatechars` ended the print files' hashes with a right-to-left override
that turned them around), and user data and codes are isolated from the text around them."""

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils.translation import gettext_noop

from parking_badges import services
from taxportal.audit import audit_record
from taxportal.roles import Role
from tests.parking_badges.factories import Holder

from .crawl import unbalanced_bidi

pytestmark = pytest.mark.django_db


class Texts(HTMLParser):
    """Every text node and attribute value of a page."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_data(self, data):
        self.found.append(data)

    def handle_starttag(self, tag, attrs):
        self.found.extend(value or "" for _name, value in attrs)


def unbalanced(html: str) -> list[str]:
    parser = Texts()
    parser.feed(html)
    return [text for text in parser.found if unbalanced_bidi(text)]


@pytest.mark.parametrize(
    "text, bad",
    [
        ("4097e1112e56bd1\u202e…", True),  # what Django's Hebrew truncatechars left
        ("\u2067Dana Cohen\u2069 (534640974)", False),
        ("\u202bשלום\u202c", False),
        ("a\u202c", True),
        ("\u2068x\u202ay\u2069", False),  # an isolate's end closes the embeddings inside it
        ("\u2069", True),
    ],
)
def test_issue_16_the_scan_finds_open_and_stray_controls(text, bad):
    assert unbalanced_bidi(text) is bad


def test_issue_16_print_files_page_leaves_no_direction_control_open(client_as):
    Holder()  # a badge waiting for the next file
    services.print_file_build(for_date=date(2026, 6, 1))
    client = client_as(Role.LICENSING_CLERK)
    client.cookies["django_language"] = "he"
    html = client.get(reverse("parking_badges:print_files")).content.decode()
    assert re.search(r"<code class=\"ltr\" title=\"[0-9a-f]{64}\">[0-9a-f]{16}…</code>", html)
    assert unbalanced(html) == []


def test_issue_16_holder_and_history_isolate_names_and_numbers(client_as):
    holder = Holder()
    client = client_as(Role.LICENSING_CLERK, first_name="Lior", last_name="Levi")
    audit_record(
        actor=client.user,
        action=gettext_noop("licence period recorded"),
        target=holder.person,
        reason="2026 paid at the post office",
    )
    client.cookies["django_language"] = "he"
    html = client.get(reverse("parking_badges:holder", args=[holder.person.pk])).content.decode()
    assert unbalanced(html) == []
    # Each history line: the moment and the person isolated from the Hebrew around them.
    assert re.search(
        r'<bdi class="ltr">\d\d/\d\d/\d{4} \d\d:\d\d</bdi> — <bdi>Lior Levi</bdi>: [^<(]+'
        r"\(<bdi>2026 paid at the post office</bdi>\)",
        html,
    )
