from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsValuationConfig(AppConfig):
    name = "customs_valuation"
    verbose_name = _("Customs valuation")

    def ready(self):
        from taxportal import personal_area

        from .views import personal_area_section

        personal_area.register(personal_area_section)
