"""The registration wizard's state, kept in the server-side session.

The state survives a page reload and works with plain form posts; what was typed on each step is
kept (Back keeps it, Clear empties it). A wizard left alone for WIZARD_IDLE_TIMEOUT is over.
"""

import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Action

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SESSION_KEY = "registration_wizard"

# The stages shown to the citizen for each action (the identity questions are one stage).
STAGES: dict[str, list[tuple[str, "StrPromise"]]] = {
    Action.REGISTER: [
        ("entry", _("Identity number")),
        ("questions", _("Identity questions")),
        ("contact", _("Contact details")),
        ("code", _("User code")),
        ("password", _("Password")),
        ("done", _("Done")),
    ],
    Action.RECOVER: [
        ("entry", _("Identity number")),
        ("questions", _("Identity questions")),
        ("code", _("User code")),
        ("password", _("Password")),
        ("done", _("Done")),
    ],
    Action.UPDATE: [
        ("entry", _("Identity number")),
        ("questions", _("Identity questions")),
        ("contact", _("Contact details")),
        ("done", _("Done")),
    ],
}
QUESTION_STEPS = ("high", "low", "more")


def stages_for(action: str, current: str) -> list[dict]:
    """The stages with their number and whether each is done, current or to come."""
    stage = "questions" if current in QUESTION_STEPS else current
    names = [name for name, _label in STAGES[action]]
    position = names.index(stage)
    return [
        {
            "number": index + 1,
            "label": label,
            "state": "done" if index < position else "current" if index == position else "todo",
        }
        for index, (_name, label) in enumerate(STAGES[action])
    ]


@dataclass
class WizardState:
    action: str
    national_id: str
    next_url: str = ""
    nonce: str = field(default_factory=lambda: secrets.token_hex(16))
    data: dict[str, dict[str, str]] = field(default_factory=dict)
    low_path: bool = False
    high_set: int = 0  # which of this attempt's high-level question sets is shown (REG-7)
    further_kinds: list[str] = field(default_factory=list)
    level: str = ""
    registration_id: int | None = None

    def new_attempt(self) -> None:
        """After a failed round: empty the answers; the new nonce draws new questions."""
        self.nonce = secrets.token_hex(16)
        for step in QUESTION_STEPS:
            self.data.pop(step, None)
        self.low_path = False
        self.high_set = 0
        self.further_kinds = []
        self.level = ""

    def previous_step(self, step: str) -> str:
        if step == "contact":
            return "more" if self.low_path else "high"
        return {"high": "entry", "low": "high", "more": "low"}[step]

    def first_open_step(self) -> str:
        """Where the citizen should be: the first step not yet done."""
        if self.level and self.can_show("contact"):
            return "contact"
        if self.further_kinds:
            return "more"
        return "low" if self.low_path else "high"

    def can_show(self, step: str) -> bool:
        if step == "high":
            return True
        if step == "low":
            return self.low_path
        if step == "more":
            return self.low_path and bool(self.further_kinds)
        if step == "contact":
            return bool(self.level) and self.action in (Action.REGISTER, Action.UPDATE)
        return False


def load(request) -> WizardState | None:
    """The wizard in progress, or None when there is none or it has been idle too long."""
    stored = request.session.get(SESSION_KEY)
    if not stored:
        return None
    touched = parse_datetime(stored.get("touched_at", ""))
    if touched is None or rules.wizard_expired(touched, timezone.now()):
        clear(request)
        return None
    fields = {k: v for k, v in stored.items() if k != "touched_at"}
    return WizardState(**fields)


def save(request, state: WizardState) -> None:
    request.session[SESSION_KEY] = {**state.__dict__, "touched_at": timezone.now().isoformat()}


def clear(request) -> None:
    request.session.pop(SESSION_KEY, None)
