"""The private files as they lie where they are kept — the local folder or the bucket — read
around the storage library (boto3 straight to the S3 server, or the file system), so that a
test sees the bytes really stored, not what the storage class says."""

import os
from pathlib import Path

from django.conf import settings

from tests import s3server


def raw(name: str) -> bytes | None:
    """The stored bytes under ``name``, or None if nothing is stored there."""
    if settings.PRIVATE_STORAGE == "s3":
        s3 = s3server.client()
        try:
            return s3.get_object(Bucket=os.environ["PRIVATE_S3_BUCKET"], Key=name)["Body"].read()
        except s3.exceptions.NoSuchKey:
            return None
    path = Path(settings.PRIVATE_MEDIA_ROOT) / name
    return path.read_bytes() if path.is_file() else None


def everything() -> dict[str, bytes]:
    """Every stored file, by name."""
    if settings.PRIVATE_STORAGE == "s3":
        s3, bucket = s3server.client(), os.environ["PRIVATE_S3_BUCKET"]
        return {
            item["Key"]: s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for item in page.get("Contents", [])
        }
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
