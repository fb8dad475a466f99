from django.core.management.base import BaseCommand

from parking_badges import services

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = "BADGE-50: reset expired-disability vehicles to the regular tariff. Idempotent."

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, date=None, **options):
        reset = services.disabled_tariff_monthly_reset(on=parse_day(date))
        self.stdout.write(f"Vehicles back on the regular tariff: {reset}.")
