"""Texts the system writes, kept as codes with their parameters and translated when shown.

A reason, a note or a history line that the portal writes by itself ("No appeal by 12/03/2027",
"Monthly check: vehicle no longer active") is not stored in the language of whoever caused it:
it is stored as its message id and parameters, and each reader sees it in their own language.
What a person types is stored as typed.

    audit_record(..., reason=said(gettext_noop("No appeal by %(date)s."), date=case.appeal_due))

The message id is the English text, marked with `gettext_noop` so that makemessages collects it
(the Hebrew is in the app's catalogue). Parameters may be:

- plain values (str, int, Decimal): shown as given, so format amounts first (`format_shekels`);
- dates: shown as dd/mm/yyyy;
- lazy translations (a choice's `.label`, `gettext_lazy(...)`): translated when shown;
- another `Said`: rendered when shown;
- a list or tuple of any of these: shown one per line.

`SaidTextField` / `SaidCharField` (taxportal.model_fields) store either kind in one text column:
typed text as itself, a `Said` as a marker character followed by its JSON.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext

# Opens a stored code: U+001F (unit separator), a control character no form lets a person type
# (SaidTextField strips it from typed text, so typed text never reads as a code).
MARK = "\x1f"


def _msgid(text: Promise) -> str:
    """The message id behind a lazy translation (its text with no language active)."""
    with translation.override(None):
        return str(text)


def _stored(value: Any) -> Any:
    if isinstance(value, Said):
        return {"said": value.as_dict()}
    if isinstance(value, Promise):
        return {"t": _msgid(value)}
    if isinstance(value, datetime):
        return {"d": value.date().isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return {"lines": [_stored(item) for item in value]}
    if value is None or isinstance(value, str | int):
        return value
    raise TypeError(f"A stored text's parameter must be text, a number or a date: {value!r}")


def _shown(value: Any) -> Any:
    if isinstance(value, dict):
        if "t" in value:
            return gettext(value["t"])
        if "d" in value:
            return date.fromisoformat(value["d"]).strftime("%d/%m/%Y")
        if "said" in value:
            return str(Said.from_dict(value["said"]))
        if "lines" in value:
            return "\n".join(str(_shown(item)) for item in value["lines"])
    return "" if value is None else value


class Said:
    """A text the system said: a message id and its parameters, rendered in the active language
    whenever it is turned into a string."""

    __slots__ = ("code", "params")

    def __init__(self, code: str, params: dict[str, Any] | None = None):
        self.code = code
        self.params = params or {}

    def __str__(self) -> str:
        text = gettext(self.code)
        if not self.params:
            return text
        try:
            return text % {name: _shown(value) for name, value in self.params.items()}
        except (KeyError, TypeError, ValueError):
            return text  # a catalogue out of step with a stored parameter: the words at least

    def __repr__(self) -> str:
        return f"Said({self.code!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Said):
            return (self.code, self.params) == (other.code, other.params)
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.code)

    def __len__(self) -> int:
        return len(str(self))

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def in_language(self, language: str) -> str:
        with translation.override(language):
            return str(self)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "params": self.params}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Said":
        return cls(data["code"], data.get("params") or {})

    def to_db(self) -> str:
        return MARK + json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_db(cls, value: str | None) -> "Said | str | None":
        """A stored value: a `Said` when it holds a code, else the typed text itself."""
        if not value or not value.startswith(MARK):
            return value
        try:
            return cls.from_dict(json.loads(value[len(MARK) :]))
        except (ValueError, KeyError, TypeError):
            return value[len(MARK) :]


def said(code: str, **params: Any) -> Said:
    """A text the system writes, stored as `code` and `params`: see the module's docstring."""
    return Said(code, {name: _stored(value) for name, value in params.items()})


def label(text: Promise) -> Said:
    """A choice's label (or any lazy translation) alone, stored untranslated."""
    return Said("%(label)s", {"label": _stored(text)})


def lines(*items: Any) -> Said:
    """Several texts (labels, `said(...)`), one per line."""
    return Said("%(lines)s", {"lines": _stored(list(items))})


def typed(value: str) -> str:
    """Text a person typed, made safe to store: it cannot open with the code marker."""
    return value.lstrip(MARK) if isinstance(value, str) else value


# Audit actions are codes too: an app's English wording marked with gettext_noop, or one of its
# choices, which the app names here (in AppConfig.ready): action -> label, or None if not its.
_ACTION_LABELLERS: list[Callable[[str], Any]] = []


def audit_action_labels(labeller: Callable[[str], Any]) -> None:
    """Register a function that names an app's actions in the reader's language."""
    if labeller not in _ACTION_LABELLERS:
        _ACTION_LABELLERS.append(labeller)


def action_label(action: str) -> str:
    """An audit action in the reader's language."""
    for labeller in _ACTION_LABELLERS:
        named = labeller(action)
        if named:
            return str(named)
    return gettext(action)
