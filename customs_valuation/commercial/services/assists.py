"""Assists (CUS-75 to CUS-77): the valuer's checks of an assist charged to the entry (CUS-76)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from taxportal.models import User

from .. import rules
from ..choices import AuditAction
from ..models import Assist, AssistCheckRecord, CommercialCase
from .common import audit, lock, refusing, require_work


@transaction.atomic
def assist_check_record(
    *, actor: User, case: CommercialCase, assist: Assist, code: str, result: str, note: str = ""
) -> AssistCheckRecord:
    """CUS-76: one of the valuer's checks of an assist charged to this entry — confirmed, a
    problem, or (the third-party check only) not applicable; recorded again, it replaces the
    previous result, and the audit trail keeps both."""
    case = lock(case)
    require_work(actor, case)
    if not case.lines.filter(assist_id=assist.pk).exists():
        raise ValidationError({"assist": _("Charge the assist to this entry first.")})
    note = str(note or "").strip()
    with refusing():
        rules.check_assist_check(code, result, note)
    check, _created = AssistCheckRecord.objects.update_or_create(
        case=case,
        assist=assist,
        code=code,
        defaults={"result": result, "note": note, "recorded_by": actor},
    )
    audit(
        actor=actor,
        action=AuditAction.ASSIST_CHECK,
        case=case,
        reason=note,
        assist=assist.pk,
        check=code,
        result=result,
    )
    return check
