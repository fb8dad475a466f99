from django.core.management.base import BaseCommand

from customs_valuation import services


class Command(BaseCommand):
    help = "Make values final where the appeal period passed, forfeiting guarantees (CUS-17)."

    def handle(self, *args, **options):
        done = services.cases_finalise_due()
        self.stdout.write(f"{done} valuation cases made final.")
