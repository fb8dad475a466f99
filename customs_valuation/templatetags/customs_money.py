"""Kept so `{% load customs_money %}` goes on working: the portal's one set of figures and
dates (`taxportal.templatetags.money`)."""

from taxportal.templatetags.money import register  # noqa: F401
