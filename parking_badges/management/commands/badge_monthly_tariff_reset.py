from parking_badges import fee_services
from parking_badges.fee_commands import MonthlyJobCommand


class Command(MonthlyJobCommand):
    help = "BADGE-50: reset expired-disability vehicles to the regular tariff. Idempotent."

    def run(self, on):
        reset = fee_services.disabled_tariff_monthly_reset(on=on)
        return f"Vehicles back on the regular tariff: {reset}."
