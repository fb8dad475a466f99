from django.core.management.base import BaseCommand
from django.utils import timezone

from parking_badges.services.drafts import KEPT_FOR, drafts_discard_older_than


class Command(BaseCommand):
    help = "Issue 15: delete the files of online applications left unsent for over a day."

    def handle(self, *args, **options):
        deleted = drafts_discard_older_than(before=timezone.now() - KEPT_FOR)
        self.stdout.write(f"{deleted} unsent application file(s) deleted.")
