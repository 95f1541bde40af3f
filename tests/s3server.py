"""A real S3-compatible server for the tests that run with ``PRIVATE_STORAGE=s3``: moto's
standalone server, a separate process on a loopback port, spoken to over HTTP by boto3 exactly
as a production bucket would be (no client is mocked).

The test settings choose the address (``PRIVATE_S3_ENDPOINT_URL``) before Django starts, so
that the storage, and every process a test starts, point at it; ``tests/conftest.py`` starts
the server before the first test and stops it after the last."""

import functools
import os
import socket
import subprocess
import sys
import time
from urllib.parse import urlparse

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-only-key", "AWS_SECRET_ACCESS_KEY": "test-only-secret"}


def choose_address() -> None:
    """Called by the test settings: an endpoint on a free loopback port, and test credentials,
    unless the environment names a server of its own."""
    for name, value in CREDENTIALS.items():
        os.environ.setdefault(name, value)
    os.environ.setdefault("PRIVATE_S3_BUCKET", "borgerraadgiver-test")
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker:  # tests in parallel: one server (the first process's), a bucket per process
        os.environ["PRIVATE_S3_BUCKET"] = f"borgerraadgiver-test-{worker}"
    os.environ.setdefault("PRIVATE_S3_REGION", "eu-north-1")
    if not os.environ.get("PRIVATE_S3_ENDPOINT_URL"):
        os.environ["PRIVATE_S3_ENDPOINT_URL"] = f"http://127.0.0.1:{free_port()}"
        os.environ["TEST_S3_START_SERVER"] = "1"


@functools.cache
def client():
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=os.environ["PRIVATE_S3_ENDPOINT_URL"],
        region_name=os.environ["PRIVATE_S3_REGION"],
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_server(port: int) -> subprocess.Popen:
    """moto's S3 server in its own process on ``port``, once it answers."""
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("The local S3 server (moto) did not start.") from None
            time.sleep(0.1)


def create_bucket(s3, bucket: str) -> None:
    existing = {b["Name"] for b in s3.list_buckets().get("Buckets", [])}
    if bucket not in existing:
        s3.create_bucket(
            Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": os.environ["PRIVATE_S3_REGION"]}
        )


def start() -> subprocess.Popen | None:
    """Start the server the settings chose (if they chose it) and create the bucket."""
    server = None
    if os.environ.pop("TEST_S3_START_SERVER", "") == "1":
        server = run_server(urlparse(os.environ["PRIVATE_S3_ENDPOINT_URL"]).port)
    create_bucket(client(), os.environ["PRIVATE_S3_BUCKET"])
    return server


def empty_bucket(bucket: str | None = None) -> None:
    s3 = client()
    bucket = bucket or os.environ["PRIVATE_S3_BUCKET"]
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
        if keys:
            s3.delete_objects(Bucket=bucket, Delete={"Objects": keys})


def stop(server: subprocess.Popen | None) -> None:
    if server is not None:
        server.terminate()
        server.wait(10)
