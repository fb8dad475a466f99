from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CustomsValuationConfig(AppConfig):
    name = "customs_valuation"
    verbose_name = _("Customs valuation")
