"""The shared shape of the monthly jobs' management commands: `--date YYYY-MM-DD`."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class MonthlyJobCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("--date", help="Run as of this day (YYYY-MM-DD); default today.")

    def handle(self, *args, date=None, **options):
        try:
            on = _parse(date)
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD: {error}") from None
        self.stdout.write(self.run(on))

    def run(self, on: date) -> str:
        raise NotImplementedError


def _parse(value: str | None) -> date:
    return date.fromisoformat(value) if value else timezone.localdate()
