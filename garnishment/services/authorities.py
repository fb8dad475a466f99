"""Serving authorities' commencement dates, derived from the regulations' publication date and
the authority's kind, overridable only with a recorded reason (GAR-17)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.audit import audit_record
from taxportal.models import User

from ..models import RegulationsPublication, ServingAuthority
from ..rules import commencement_date


def derived_commencement(kind: str) -> date | None:
    """The commencement date the regulations give an authority of this kind, or None while
    their publication date is not entered."""
    publication = RegulationsPublication.objects.order_by("-pk").first()
    if publication is None:
        return None
    return commencement_date(kind=kind, regulations_published_on=publication.published_on)


@transaction.atomic
def regulations_publication_record(
    *, published_on: date, source: str, actor: User | None
) -> RegulationsPublication:
    """The regulations' publication date (reference data); every authority whose commencement
    was not overridden gets the date derived from it."""
    publication = RegulationsPublication.objects.select_for_update().order_by("-pk").first()
    if publication is None:
        publication = RegulationsPublication(published_on=published_on, source=source)
    publication.published_on, publication.source = published_on, source
    publication.save()
    changed = {}
    for authority in ServingAuthority.objects.select_for_update(no_key=True).filter(
        commencement_override_reason=""
    ):
        derived = commencement_date(kind=authority.kind, regulations_published_on=published_on)
        if authority.commencement_on != derived:
            authority.commencement_on = derived
            authority.save(update_fields=["commencement_on"])
            changed[authority.code] = derived
    audit_record(
        actor=actor,
        action=gettext_noop("regulations publication recorded"),
        target=publication,
        reason=source,
        changes={"published_on": published_on, "commencement": changed},
    )
    return publication


@transaction.atomic
def serving_authority_save(*, authority: ServingAuthority, actor: User | None) -> ServingAuthority:
    """Create or change an authority (code, name, kind); unless its commencement date was
    overridden, it is the one derived for its kind."""
    created = authority.pk is None
    if not authority.commencement_overridden:
        authority.commencement_on = derived_commencement(authority.kind)
    authority.save()
    audit_record(
        actor=actor,
        action=gettext_noop("serving authority created")
        if created
        else gettext_noop("serving authority changed"),
        target=authority,
        reason=authority.commencement_override_reason,
        changes={"kind": authority.kind, "commencement_on": authority.commencement_on},
    )
    return authority


@transaction.atomic
def serving_authority_override_commencement(
    *, authority: ServingAuthority, commencement_on: date, reason: str, actor: User | None
) -> ServingAuthority:
    """An administrator sets a commencement date other than the derived one, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Give the reason for a commencement date other than the derived one."),
            code="reason",
        )
    authority = ServingAuthority.objects.select_for_update(no_key=True).get(pk=authority.pk)
    authority.commencement_on = commencement_on
    authority.commencement_override_reason = reason
    authority.save(update_fields=["commencement_on", "commencement_override_reason"])
    audit_record(
        actor=actor,
        action=gettext_noop("commencement date overridden"),
        target=authority,
        reason=reason,
        changes={"commencement_on": commencement_on},
    )
    return authority


@transaction.atomic
def serving_authority_clear_override(
    *, authority: ServingAuthority, actor: User | None
) -> ServingAuthority:
    """Back to the commencement date derived from the regulations' publication."""
    authority = ServingAuthority.objects.select_for_update(no_key=True).get(pk=authority.pk)
    authority.commencement_on = derived_commencement(authority.kind)
    authority.commencement_override_reason = ""
    authority.save(update_fields=["commencement_on", "commencement_override_reason"])
    audit_record(
        actor=actor,
        action=gettext_noop("commencement date derived again"),
        target=authority,
        changes={"commencement_on": authority.commencement_on},
    )
    return authority


@transaction.atomic
def serving_authority_delete(*, authority: ServingAuthority, actor: User | None) -> None:
    """Delete an authority nothing refers to. The row is locked first: a report being billed
    holds it (`lock_authorities`), so the delete waits for that billing to end, and Django's
    PROTECT then looks for referencing lines and orders in a statement that sees them
    (the bulk tables have no database foreign key to refuse it, docs/garnishment.md)."""
    authority = ServingAuthority.objects.select_for_update().get(pk=authority.pk)
    audit_record(
        actor=actor,
        action=gettext_noop("serving authority deleted"),
        target=authority,
        changes={"code": authority.code, "name": authority.name},
    )
    authority.delete()


def lock_authorities() -> None:
    """While a report is billed, no authority its lines may name can be deleted: one statement
    takes a key-share lock on every authority (a few dozen rows; which ones the lines name is
    known only once they are checked against this very list). A delete that came first is
    waited for, and its authority is then unknown to the checks. Changing an authority's other
    columns is not held up (FOR NO KEY UPDATE does not conflict)."""
    if connection.vendor != "postgresql":
        return  # SQLite: one writer at a time, a delete cannot interleave
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {ServingAuthority._meta.db_table} FOR KEY SHARE")
