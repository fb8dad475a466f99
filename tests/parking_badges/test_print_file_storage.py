"""BADGE-48 on an object store: the daily print file is written to the bucket (not the local
disk) and the printing house downloads it from there, byte for byte."""

import datetime
import hashlib

import boto3
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from parking_badges import services
from taxportal.models import User

from .factories import ApprovalFactory, BadgeVehicleFactory

pytestmark = pytest.mark.django_db


def test_badge_48_print_file_lives_in_the_object_store(s3_storage, print_badge, client, settings):
    for _ in range(2):
        entry = BadgeVehicleFactory()
        ApprovalFactory(person=entry.person)
        print_badge(entry.person, today=datetime.date(2026, 6, 1))
    row = services.print_file_build(for_date=datetime.date(2026, 6, 1))

    s3 = boto3.client("s3", endpoint_url=s3_storage["AWS_S3_ENDPOINT_URL"])
    key = "parking_badges/print_files/badges-2026-06-01.csv"
    stored = s3.get_object(Bucket=s3_storage["AWS_STORAGE_BUCKET_NAME"], Key=key)["Body"].read()
    body, _trailer = stored.rsplit(b"#END", 1)
    assert hashlib.sha256(body).hexdigest() == row.sha256 and row.badge_count == 2
    assert not settings.MEDIA_ROOT.exists(), "nothing on the local disk"

    press = User.objects.create_user("beeri-press", password="x")
    press.user_permissions.add(Permission.objects.get(codename="download_print_files"))
    client.force_login(press)
    response = client.get(reverse("parking_badges_api:print_file", args=["2026-06-01"]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert "badges-2026-06-01.csv" in response["Content-Disposition"]
