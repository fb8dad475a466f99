import logging

from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("taxportal")


class TaxportalConfig(AppConfig):
    name = "taxportal"
    verbose_name = _("Portal")

    def ready(self):
        if not settings.REDIS_URL:
            logger.info("REDIS_URL is not set: Celery tasks run eagerly, in the web process.")
