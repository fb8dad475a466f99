from django.core.management.base import BaseCommand

from parking_badges import services

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = "BADGE-49: remove inactive or sold vehicles from badges. Idempotent."

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, date=None, **options):
        removed = services.badge_vehicles_monthly_check(on=parse_day(date))
        self.stdout.write(f"Vehicles removed from badges: {removed}.")
