"""What happened to a citizen's case, told once by the service that made it happen (issue 15).

A service sends `citizen_event` inside its transaction with `transaction.on_commit`, so nothing
is told about work that was rolled back. Receivers (the notifications area) decide whether, how
and on which channel the citizen hears of it; the service that sends knows nothing of channels.

Keyword arguments of every send:
- `event`: a code naming what happened, "<app>.<what>" (e.g. "badges.application_received");
- `identity_number`: the citizen's nine-digit identity number, as stored on the case;
- `case`: the model instance the event is about (its `pk` and class name identify the case);
- `key`: what makes this event unique for this case (e.g. the decision's pk), so that a receiver
  never tells the same event twice;
- `url`: the path (not absolute) where the citizen reads about it, or "";
- `params`: a dict of JSON-serialisable values for the message (dates as ISO strings).
"""

from typing import Any

from django.db import models, transaction
from django.dispatch import Signal

citizen_event = Signal()


def citizen_event_on_commit(
    *,
    sender: type,
    event: str,
    identity_number: str,
    case: models.Model,
    key: str = "",
    url: str = "",
    params: dict[str, Any] | None = None,
) -> None:
    """Send `citizen_event` once the current transaction commits (at once outside one)."""
    transaction.on_commit(
        lambda: citizen_event.send(
            sender=sender,
            event=event,
            identity_number=identity_number,
            case=case,
            key=key,
            url=url,
            params=params or {},
        )
    )
