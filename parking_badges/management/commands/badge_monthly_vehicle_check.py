from parking_badges import fee_services
from parking_badges.fee_commands import MonthlyJobCommand


class Command(MonthlyJobCommand):
    help = "BADGE-49: remove inactive or sold vehicles from badges. Idempotent."

    def run(self, on):
        removed = fee_services.badge_vehicles_monthly_check(on=on)
        return f"Vehicles removed from badges: {removed}."
