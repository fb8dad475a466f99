from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("registration", "0006_answers_as_keyed_hashes"),
    ]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="code_requested_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="user code asked for"),
        ),
        migrations.AddField(
            model_name="registration",
            name="code_confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="user code confirmed"),
        ),
        migrations.AddField(
            model_name="registration",
            name="message_failed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="the user code could not be sent"
            ),
        ),
        migrations.AddField(
            model_name="registration",
            name="resends",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="times sent again"),
        ),
        migrations.AddField(
            model_name="historicalregistration",
            name="code_requested_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="user code asked for"),
        ),
        migrations.AddField(
            model_name="historicalregistration",
            name="code_confirmed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="user code confirmed"),
        ),
        migrations.AddField(
            model_name="historicalregistration",
            name="message_failed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="the user code could not be sent"
            ),
        ),
        migrations.AddField(
            model_name="historicalregistration",
            name="resends",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="times sent again"),
        ),
        migrations.AddField(
            model_name="contactverification",
            name="send_failed_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="could not be sent"),
        ),
        migrations.AddField(
            model_name="contactverification",
            name="resends",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="times sent again"),
        ),
    ]
