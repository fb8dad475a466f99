"""Audit actions are stored in English and shown translated in the case histories: every
action the app records has a Hebrew translation."""

import ast
from pathlib import Path

from django.utils import translation

import parking_badges

APP = Path(parking_badges.__file__).parent


def recorded_actions() -> set[str]:
    """The literal `action=` strings of every audit_record call in the app."""
    actions = set()
    for path in APP.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "action":
                for value in ast.walk(node.value):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        actions.add(value.value)
    return actions


def test_badge_55_every_audit_action_is_shown_in_hebrew():
    actions = recorded_actions()
    assert "refund approved" in actions and "badge printed" in actions
    with translation.override("he"):
        untranslated = sorted(a for a in actions if translation.gettext(a) == a)
    assert untranslated == []
