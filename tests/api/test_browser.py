"""The API page in a browser, under a strict Content-Security-Policy (no inline script, no
eval): Swagger UI starts from the static files and lists every operation of the document."""

import pytest

from taxportal.roles import Role
from tests.conftest import AXE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'"
)


def test_api_page_works_under_a_strict_csp(page, make_user, browser_login):
    def with_csp(route):
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    refused = []
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    browser_login(make_user(Role.THIRD_PARTY_SUBMITTER))
    page.route("**/api/docs/", with_csp)
    page.goto("/api/docs/")
    page.wait_for_selector("#swagger-ui .opblock")
    assert page.locator("#swagger-ui .opblock").count() == 6
    assert refused == []
    page.unroute("**/api/docs/")  # axe-core is injected as an inline script
    page.goto("/api/docs/")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run({exclude: [['#swagger-ui']]})).violations"
        ".filter(v => ['serious', 'critical'].includes(v.impact)).map(v => v.id)"
    )
    assert violations == []
