"""Serializer fields the APIs share."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class AmountField(serializers.DecimalField):
    """An amount sent as a JSON string ("1250.50"), as the document says: a JSON number is
    refused, since it may have lost agorot as a binary float on the caller's side."""

    default_error_messages = {"not_a_string": _('Send the amount as a string: "1250.50".')}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_a_string")
        return super().to_internal_value(data)
