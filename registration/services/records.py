"""Loading the Authority's records (REG-11): each entry of an export becomes the keyed hashes of
its normalised facts; the facts themselves are never stored."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record

from .. import rules, selectors
from ..models import TaxpayerRecord


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int


def _record_store(entry: Mapping, *, key: bytes, source: str) -> tuple[TaxpayerRecord, bool]:
    national_id = rules.national_id_of(entry)
    digests = rules.fact_digests(rules.facts_of(entry), key)
    return TaxpayerRecord.objects.update_or_create(
        national_id=national_id,
        defaults={
            "first_name": str(entry.get("first_name") or ""),
            "last_name": str(entry.get("last_name") or ""),
            "answer_digests": digests,
            "loaded_at": timezone.now(),
            "source": source[:255],
        },
    )


@transaction.atomic
def taxpayer_records_load(*, entries: Iterable[Mapping], source: str) -> LoadResult:
    """Store every entry of an export, replacing what the portal held for those people; all or
    nothing (an unreadable entry stops the load with its position and field). Each change is
    kept in the records' history."""
    key = selectors.answer_key()
    if not key:
        raise rules.ExportError("REGISTRATION_ANSWER_KEY is not set")
    created = updated = 0
    for position, entry in enumerate(entries, start=1):
        try:
            _record, is_new = _record_store(entry, key=key, source=source)
        except rules.ExportError as error:
            raise rules.ExportError(f"entry {position}: {error}") from None
        created += is_new
        updated += not is_new
    audit_record(
        actor=None,
        action=gettext_noop("taxpayer records loaded"),
        reason=source,
        changes={"created": created, "updated": updated},
    )
    return LoadResult(created=created, updated=updated)
