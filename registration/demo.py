"""Demo data: the Authority's records of the demo citizens (through the same command as a real
export) and the demo user `citizen`'s registration. Idempotent: run on every `make run`."""

import json

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from taxportal.models import User

from .models import CitizenProfile

FIXTURES = settings.BASE_DIR / "fixtures" / "registration"
RECORDS_FILE = FIXTURES / "taxpayer_records.json"
CITIZENS_FILE = FIXTURES / "demo_citizens.json"


@transaction.atomic
def load(stdout) -> None:
    call_command("load_taxpayer_records", RECORDS_FILE, stdout=stdout)
    data = json.loads(CITIZENS_FILE.read_text(encoding="utf-8"))
    registered = 0
    for entry in data["registered"]:
        user = User.objects.filter(username=entry["username"]).first()
        if user is None:
            continue
        now = timezone.now()
        _profile, created = CitizenProfile.objects.get_or_create(
            user=user,
            defaults={
                "level": entry["level"],
                "user_code_hash": make_password(entry["user_code"]),
                "user_code_issued_at": now,
                "mobile": entry["mobile"],
                "email": entry["email"],
                "channel": entry["channel"],
                "mobile_verified_at": now,
                "email_verified_at": now,
                "consent_sms": entry["consent_sms"],
                "consent_email": entry["consent_email"],
                "terms_accepted_at": now,
            },
        )
        registered += created
    stdout.write(f"Registration: {registered} demo citizen profile(s) created.")
