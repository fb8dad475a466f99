"""Files on an S3-compatible object store (moto's server here), configured from the
environment as in production (taxportal.storage): saved, read and deleted through the storage
API, private, never overwritten by a second file of the same name; the readiness probe checks it."""

import boto3
import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from taxportal.storage import S3_BACKEND, object_storage


def test_no_bucket_means_the_local_disk():
    assert object_storage({}) is None
    assert object_storage({"AWS_STORAGE_BUCKET_NAME": "  "}) is None


def test_the_environment_names_the_bucket_and_the_endpoint():
    entry = object_storage(
        {"AWS_STORAGE_BUCKET_NAME": "portal-files", "AWS_S3_ENDPOINT_URL": "https://s3.example"}
    )
    assert entry["BACKEND"] == S3_BACKEND
    assert entry["OPTIONS"]["bucket_name"] == "portal-files"
    assert entry["OPTIONS"]["endpoint_url"] == "https://s3.example"
    assert entry["OPTIONS"]["default_acl"] is None and entry["OPTIONS"]["file_overwrite"] is False


def test_files_are_saved_read_and_deleted_in_the_bucket(s3_storage):
    s3 = boto3.client("s3", endpoint_url=s3_storage["AWS_S3_ENDPOINT_URL"])
    bucket = s3_storage["AWS_STORAGE_BUCKET_NAME"]
    name = default_storage.save("reports/2026/06/שלום.csv", ContentFile(b"a,b\r\n1,2\r\n"))
    assert name == "reports/2026/06/שלום.csv"
    assert s3.get_object(Bucket=bucket, Key=name)["Body"].read() == b"a,b\r\n1,2\r\n"
    with default_storage.open(name, "rb") as handle:
        assert handle.read() == b"a,b\r\n1,2\r\n"
    # A second file of the same name never replaces the first.
    second = default_storage.save("reports/2026/06/שלום.csv", ContentFile(b"other"))
    assert second != name
    assert s3.get_object(Bucket=bucket, Key=name)["Body"].read() == b"a,b\r\n1,2\r\n"
    # Private: no grant to everyone.
    grants = s3.get_object_acl(Bucket=bucket, Key=name)["Grants"]
    assert not [g for g in grants if g["Grantee"].get("URI", "").endswith("/AllUsers")]
    default_storage.delete(name)
    with pytest.raises(ClientError):
        s3.head_object(Bucket=bucket, Key=name)


@pytest.mark.django_db
def test_ready_checks_the_object_store(s3_storage, client, settings):
    assert client.get(reverse("health_ready")).json()["Storage(alias='default')"] == "OK"
    missing = {**s3_storage, "AWS_STORAGE_BUCKET_NAME": "no-such-bucket"}
    settings.STORAGES = {**settings.STORAGES, "default": object_storage(missing)}
    response = client.get(reverse("health_ready"))
    assert response.status_code == 500
    assert response.json()["Storage(alias='default')"] != "OK"
