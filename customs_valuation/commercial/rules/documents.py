"""CUS-61 (documents asked for, with a due date) and CUS-62 (form 145's two checks)."""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from ..choices import RequestItem
from .base import Refused

LONGEST_DUE_DAYS = 365


def default_due_date(requested_on: date, days: int) -> date:
    return requested_on + timedelta(days=days)


def check_request(items: list[tuple[str, str]], requested_on: date, due_on: date) -> None:
    """At least one item, each known and listed once; a due date after the request and within a
    year of it."""
    if not items:
        raise Refused(_("Choose at least one document to ask for."), "items")
    codes = [code for code, _note in items]
    if any(code not in RequestItem.values for code in codes):
        raise Refused(_("Choose documents from the list."), "items")
    if len(set(codes)) != len(codes):
        raise Refused(_("Each document is asked for once in a request."), "items")
    if due_on is None or not requested_on < due_on <= requested_on + timedelta(LONGEST_DUE_DAYS):
        raise Refused(_("The due date is after today and at most a year from it."), "due_on")


def request_lapsed(due_on: date, *, today: date) -> bool:
    """A lapsed date leads to nothing automatically: the valuer decides under CUS-80."""
    return today > due_on


def form_145_relied_on(*, signer_is_importer: bool, properly_filled: bool) -> bool:
    return bool(signer_is_importer and properly_filled)
