"""Choices shared by models and the pure rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderKind(models.TextChoices):
    """What a report line answers (GAR-7): "צו עיקול, לרבות צו מסירה"."""

    GARNISHMENT = "garnishment", _("Garnishment order")
    DELIVERY = "delivery", _("Delivery order")


class AuthorityKind(models.TextChoices):
    """Which commencement applies to a serving authority (GAR-16, GAR-17)."""

    LOCAL = "local", _("Local authority")
    NOT_LOCAL = "not_local", _("Authority that is not local")
    FINES_CENTER = "fines_center", _("Center for Collection of Fines, Fees and Expenses")
