import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def _fields(historical: bool):
    """ApiToken's fields; the historical table keeps the same columns without constraints."""
    user_fk = {
        "on_delete": django.db.models.deletion.DO_NOTHING if historical else models.PROTECT,
        "related_name": "+" if historical else "api_tokens",
        "to": settings.AUTH_USER_MODEL,
        "verbose_name": "account",
    }
    by_fk = {
        "blank": True,
        "null": True,
        "on_delete": django.db.models.deletion.DO_NOTHING if historical else models.PROTECT,
        "related_name": "+",
        "to": settings.AUTH_USER_MODEL,
        "verbose_name": "issued by",
    }
    if historical:
        user_fk.update(blank=True, null=True, db_constraint=False)
        by_fk.update(db_constraint=False)
    return [
        ("name", models.CharField(max_length=100, verbose_name="what it is for")),
        ("prefix", models.CharField(db_index=True, max_length=8, verbose_name="key starts with")),
        (
            "digest",
            models.CharField(
                db_index=historical,
                editable=False,
                max_length=64,
                unique=not historical,
                verbose_name="key digest",
            ),
        ),
        (
            "created_at",
            models.DateTimeField(blank=True, editable=False, verbose_name="issued")
            if historical
            else models.DateTimeField(auto_now_add=True, verbose_name="issued"),
        ),
        ("expires_at", models.DateTimeField(verbose_name="expires")),
        ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
        ("last_used_at", models.DateTimeField(blank=True, null=True, verbose_name="last used")),
        ("created_by", models.ForeignKey(**by_fk)),
        ("user", models.ForeignKey(**user_fk)),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("taxportal", "0003_customs_declaration_roles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                *_fields(historical=False),
            ],
            options={
                "verbose_name": "API token",
                "verbose_name_plural": "API tokens",
                "ordering": ["-created_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalApiToken",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                *_fields(historical=True),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical API token",
                "verbose_name_plural": "historical API tokens",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
