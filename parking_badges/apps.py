from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParkingBadgesConfig(AppConfig):
    name = "parking_badges"
    verbose_name = _("Disabled-parking badges")

    def ready(self):
        from taxportal import personal_area

        from .personal_area import badge_section

        personal_area.register(badge_section)
