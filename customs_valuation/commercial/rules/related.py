"""CUS-71: special relationships, examined against the alternative the importer chose."""

from decimal import Decimal

from django.utils.translation import gettext as _

from .base import HUNDRED, Refused, blank, round_agorot, to_decimal


def percent_difference(transaction_value, test_value) -> Decimal:
    """(transaction value - test value) / test value, in percent to the hundredth."""
    test_value = to_decimal(test_value)
    return round_agorot((to_decimal(transaction_value) - test_value) / test_value * HUNDRED)


def check_related_examination(*, test_value, close: bool, reason: str) -> None:
    """ "Close" is the valuer's reasoned judgement: the reason is required either way."""
    if test_value is None or to_decimal(test_value) <= 0:
        raise Refused(_("Give the chosen alternative's value."), "test_value")
    if blank(reason):
        raise Refused(_("Give the reason for the judgement."), "reason")
