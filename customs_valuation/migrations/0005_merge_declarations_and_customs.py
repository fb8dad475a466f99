from django.db import migrations


class Migration(migrations.Migration):
    """Part 2.3's foundation and the personal-import changes were made side by side."""

    dependencies = [
        ("customs_valuation", "0004_declarations_foundation"),
        (
            "customs_valuation",
            "0004_importer_by_identity_number_posted_notices_checked_uploads_and_ranges",
        ),
    ]

    operations = []
