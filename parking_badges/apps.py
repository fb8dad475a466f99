from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkingBadgesConfig(AppConfig):
    name = "parking_badges"
    verbose_name = _("Disabled-parking badges")
