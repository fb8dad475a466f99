"""CUS-61 and CUS-62: the valuer asks for documents with a due date; the agent uploads against
each item (portal or API); form 145 is checked, and asked for again when a check fails."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from taxportal.models import User
from taxportal.texts import Said, said
from taxportal.uploads import check_upload

from .. import rules
from ..choices import AuditAction, RequestItem
from ..models import (
    CommercialCase,
    CommercialDocument,
    DocumentRequest,
    Form145Check,
    RequestedDocument,
)
from .common import (
    NotificationKind,
    audit,
    lock,
    notify_agent,
    policy_on,
    refusing,
    require_agent_of,
    require_valuer,
    require_work,
    today,
)


def _request(case, actor, items, due_on, note: str | Said = "") -> DocumentRequest:
    day = today()
    due_on = due_on or rules.default_due_date(day, policy_on(day).documents_due_days)
    items = [(str(code), str(item_note or "").strip()) for code, item_note in items]
    with refusing():
        rules.check_request(items, day, due_on)
    request = DocumentRequest.objects.create(
        case=case, requested_by=actor, requested_on=day, due_on=due_on, note=note
    )
    RequestedDocument.objects.bulk_create(
        [RequestedDocument(request=request, code=code, note=n) for code, n in items]
    )
    notify_agent(
        case,
        kind=NotificationKind.DOCUMENTS_REQUESTED,
        reason=note,
        case=case.pk,
        request=request.pk,
        due_on=due_on.isoformat(),
        items=[code for code, _n in items],
    )
    audit(
        actor=actor,
        action=AuditAction.DOCUMENTS_REQUESTED,
        case=case,
        reason=note,
        request=request.pk,
        items=[c for c, _n in items],
        due_on=due_on,
    )
    return request


@transaction.atomic
def documents_request(
    *,
    actor: User,
    case: CommercialCase,
    items: list[tuple[str, str]],
    due_on: date | None = None,
    note: str = "",
) -> DocumentRequest:
    """A dated record listing the items, each with a note, and a due date (default 30 days); the
    agent is told. A lapsed date leads to nothing automatically."""
    case = lock(case)
    require_work(actor, case)
    return _request(case, actor, items, due_on, str(note or "").strip())


@transaction.atomic
def document_upload(
    *, actor: User, agent, item: RequestedDocument, upload, answer: str = ""
) -> CommercialDocument:
    """The agent uploads against an item asked for, with an answer if any."""
    case = lock(item.request.case)
    require_agent_of(agent, case)
    if case.is_final:
        raise ValidationError(_("The case is decided; nothing more is uploaded to it."))
    if upload is None:
        raise ValidationError({"file": _("Choose a file.")})
    try:
        content_type = check_upload(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    document = CommercialDocument.objects.create(
        case=case,
        item=item,
        file=upload,
        content_type=content_type,
        original_name=str(upload.name)[:200],
        answer=str(answer or "").strip(),
        uploaded_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.DOCUMENT_UPLOADED,
        case=case,
        document=document.pk,
        item=item.code,
        name=document.original_name,
    )
    return document


@transaction.atomic
def form_145_check(
    *,
    actor: User,
    document: CommercialDocument,
    signer_is_importer: bool,
    properly_filled: bool,
    note: str = "",
) -> Form145Check:
    """CUS-62: a form failing either check is not relied on and is asked for again."""
    case = lock(document.case)
    require_valuer(actor, case.customs_house_id)
    if document.item is None or document.item.code != RequestItem.FORM_145:
        raise ValidationError(_("This document was not uploaded as form 145."))
    if Form145Check.objects.filter(document=document).exists():
        raise ValidationError(_("This form was already checked."))
    check = Form145Check.objects.create(
        document=document,
        signer_is_importer=bool(signer_is_importer),
        properly_filled=bool(properly_filled),
        note=str(note or "").strip(),
        checked_by=actor,
    )
    audit(
        actor=actor,
        action=AuditAction.FORM_145,
        case=case,
        reason=check.note,
        document=document.pk,
        signer_is_importer=check.signer_is_importer,
        properly_filled=check.properly_filled,
    )
    if not check.relied_on and not case.is_final:
        _request(
            case,
            actor,
            [(RequestItem.FORM_145, check.note)],
            None,
            said(gettext_noop("Form 145 again: the one given failed a check.")),
        )
    return check
