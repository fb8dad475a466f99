from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GarnishmentConfig(AppConfig):
    name = "garnishment"
    verbose_name = _("Garnishment fee billing")
