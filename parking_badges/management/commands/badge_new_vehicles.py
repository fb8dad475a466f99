from django.core.management.base import BaseCommand

from parking_badges import services

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = (
        "BADGE-47: add the day's new vehicles of disabled owners (reported by importers) "
        "to their badges."
    )

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, **options):
        added = services.new_vehicles_add_to_badges(day=parse_day(options["date"]))
        self.stdout.write(f"{added} vehicles added to badges.")
