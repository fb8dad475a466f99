"""What the agents' API of part 2.2 shares: amounts as strings, the empty body, an id answer,
the importer named by the agent."""

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ...declarations import selectors as declaration_selectors

AMOUNT: dict[str, Any] = {"max_digits": 16, "decimal_places": 2, "min_value": 0}

MONEY_OUT: dict[str, Any] = {
    "allow_null": True,
    "help_text": _("An amount with two decimals, as a string."),
}


def money(value) -> str | None:
    """Amounts travel as strings with two decimals, never as floats."""
    return None if value is None else f"{value:.2f}"


class NoBodySerializer(serializers.Serializer):
    """No body."""


class IdOut(serializers.Serializer):
    id = serializers.IntegerField()


def importer_of(agent, number):
    importer = declaration_selectors.importers_of(agent).filter(number=str(number)).first()
    if importer is None:
        raise Http404
    return importer
