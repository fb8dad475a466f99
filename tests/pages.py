"""Helpers for the browser tests: filling in the portal's shared form pieces as a person does."""


def fill_date(page, name: str, day: str, month: str, year: str) -> None:
    """A date as the page asks it: day, month and year boxes (taxportal/dates.py, issue 16)."""
    for part, value in enumerate((day, month, year)):
        page.fill(f"input[name={name}_{part}]", value)
