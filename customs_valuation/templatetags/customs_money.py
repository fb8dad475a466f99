"""Shekel amounts as the Authority writes them (taxportal.money.format_shekels)."""

from django import template

from taxportal.money import format_shekels

register = template.Library()


@register.filter
def shekels(value) -> str:
    return format_shekels(value)
