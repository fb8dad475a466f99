import logging

from django.apps import AppConfig
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("taxportal")


def _sync_role_groups(**kwargs):
    """Keep the role groups in step with taxportal.roles after every migrate (and after a test
    flush, which empties them and sends post_migrate)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from .roles import sync_role_groups

    ContentType.objects.clear_cache()
    sync_role_groups(Group, Permission, ContentType)


class TaxportalConfig(AppConfig):
    name = "taxportal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import personal_area
        from .events import citizen_event
        from .middleware import request_id_end, request_id_start
        from .notifications.receivers import on_citizen_event
        from .sessions import start_idle_clock

        post_migrate.connect(_sync_role_groups, sender=self, dispatch_uid="taxportal.roles")
        request_started.connect(request_id_start, dispatch_uid="taxportal.request_id")
        request_finished.connect(request_id_end, dispatch_uid="taxportal.request_id")
        user_logged_in.connect(start_idle_clock, dispatch_uid="taxportal.sessions.idle")
        citizen_event.connect(on_citizen_event, dispatch_uid="taxportal.notifications")
        personal_area.register(personal_area.receipts_section)
        if not settings.REDIS_URL:
            logger.info("REDIS_URL is not set: Celery tasks run eagerly, in the web process.")
