"""Where the apps list a citizen's own cases in the personal area (REG-24).

An app registers a function in its AppConfig.ready():

    personal_area.register(section)

`section(user, level)` returns a `Section` (or None when it has nothing for that citizen). It must
read with a fixed number of queries. `level` is the identification level reached, so a section can
hide what the low level may not see and say why.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Section:
    title: str
    template: str
    context: dict = field(default_factory=dict)
    service_url: str = ""
    hidden_reason: str = ""


SectionProvider = Callable[..., Section | None]
_providers: list[SectionProvider] = []


def register(provider: SectionProvider) -> SectionProvider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def sections_for(user, level: str) -> list[Section]:
    return [s for s in (provider(user, level) for provider in _providers) if s is not None]


def receipts_section(user, level: str) -> Section | None:
    """Issue 15: the receipts of what the citizen sent, newest first (one query)."""
    from django.utils.translation import gettext as _

    from .selectors import receipts_of

    receipts = receipts_of(user)
    if not receipts:
        return None
    return Section(
        title=_("What you sent us"),
        template="receipts/personal_area_section.html",
        context={"receipts": receipts},
    )
