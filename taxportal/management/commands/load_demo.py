from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from taxportal.demo import demo_users_data
from taxportal.models import User
from taxportal.services import user_grant_role

from .load_reference import load_app_modules


def load_demo_users(stdout) -> None:
    data = demo_users_data()
    for entry in data["users"]:
        fields = {k: v for k, v in entry.items() if k not in {"username", "role"}}
        user, created = User.objects.update_or_create(username=entry["username"], defaults=fields)
        if created:
            user.set_password(data["password"])
            user.save(update_fields=["password"])
        user_grant_role(user=user, role=entry["role"], actor=None, reason="demo data")
    stdout.write(f"Demo users: {len(data['users'])}, password {data['password']!r}.")


class Command(BaseCommand):
    help = (
        "Load reference data, the demo users (one per role) and each app's demo cases. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even when DEBUG is off.")

    @transaction.atomic
    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Demo users have known passwords: refusing with DEBUG off (--force)."
            )
        load_app_modules("reference", self.stdout)
        load_demo_users(self.stdout)
        load_app_modules("demo", self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
