"""Issue 16, in CI: every page of every role, in Hebrew and in English, at a 320 px viewport:
0 axe-core violations (WCAG 2.x A and AA), no sideways scrolling, no direction control left open,
no link the role is shown that it may not follow, and after an empty submit the error summary
has the focus. The pages are the README's walk-throughs and every list's first item, on the
demo data (`load_demo`), with one browser and one page per role (tests/platform/crawl.py).
"""

import pytest
from django.core.management import call_command

from . import crawl

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue_16_every_page_of_every_role_is_accessible_at_320_px(chromium, live_server):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    visits = []
    for username in crawl.README_PAGES:
        visits.extend(crawl.crawl(chromium, live_server.url, username))
    pages = {(v.user, v.path) for v in visits}
    roles = len(crawl.README_PAGES) - 1  # and the visitor
    print(
        f"\nAccessibility crawl: {len(visits)} page loads ({len(pages)} pages of {roles} roles "
        f"and the visitor, each in Hebrew and English) at 320 px"
    )
    assert crawl.report(visits) == ""
    # Every role reached more than its landing page in both languages.
    for username in crawl.README_PAGES:
        seen = [v for v in visits if v.user == username]
        assert {v.language for v in seen} == set(crawl.LANGUAGES), username
        assert len(seen) >= 4, username


def test_issue_16_the_admin_and_the_api_docs_are_accessible_at_320_px(chromium, live_server):
    call_command("load_demo", force=True, stdout=open("/dev/null", "w"))  # noqa: SIM115
    visits = crawl.admin_crawl(chromium, live_server.url)
    apps = {v.path.split("/")[2] for v in visits if v.path.count("/") >= 4}
    print(f"\nAdmin crawl: {len(visits)} page loads ({len(apps)} apps and /api/docs/) at 320 px")
    problems = crawl.report(visits)
    assert not problems, problems
    for language in crawl.LANGUAGES:
        paths = [v.path for v in visits if v.language == language]
        assert crawl.API_DOCS in paths and crawl.ADMIN_INDEX in paths
        assert any(path.endswith("/change/") for path in paths), language
    assert len(apps) >= 4  # the four apps at least, each with a list and a change form
