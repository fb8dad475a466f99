from datetime import date

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Part 2.3's daily jobs, as Celery beat runs them: expiry to 12 (CUS-49), overdue "
        "correction blocks (CUS-28), entries ready for the archive (CUS-48), the 06:00 list "
        "(CUS-47). Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", type=date.fromisoformat, help="Run as of this Israel date.")

    def handle(self, *args, date=None, **options):
        from customs_valuation.declarations.services.daily import run_daily

        for job, count in run_daily(date).items():
            self.stdout.write(f"{job}: {count}")
