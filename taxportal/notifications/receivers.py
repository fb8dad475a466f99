"""The receiving end of `taxportal.events.citizen_event`: record and send (services)."""

from typing import Any

from . import services


def on_citizen_event(
    sender: type,
    *,
    event: str,
    identity_number: str,
    case,
    key: str = "",
    url: str = "",
    params: dict[str, Any] | None = None,
    **_kwargs: Any,
) -> None:
    if not identity_number:
        return
    services.notification_record(
        event=event,
        identity_number=identity_number,
        case=case,
        key=key,
        url=url,
        params=params,
    )
