"""Reads of the importer screen (BADGE-43 to BADGE-46)."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from taxportal.queues import Terms

from ..choices import ImporterFileStatus
from ..models import BadgeVehicle, ImporterVehicleFile, Vehicle

OPEN_FILE_STATUSES = (ImporterFileStatus.WITH_CUSTOMS, ImporterFileStatus.RELEASED)
FILE_ORDER = ("close_by", "id")
# What the importer screen shows of an open file: its page reads these columns only.
FILE_SHOWN = (
    "buyer_name",
    "buyer_national_id",
    "status",
    "tariff_outcome",
    "close_by",
    "vehicle__number",
)


def importer_files(
    *,
    include_closed: bool = False,
    status: str = "",
    overdue: bool = False,
    search: Terms | None = None,
    ordering: tuple = FILE_ORDER,
) -> QuerySet[ImporterVehicleFile]:
    """BADGE-43 to BADGE-46: the files, the open ones (a partial index) to be closed within 48
    hours, the soonest first; filtered and paged in SQL."""
    now = timezone.now()
    files = ImporterVehicleFile.objects.select_related("vehicle").annotate(
        overdue=Q(close_by__lt=now) & ~Q(status=ImporterFileStatus.CLOSED)
    )
    if not include_closed:
        files = files.filter(status__in=OPEN_FILE_STATUSES)
    if status:
        files = files.filter(status=status)
    if overdue:
        files = files.filter(close_by__lt=now)
    if search is not None:
        files = files.filter(_file_matching(search))
    return files.order_by(*ordering)


def _file_matching(search: Terms) -> Q:
    """A file by its vehicle's number or the buyer's identity number (indexed), or every word
    of the buyer's name (a trigram index on PostgreSQL)."""
    if search.number is not None:
        vehicles = Vehicle.objects.filter(number=search.compact).values_list("pk", flat=True)
        found = Q(vehicle_id__in=list(vehicles))
        if search.national_id:
            found |= Q(buyer_national_id=search.national_id)
        return found
    found = Q()
    for word in search.words:
        found &= Q(buyer_name__icontains=word)
    return found


def holder_has_two_vehicles(national_id: str) -> bool:
    """BADGE-46: does the buyer's badge already carry two vehicles?"""
    return (
        BadgeVehicle.objects.filter(person__national_id=national_id, removed_on__isnull=True)
        .values("vehicle")
        .count()
        >= 2
    )
