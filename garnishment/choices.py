"""Choices shared by models and the pure rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderKind(models.TextChoices):
    """What a report line answers (GAR-7): "צו עיקול, לרבות צו מסירה"."""

    GARNISHMENT = "garnishment", _("Garnishment order")
    DELIVERY = "delivery", _("Delivery order")
