from django import template
from django.utils.translation import get_language

from garnishment.lines import field_label as _field_label
from garnishment.lines import problem_text as _problem_text
from taxportal.templatetags.money import register as figures

register = template.Library()
# The portal's one set of figures and dates (shekels, nis, count, day, moment, month).
for _name, _filter in figures.filters.items():
    register.filter(_name, _filter)


@register.filter
def field_label(name: str) -> str:
    return _field_label(name)


@register.filter
def problem_text(item: dict) -> str:
    """A line problem in the page's language."""
    return _problem_text(item, (get_language() or "he")[:2])
