from django.core.management.base import BaseCommand

from parking_badges import services
from parking_badges.services.print_file import ensure_written

from ._day import add_date_argument, parse_day


class Command(BaseCommand):
    help = (
        "BADGE-48: write the day's print file for the printing house and print its path. "
        "Running it again for the same day gives the same file."
    )

    def add_arguments(self, parser):
        add_date_argument(parser)

    def handle(self, *args, **options):
        row = services.print_file_build(for_date=parse_day(options["date"]))
        path = ensure_written(row)
        self.stdout.write(str(path.resolve()))
        if options["verbosity"] > 1:
            self.stderr.write(f"{row.badge_count} badges, sha256 {row.sha256}")
