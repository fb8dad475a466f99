from django.core.management.base import BaseCommand

from parking_badges import services

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = "BADGE-51: build the month's enforcement file (one per month; a re-run returns it)."

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, date=None, **options):
        built = services.enforcement_file_build(month=parse_day(date))
        self.stdout.write(
            f"Enforcement file {built.month:%Y-%m}: {built.vehicle_count} vehicles, {built.sha256}."
        )
