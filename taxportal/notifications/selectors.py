"""The notifications of a case, for the clerk's case page and the citizen's personal area."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import Notification


def case_notifications(*cases: models.Model) -> QuerySet[Notification]:
    """Every notification of these cases (an application and its appeals, say), newest first."""
    query = models.Q(pk__in=[])
    for case in cases:
        query |= models.Q(case_type=ContentType.objects.get_for_model(case), case_id=str(case.pk))
    return Notification.objects.filter(query).order_by("-created_at", "-id")


def citizen_notifications(identity_number: str, limit: int = 20) -> list[Notification]:
    return list(
        Notification.objects.filter(identity_number=identity_number).order_by("-created_at", "-id")[
            :limit
        ]
    )
