from django.apps import AppConfig
from django.core import checks
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration for online services")

    def ready(self):
        from .checks import answer_key_is_set

        checks.register(answer_key_is_set)
