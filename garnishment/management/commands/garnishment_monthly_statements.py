from django.core.management.base import BaseCommand, CommandError

from garnishment.tasks import produce_monthly_statements


class Command(BaseCommand):
    help = (
        "Produce the monthly fee statements (GAR-18): the month just ended and earlier months "
        "with withheld lines, or the month given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM")

    def handle(self, *args, month=None, **options):
        try:
            count = produce_monthly_statements(month)
        except ValueError:
            raise CommandError("Write the month as YYYY-MM.") from None
        self.stdout.write(f"{count} statements.")
