"""Where uploaded and generated files are kept: the local disk (MEDIA_ROOT) by default, or an
S3-compatible object store when AWS_STORAGE_BUCKET_NAME is set, so that every web process and
every Celery worker, on any machine, reads the same files.

Code never opens a stored file by its local path: it goes through the storage API
(`field_file.open()`, `default_storage.open(name)`, `default_storage.save(name, content)`).
"""

from collections.abc import Mapping
from typing import Any

S3_BACKEND = "storages.backends.s3.S3Storage"


def object_storage(environ: Mapping[str, str]) -> dict[str, Any] | None:
    """The STORAGES["default"] entry for the object store the environment names, or None.

    AWS_STORAGE_BUCKET_NAME turns it on; AWS_S3_ENDPOINT_URL names a store other than Amazon's
    (MinIO, Ceph, a cloud's S3 endpoint); AWS_S3_REGION_NAME, AWS_S3_ADDRESSING_STYLE
    (`path` or `virtual`) and AWS_LOCATION (a key prefix) are optional. The credentials are
    boto3's own: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role.
    """
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "location": environ.get("AWS_LOCATION", ""),
        # Private objects: files are served by the portal's own views after a permission check,
        # never by a public URL; a name already taken gets a new one, as on the local disk.
        "default_acl": None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    return {"BACKEND": S3_BACKEND, "OPTIONS": options}
