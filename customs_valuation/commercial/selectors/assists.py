"""Assists as the case shows them: those charged to the entry, each with the valuer's checks of
CUS-76 in the list's order (two queries whatever the number of assists)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..choices import AssistCheck
from ..models import Assist, AssistCheckRecord, CommercialCase


def charged_assists(case: CommercialCase) -> QuerySet[Assist]:
    return Assist.objects.filter(uses__case=case).distinct().order_by("pk")


@dataclass(frozen=True)
class AssistChecklist:
    assist: Assist
    checks: list[tuple[str, str, AssistCheckRecord | None]]  # code, label, record


def assist_checklists(case: CommercialCase) -> list[AssistChecklist]:
    records: dict[tuple[int, str], AssistCheckRecord] = {
        (r.assist_id, r.code): r
        for r in AssistCheckRecord.objects.filter(case=case).select_related("recorded_by")
    }
    return [
        AssistChecklist(
            assist,
            [
                (code, str(label), records.get((assist.pk, code)))
                for code, label in AssistCheck.choices
            ],
        )
        for assist in charged_assists(case)
    ]
