"""The case's transition table `{from: {action: to}}` and who may take each action (CUS-80,
CUS-81, CUS-95)."""

from django.utils.translation import gettext as _

from ..choices import ActorKind as A
from ..choices import CaseAction as Act
from ..choices import CaseStatus as S
from .base import Refused

DECIDE: dict[str, str] = {
    Act.ACCEPT: S.ACCEPTED,
    Act.DISQUALIFY: S.METHODS,
    Act.SET_VALUE: S.VALUE_SET,
}
TRANSITIONS: dict[str, dict[str, str]] = {
    S.OPEN: {**DECIDE, Act.NOT_SATISFIED: S.NOT_CONVINCED},
    S.NOT_CONVINCED: {
        Act.CHOOSE_SUPERVISION: S.UNDER_CHECK,
        Act.CHOOSE_PROTEST: S.UNDER_CHECK,
        Act.CHOOSE_SECURITY: S.CHIEF_VALUER,  # CUS-81: only (c) moves the file
    },
    S.UNDER_CHECK: dict(DECIDE),
    S.CHIEF_VALUER: {**DECIDE, Act.RETURN_TO_VALUER: S.UNDER_CHECK},
    S.METHODS: {Act.SET_VALUE: S.VALUE_SET},
    S.ACCEPTED: {},
    S.VALUE_SET: {},
}
FINAL = frozenset({S.ACCEPTED, S.VALUE_SET})
# Where the valuer (and a chief valuer, who is also a valuer) works on the case; under (c) only
# the chief valuer decides (CUS-81).
VALUER_WORKS = frozenset({S.OPEN, S.UNDER_CHECK, S.METHODS})
CHIEF_WORKS = VALUER_WORKS | {S.CHIEF_VALUER}
AGENT_ACTIONS = frozenset({Act.CHOOSE_SUPERVISION, Act.CHOOSE_PROTEST, Act.CHOOSE_SECURITY})


def next_status(status: str, action: str) -> str:
    try:
        return TRANSITIONS[status][action]
    except KeyError:
        raise Refused(
            _("This cannot be done while the case is “%(status)s”.") % {"status": S(status).label}
        ) from None


def may_act(actor: str, status: str, action: str) -> bool:
    """CUS-95: the agent records the importer's choice; the valuer decides; under (c) the chief
    valuer; valuation-unit staff consult and read."""
    if action not in TRANSITIONS.get(status, {}):
        return False
    if action in AGENT_ACTIONS:
        return actor == A.AGENT
    if action == Act.RETURN_TO_VALUER:
        return actor == A.CHIEF
    if actor == A.CHIEF:
        return status in CHIEF_WORKS
    return actor == A.VALUER and status in VALUER_WORKS


def may_work(actor: str | None, status: str) -> bool:
    """Whether the actor may record grounds, triggers, checks, lines and requests now."""
    if actor == A.CHIEF:
        return status in CHIEF_WORKS
    return actor == A.VALUER and status in VALUER_WORKS
