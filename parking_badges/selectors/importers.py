"""Reads of the importer screen (BADGE-43 to BADGE-46)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..choices import ImporterFileStatus
from ..models import BadgeVehicle, ImporterVehicleFile


def importer_files(*, include_closed: bool = False) -> QuerySet[ImporterVehicleFile]:
    files = ImporterVehicleFile.objects.select_related("vehicle").annotate(
        overdue=Q(close_by__lt=timezone.now()) & ~Q(status=ImporterFileStatus.CLOSED)
    )
    if not include_closed:
        files = files.exclude(status=ImporterFileStatus.CLOSED)
    return files.order_by("close_by", "id")


def holder_has_two_vehicles(national_id: str) -> bool:
    """BADGE-46: does the buyer's badge already carry two vehicles?"""
    return (
        BadgeVehicle.objects.filter(person__national_id=national_id, removed_on__isnull=True)
        .values("vehicle")
        .count()
        >= 2
    )
