import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from registration.rules import ExportError
from registration.services import taxpayer_records_load


class Command(BaseCommand):
    help = (
        "Load the Authority's taxpayer records from an export file (docs/taxpayer-records.md). "
        "Only keyed hashes of the answers are stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from None
        if not isinstance(data, dict) or not isinstance(data.get("records"), list):
            raise CommandError(f'{path}: expected {{"records": [...]}}')
        try:
            result = taxpayer_records_load(entries=data["records"], source=path.name)
        except ExportError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(
            f"Taxpayer records from {path.name}: {result.created} new, {result.updated} updated."
        )
