from django.core.management.base import BaseCommand

from parking_badges import services

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = "BADGE-52: print new badges ahead of expiry, with no new application."

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, **options):
        renewed = services.badges_renew_due(today=parse_day(options["date"]))
        self.stdout.write(f"{renewed} badges renewed.")
