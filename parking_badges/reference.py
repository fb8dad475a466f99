"""Reference data every installation needs: the printing house's group, which may download
the daily print files and confirm their receipt (BADGE-48). Idempotent."""

from django.contrib.auth.models import Group, Permission

from . import fee_reference

PRINTING_HOUSE_GROUP = "printing_house"


def load(*, stdout) -> None:
    group, _ = Group.objects.get_or_create(name=PRINTING_HOUSE_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="parking_badges", codename="download_print_files"
        )
    )
    stdout.write("Badge printing-house group ready.")
    fee_reference.load(stdout=stdout)
