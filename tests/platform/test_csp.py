"""A strict Content-Security-Policy and a Permissions-Policy on every response, and every page
of the README's walk-throughs working under them: 0 violations in a real browser."""

import pytest
from django.core.management import call_command

from taxportal.models import User
from taxportal.roles import START_PAGES

DEMO_PASSWORD = "demo-pass-2026"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/registration/", "/accounts/login/", "/api/badges/check/"])
def test_every_response_carries_the_policies(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline': no inline script
    assert directives["style-src"] == "'self'"  # no inline style either
    assert directives["frame-ancestors"] == "'none'"
    assert "camera=()" in response["Permissions-Policy"]


# The walk-throughs of the README, page by page: (demo user or None, paths). "{start}" is the
# user's start page; "{...}" names are filled from the demo data.
WALKTHROUGHS = [
    (None, ["/", "/terms/", "/accounts/login/", "/registration/login/", "/registration/"]),
    (
        "citizen",
        [
            "/registration/personal-area/",
            "/registration/personal-area/contact/",
            "/badges/my/",
            "/customs/my/",
            "/customs/my/{case}/",
            "/customs/my/{case}/answer/",
            "/customs/cases/{notice}/",
        ],
    ),
    ("mobility_clerk", ["{start}", "/badges/print-files/", "/badges/applications/new/"]),
    ("licensing_clerk", ["{start}", "/badges/fees/", "{letter}"]),
    ("doctor", ["{start}"]),
    ("inspector", ["{start}", "/badges/enforcement/"]),
    ("call_centre", ["{start}"]),
    ("importer_clerk", ["{start}"]),
    (
        "customs_officer",
        [
            "{start}",
            "/customs/cases/{case}/",
            "/customs/cases/{case}/do/decide/",
            "/customs/cases/{notice}/",
        ],
    ),
    ("import_supervisor", ["{start}"]),
    ("appeal_member", ["{start}"]),
    (
        "customs_agent",
        [
            "{start}",
            "/customs/declarations/agent/declarations/",
            "/customs/declarations/agent/suppliers/",
            "/customs/declarations/agent/entries/new/",
            "/customs/declarations/agent/inbox/",
        ],
    ),
    ("customs_valuer", ["{start}", "/customs/declarations/declarations/{declaration}/"]),
    ("valuation_unit", ["{start}"]),
    (
        "bank_submitter",
        [
            "{start}",
            "/garnishment/reports/{report}/",
            "/garnishment/recognition/",
            "/garnishment/schedule/",
            "/api/docs/",
        ],
    ),
    ("authority_finance", ["{start}", "/garnishment/statements/"]),
    ("admin", ["{start}", "/admin/registration/taxpayerrecord/", "/admin/taxportal/apitoken/"]),
]

COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_readme_walkthroughs_have_no_csp_violation(chromium, live_server):
    from customs_valuation.declarations.models import ImporterDeclaration
    from customs_valuation.models import NOTICE_KINDS, Decision, ValuationCase
    from garnishment.models import Report
    from parking_badges.models import OwnershipTransfer

    call_command("load_demo", force=True, verbosity=0)
    case = ValuationCase.objects.get(chassis_number="DEMO1HGCM82633A004352")
    notice = Decision.objects.filter(kind__in=NOTICE_KINDS, case__importer_national_id="534640974")
    # BADGE-35's printable letter: a buyer with neither phone nor e-mail (none in the demo).
    transfer = OwnershipTransfer.objects.order_by("pk").first()
    OwnershipTransfer.objects.filter(pk=transfer.pk).update(buyer_phone="", buyer_email="")
    transfer.refresh_from_db()
    names = {
        "case": case.pk,
        "notice": f"{notice.values_list('case_id', flat=True).first()}/notices/"
        f"{notice.values_list('pk', flat=True).first()}",
        "report": Report.objects.filter(third_party__submitters__user__username="bank_submitter")
        .values_list("pk", flat=True)
        .first(),
        "declaration": ImporterDeclaration.objects.values_list("pk", flat=True).first(),
        "letter": f"/badges/fees/transfers/{transfer.pk}/letter/"
        f"{transfer.parties_needing_a_letter()[0]}/",
    }
    context = chromium.new_context(base_url=live_server.url, locale="he-IL")  # CSP enforced
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    violations = []
    visited = 0
    try:
        for username, paths in WALKTHROUGHS:
            context.clear_cookies()
            if username is not None:
                _log_in(page, User.objects.get(username=username))
            for path in paths:
                start = _start_page(username)
                url = path.format(start=start, **names)
                response = page.goto(url)
                assert response.status == 200, (username, url, response.status)
                violations += [f"{url}: {v}" for v in page.evaluate("window.__csp")]
                visited += 1
    finally:
        context.close()
    assert visited >= 45
    assert violations == [] and console == []


def _start_page(username):
    if username is None:
        return "/"
    from django.urls import reverse

    user = User.objects.get(username=username)
    for role, url_name in START_PAGES.items():
        if user.has_role(role):
            return reverse(url_name)
    return reverse("admin:index")


def _log_in(page, user):
    if user.username == "citizen":
        page.goto("/registration/login/")
        page.fill("input[name=national_id]", "534640974")
        page.fill("input[name=user_code]", "DANA2468")
    else:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
