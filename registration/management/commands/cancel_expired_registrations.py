from django.core.management.base import BaseCommand

from registration.services import registrations_cancel_expired


class Command(BaseCommand):
    help = "Cancel registrations left unfinished at any step (REG-17, REG-19)."

    def handle(self, *args, **options):
        count = registrations_cancel_expired()
        self.stdout.write(f"Cancelled {count} expired registration(s).")
