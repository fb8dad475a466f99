"""The API page in a browser, under the portal's own strict Content-Security-Policy (no inline
script or style, no eval): Swagger UI starts from the static files and lists every operation of
the document."""

import pytest
import yaml

from taxportal.roles import Role
from tests.api.test_contract import DOCUMENT
from tests.conftest import AXE
from tests.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_page_works_under_a_strict_csp(chromium, live_server, page, make_user, browser_login):
    user = make_user(Role.THIRD_PARTY_SUBMITTER)
    # A context that enforces the policy the portal sends (the `page` fixture bypasses it so
    # that axe-core can be injected).
    context = chromium.new_context(base_url=live_server.url, locale="he-IL")
    strict = context.new_page()
    refused = []
    strict.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    try:
        strict.goto("/accounts/login/")
        strict.fill("input[name=username]", user.username)
        strict.fill("input[name=password]", TEST_PASSWORD)
        with strict.expect_navigation():
            strict.click("main form button[type=submit]")
        response = strict.goto("/api/docs/")
        policy = response.headers["content-security-policy"]
        # The header's directives come in no fixed order.
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["style-src"] == "'self'" and "unsafe-inline" not in policy
        strict.wait_for_selector("#swagger-ui .opblock")
        assert strict.locator("#swagger-ui .opblock").count() == _operations_in_the_document()
        assert refused == []
    finally:
        context.close()
    browser_login(user)
    page.goto("/api/docs/")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run({exclude: [['#swagger-ui']]})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    )
    assert violations == []


def _operations_in_the_document() -> int:
    """Every operation docs/openapi.yaml describes (a path's get, post, ...): Swagger UI shows
    each as one block."""
    document = yaml.safe_load(DOCUMENT.read_text())
    verbs = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return sum(len(verbs & set(item)) for item in document["paths"].values())
