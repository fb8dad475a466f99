from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from garnishment.services import statements_produce


class Command(BaseCommand):
    help = (
        "Produce the monthly fee statements (GAR-18) for a month (default: the month just ended)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM")

    def handle(self, *args, month=None, **options):
        if month:
            try:
                period = date.fromisoformat(f"{month}-01")
            except ValueError:
                raise CommandError("Write the month as YYYY-MM.") from None
        else:
            period = timezone.localdate().replace(day=1) - relativedelta(months=1)
        count = statements_produce(period=period)
        self.stdout.write(f"{count} statements for {period:%m/%Y}.")
