from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


def load_app_modules(module_name: str, stdout) -> None:
    """Call `<app>.<module_name>.load(stdout=...)` for every portal app that has one."""
    for app_name in settings.PORTAL_APPS:
        if find_spec(f"{app_name}.{module_name}") is not None:
            import_module(f"{app_name}.{module_name}").load(stdout=stdout)


class Command(BaseCommand):
    help = "Load the reference data every installation needs (fee schedules, tables). Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        load_app_modules("reference", self.stdout)
        self.stdout.write(self.style.SUCCESS("Reference data loaded."))
