"""Helpers for the browser tests: filling in the portal's shared form pieces as a person does."""


def fill_date(page, name: str, day: str, month: str, year: str) -> None:
    """A date as the page asks it: day, month and year boxes (taxportal/dates.py, issue 16)."""
    for part, value in enumerate((day, month, year)):
        page.fill(f"input[name={name}_{part}]", value)


def fill_day(page, name: str, day) -> None:
    """`fill_date` for a `datetime.date`."""
    fill_date(page, name, str(day.day), str(day.month), str(day.year))


def confirm(page) -> None:
    """Press the button of the "check your answers" page (taxportal/confirm.py) and wait for the
    page the action leads to. The button's wording names the action ("Confirm and send to
    print", "Confirm the payment"); the form is the one that posts `confirmed=yes`."""
    assert page.locator("input[name=confirmed][value=yes]").count() == 1, page.url
    with page.expect_navigation():
        page.click("form:has(input[name=confirmed]) button[type=submit]")
