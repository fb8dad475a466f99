from parking_badges import fee_services
from parking_badges.fee_commands import MonthlyJobCommand


class Command(MonthlyJobCommand):
    help = "BADGE-51: build the month's enforcement file (one per month; a re-run returns it)."

    def run(self, on):
        built = fee_services.enforcement_file_build(month=on)
        return (
            f"Enforcement file {built.month:%Y-%m}: {built.vehicle_count} vehicles, {built.sha256}."
        )
