"""The crawl the CI runs over every page (issue 16): each demo role logs in, starts at its
landing page and the pages the README names, and follows the links it is shown, visiting each
kind of page (each URL name) once: so a list's first item stands for every item. Every page is
loaded at a 320 px viewport, in Hebrew and in English, and checked for

- axe-core violations (WCAG 2.0/2.1/2.2 A and AA rules, every impact);
- horizontal scrolling: the document no wider than the 320 px viewport (WCAG 1.4.10 reflow);
- unbalanced bidi controls: an embedding, override or isolate left open, or a stray close,
  in any text node or attribute (what `truncatechars` does to a directional override);
- a link the role is shown that answers 403 or 500.

Forms are also sent empty (`FAILED_SUBMITS`): the page that answers must be as accessible, and
its error summary must have the focus (the GOV.UK pattern, taxportal/static/taxportal/portal.js).

`tests/platform/test_crawl.py` runs it on the live server; this module knows no pytest, so the
same crawl can be pointed at a running development server while fixing pages.
"""

from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
WIDTH = 320
LANGUAGES = ("he", "en")
PASSWORD = "demo-pass-2026"  # fixtures/demo/users.json

# Where each demo user starts besides its landing page: the pages the README's walk-throughs
# name that no link on a page leads to (a search's result, a filtered view).
README_PAGES: dict[str | None, list[str]] = {
    None: [
        "/",
        "/accounts/login/",
        "/terms/",
        "/accessibility/",
        "/privacy/",
        "/contact/",
        "/registration/",
        "/registration/login/",
        "/registration/smart-card/",
        "/no-such-page/",
    ],
    "citizen": [
        "/registration/personal-area/",
        "/customs/my/",
        "/badges/my/apply/",
        "/badges/my/new-badge/",
        "/badges/my/refund/",
    ],
    "licensing_clerk": [
        "/badges/queue/?status=received",
        "/badges/holders/?national_id=534640974",
        "/badges/fees/",
        "/badges/fees/vehicles/3100001/",
        "/badges/fees/vehicles/9999999/",
        "/badges/print-files/",
    ],
    "mobility_clerk": ["/badges/applications/new/", "/badges/print-files/"],
    "doctor": [],
    "importer_clerk": ["/badges/importer/"],
    "call_centre": ["/badges/status-search/?national_id=534640974"],
    "inspector": [
        "/badges/check/?vehicle=1300013&printed_on=2023-11-18",
        "/badges/check/?vehicle=1300013",
        "/badges/enforcement/",
    ],
    "customs_officer": ["/customs/queue/", "/customs/cases/new/"],
    "import_supervisor": ["/customs/queue/"],
    "appeal_member": ["/customs/appeals/"],
    "customs_agent": ["/customs/declarations/agent/entries/new/", "/customs/commercial/agent/"],
    "customs_valuer": ["/customs/declarations/queue/", "/customs/commercial/queue/"],
    "valuation_unit": ["/customs/declarations/database/", "/customs/commercial/queue/"],
    "customs_chief": ["/customs/commercial/queue/"],
    "customs_director": ["/customs/commercial/freight-notices/"],
    "bank_submitter": ["/garnishment/reports/", "/garnishment/schedule/"],
    "authority_finance": ["/garnishment/authority-home/", "/garnishment/statements/"],
}

# Official documents, in Hebrew whatever the reader's language (customs notices, CUS-10).
HEBREW_DOCUMENTS = {"customs_valuation:notice", "customs_commercial:notice"}
# Forms sent empty, per user (None: a visitor): the page, and the submit button to press.
FAILED_SUBMITS: dict[str | None, list[tuple[str, str]]] = {
    None: [
        ("/accounts/login/", "main form button[type=submit]"),
        ("/registration/", "main form button[name=op][value=next]"),
        ("/registration/login/", "main form button[type=submit]"),
    ],
    "mobility_clerk": [("/badges/applications/new/", "main form button[type=submit]")],
    "licensing_clerk": [("/badges/fees/", "main form[role=search] button[type=submit]")],
    "inspector": [("/badges/check/", "main form button[type=submit]")],
    "customs_officer": [("/customs/cases/new/", "main form button[type=submit]")],
    "bank_submitter": [("/garnishment/reports/", "main form button[type=submit]")],
}
# Never followed: leaving, switching language, the admin and the API (`admin_crawl` visits the
# admin and the API's documentation).
SKIP_PREFIXES = ("/accounts/logout/", "/i18n/", "/admin/", "/api/", "/static/", "/media/")
# Views that answer a file, not a page.
DOWNLOADS = {
    "parking_badges:document",
    "parking_badges:evidence",
    "parking_badges:print_file_download",
    "parking_badges:enforcement_download",
    "parking_badges:refund_document",
    "receipt_pdf",
    "customs_valuation:document",
    "customs_valuation:my_document",
    "customs_valuation:notice_pdf",
    "customs_commercial:notice_pdf",
    "garnishment:report_original",
    "garnishment:statement_csv",
    "garnishment:statement_pdf",
    "garnishment:answers_csv",
}

OPENING = set("\u202a\u202b\u202d\u202e")  # embeddings and overrides, closed by U+202C
ISOLATES = set("\u2066\u2067\u2068")  # isolates, closed by U+2069


def unbalanced_bidi(text: str) -> bool:
    """Whether `text` leaves a direction control open, or closes one never opened (the same
    test as BIDI_SCAN runs in the browser, for a text node or an attribute)."""
    stack: list[str] = []
    for char in text:
        if char in OPENING:
            stack.append("E")
        elif char in ISOLATES:
            stack.append("I")
        elif char == "\u202c":
            if not stack or stack[-1] != "E":
                return True
            stack.pop()
        elif char == "\u2069":
            while stack and stack[-1] == "E":
                stack.pop()
            if not stack:
                return True
            stack.pop()
    return bool(stack)


BIDI_SCAN = r"""() => {
  const opening = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
  const isolating = new Set(['\u2066', '\u2067', '\u2068']);
  const problems = [];
  const check = (text, where) => {
    const stack = [];
    for (const c of text) {
      if (opening.has(c)) stack.push('E');
      else if (isolating.has(c)) stack.push('I');
      else if (c === '\u202C') {
        if (stack.length && stack[stack.length - 1] === 'E') stack.pop();
        else { problems.push(where + ': stray U+202C in ' + JSON.stringify(text)); return; }
      } else if (c === '\u2069') {
        while (stack.length && stack[stack.length - 1] === 'E') stack.pop();
        if (stack.length) stack.pop();
        else { problems.push(where + ': stray U+2069 in ' + JSON.stringify(text)); return; }
      }
    }
    if (stack.length) problems.push(where + ': unclosed bidi control in ' + JSON.stringify(text));
  };
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) check(walker.currentNode.data, walker.currentNode.parentNode.nodeName);
  for (const element of document.querySelectorAll('*'))
    for (const attribute of element.attributes) check(attribute.value, '@' + attribute.name);
  return problems;
}"""

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""

LINKS = """() => [...document.querySelectorAll('a[href]')]
  .filter(a => !a.hasAttribute('download'))
  .map(a => a.href)"""


@dataclass
class Visit:
    user: str | None
    language: str
    path: str
    status: int
    problems: list[str] = field(default_factory=list)


def view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def followable(url: str, origin: str) -> str | None:
    """The path (with its query) of a link worth following, or None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin:
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    name = view_name(parts.path)
    if name is None or name in DOWNLOADS:
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def log_in(page, username: str) -> None:
    """Staff at the staff login; the demo citizen only where citizens log in (REG-20), with the
    identity number and user code the README gives."""
    login = "/registration/login/" if username == "citizen" else "/accounts/login/"
    page.goto(login)
    if username == "citizen":
        page.fill("input[name=national_id]", "534640974")
        page.fill("input[name=user_code]", "DANA2468")
    else:
        page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if login in page.url:
        raise AssertionError(f"{username} could not log in")


def check_page(page, visit: Visit) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        wide = page.evaluate(
            """(width) => [...document.querySelectorAll('body *')]
              .filter(e => e.getBoundingClientRect().right > width + 1
                        || e.getBoundingClientRect().left < -1)
              .filter(e => {
                for (let a = e.parentElement; a; a = a.parentElement)
                  if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(a).overflowX)
                      && a !== document.documentElement && a !== document.body) return false;
                return true; })
              .slice(0, 3).map(e => e.tagName + '.' + e.className + ' ' +
                (e.textContent || '').trim().slice(0, 30))""",
            WIDTH,
        )
        visit.problems.append(f"{width} px wide: {wide}")
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    for violation in page.evaluate(AXE_RUN, AXE_TAGS):
        visit.problems.append(
            f"axe {violation['id']} ({violation['impact']}): {violation['help']} "
            f"at {violation['nodes']}"
        )
    visit.problems.extend(page.evaluate(BIDI_SCAN))


def failed_submit(page, visit: Visit, path: str, button: str) -> None:
    """Send the form at `path` empty: the answer shows the error summary, with the focus."""
    page.goto(path)
    with page.expect_navigation():
        page.click(button)
    page.wait_for_load_state("load")
    if not page.locator("#error-summary").count():
        visit.problems.append("no error summary after an empty submit")
        return
    focused = page.evaluate("document.activeElement && document.activeElement.id")
    if focused != "error-summary":
        visit.problems.append(f"the focus is on {focused!r}, not on the error summary")
    check_page(page, visit)


def crawl(browser, base_url: str, username: str | None, max_pages: int = 200) -> list[Visit]:
    """Every kind of page `username` (None: a visitor) reaches, in both languages."""
    visits: list[Visit] = []
    # axe-core is injected as an inline script, which the portal's Content-Security-Policy
    # refuses: the crawl lifts the policy for itself (test_csp.py walks the pages with it on).
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": WIDTH, "height": 640},
        locale="he-IL",
        bypass_csp=True,
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        if username:
            log_in(page, username)
        landing = urlsplit(page.url).path if username else "/"
        for language in LANGUAGES:
            context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
            queue = deque([landing, *README_PAGES.get(username, [])])
            seen_names: set[str] = set()
            seen_paths: set[str] = set()
            while queue and len(seen_paths) < max_pages:
                path = queue.popleft()
                name = view_name(path) or path
                explicit = path in README_PAGES.get(username, []) or path == landing
                if path in seen_paths or (name in seen_names and not explicit):
                    continue
                seen_paths.add(path)
                seen_names.add(name)
                response = page.goto(path)
                status = response.status if response else 0
                visit = Visit(username, language, path, status)
                visits.append(visit)
                expected_missing = path.startswith("/no-such-page") or path.endswith("9999999/")
                if status != 200 and not (status == 404 and expected_missing):
                    visit.problems.append(f"answered {status}")
                lang = page.evaluate("document.documentElement.lang")
                if lang != ("he" if name in HEBREW_DOCUMENTS else language):
                    visit.problems.append(f"page in {lang!r}, not {language!r}")
                check_page(page, visit)
                if status == 200:
                    for url in page.evaluate(LINKS):
                        target = followable(url, base_url.rstrip("/"))
                        if target and target not in seen_paths:
                            queue.append(target)
            for path, button in FAILED_SUBMITS.get(username, []):
                visit = Visit(username, language, f"{path} (sent empty)", 200)
                visits.append(visit)
                failed_submit(page, visit, path, button)
    finally:
        context.close()
    return visits


# The admin (Django's pages, with the portal's overrides in templates/admin/) and the API's
# documentation, which the crawl above never follows: the administrator visits the admin index,
# for each app a list and the change form of the list's first object, and /api/docs/.
ADMIN_USER = "admin"
ADMIN_INDEX = "/admin/"
API_DOCS = "/api/docs/"
ADMIN_LISTS = """() => [...document.querySelectorAll('#content-main .module')]
  .map(app => [...app.querySelectorAll('th[scope=row] a')].map(a => a.href))
  .filter(links => links.length)"""
ADMIN_FIRST_OBJECT = """() => {
  const link = document.querySelector('#result_list tbody th a, #result_list tbody td a');
  return link ? link.href : null; }"""
ADMIN_TRIES = 4  # lists tried per app for one with an object in it


def _visit(page, visits: list[Visit], user, language: str, path: str) -> None:
    response = page.goto(path)
    if path == API_DOCS:  # Swagger UI draws the operations after the page loads
        page.wait_for_selector("#swagger-ui .info")
    visit = Visit(user, language, path, response.status if response else 0)
    visits.append(visit)
    if visit.status != 200:
        visit.problems.append(f"answered {visit.status}")
    check_page(page, visit)


def admin_crawl(browser, base_url: str) -> list[Visit]:
    """The admin's index, a list and a change form per app, and /api/docs/, in both languages."""
    visits: list[Visit] = []
    origin = base_url.rstrip("/")
    # The admin and the docs enforce the Content-Security-Policy (tests/platform/test_csp.py):
    # bypassed here only so that axe-core can be injected.
    context = browser.new_context(
        base_url=base_url,
        viewport={"width": WIDTH, "height": 640},
        locale="he-IL",
        bypass_csp=True,
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        log_in(page, ADMIN_USER)
        for language in LANGUAGES:
            context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
            _visit(page, visits, ADMIN_USER, language, API_DOCS)
            _visit(page, visits, ADMIN_USER, language, ADMIN_INDEX)
            for lists in page.evaluate(ADMIN_LISTS):
                change_form = None
                for url in lists[:ADMIN_TRIES]:
                    _visit(page, visits, ADMIN_USER, language, url.removeprefix(origin))
                    change_form = page.evaluate(ADMIN_FIRST_OBJECT)
                    if change_form:
                        break
                if change_form:
                    _visit(page, visits, ADMIN_USER, language, change_form.removeprefix(origin))
    finally:
        context.close()
    return visits


def report(visits: list[Visit]) -> str:
    lines = []
    for visit in visits:
        for problem in visit.problems:
            lines.append(f"{visit.user or 'visitor'} {visit.language} {visit.path}: {problem}")
    return "\n".join(lines)
