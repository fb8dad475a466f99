from django.core.management.base import BaseCommand

from registration.services import contact_changes_apply_due


class Command(BaseCommand):
    help = "Apply the contact-details changes whose 72 hours have passed (REG-23)."

    def handle(self, *args, **options):
        count = contact_changes_apply_due()
        self.stdout.write(f"Applied {count} contact-details change(s).")
