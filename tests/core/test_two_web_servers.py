"""Two web servers behind one load balancer (issue 26): two gunicorn processes on different
ports, production settings, sharing one PostgreSQL database and one S3-compatible bucket (moto's
server, a real one over HTTP). A document a citizen sends through the first is downloaded by the
jurist through the second, and neither writes anything under PRIVATE_MEDIA_ROOT."""

import http.client
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from complaints.models import Attachment
from tests import processes, s3server
from tests.factories import ComplaintFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https"}
DOCUMENT = b"%PDF-1.4\n% laegeerklaering sendt gennem den ene server\n%%EOF\n"


class Server:
    def __init__(self, env: dict, log: Path):
        self.port = s3server.free_port()
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                *("-c", "gunicorn.conf.py", "config.wsgi"),
                *("--workers", "1", "--bind", f"127.0.0.1:{self.port}"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log.open("w"),
        )
        for _ in range(150):
            try:
                if self.request("GET", "/healthz")[0] in (200, 503):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start: {log.read_text()[-2000:]}")

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            conn.request(method, path, body=body, headers={**HEADERS, **(headers or {})})
            response = conn.getresponse()
            return response.status, response.read(), response.getheader("Set-Cookie") or ""
        finally:
            conn.close()

    def stop(self):
        self.process.terminate()
        self.process.wait(30)


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, (filename, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_a_document_sent_through_one_web_server_is_downloaded_through_the_other(tmp_path):
    s3_port = s3server.free_port()
    s3_process = s3server.run_server(s3_port)
    endpoint, bucket, region = f"http://127.0.0.1:{s3_port}", "delt-spand", "eu-north-1"
    s3 = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id="two-servers",
        aws_secret_access_key="two-servers",
    )
    s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    local = tmp_path / "private-must-stay-empty"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.prod",
        # One key for both servers (and this test's session): as in production, every web
        # server has the same SECRET_KEY.
        "SECRET_KEY": settings.SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": processes.test_database_url(),
        "WB_ENCRYPTION_KEY": settings.WB_ENCRYPTION_KEY,
        "PRIVATE_STORAGE": "s3",
        "PRIVATE_S3_BUCKET": bucket,
        "PRIVATE_S3_ENDPOINT_URL": endpoint,
        "PRIVATE_S3_REGION": region,
        "AWS_ACCESS_KEY_ID": "two-servers",
        "AWS_SECRET_ACCESS_KEY": "two-servers",
        "PRIVATE_MEDIA_ROOT": str(local),
        "LOG_FORMAT": "plain",
        "PYTHONPATH": str(ROOT),
    }
    for args in (("createcachetable",), ("collectstatic", "--no-input", "-v", "0")):
        subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
        )
    jurist = UserFactory(username="to-servere", roles=["jurist"])
    complaint = ComplaintFactory(state="written", responsible=jurist, person_name="Karen Kirkegaard")
    first = second = None
    try:
        first = Server(env, tmp_path / "first.log")
        second = Server(env, tmp_path / "second.log")
        # The citizen, on the first server: the status page (for the CSRF token), then the file.
        status_path = reverse("complaints:public_status", args=[complaint.public_token])
        status, page, cookies = first.request("GET", status_path)
        assert status == 200
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1].decode()
        csrf_cookie = re.search(r"(csrftoken=[^;]+)", cookies)[1]
        body, content_type = multipart(
            {"csrfmiddlewaretoken": token, "message-text": "Her er lægeerklæringen."},
            {"message-file": ("laegeerklaering.pdf", DOCUMENT)},
        )
        status, _page, _cookies = first.request(
            "POST",
            reverse("complaints:public_message", args=[complaint.public_token]),
            body,
            {
                "Content-Type": content_type,
                "Cookie": csrf_cookie,
                "Origin": "https://127.0.0.1",
                "Referer": f"https://127.0.0.1{status_path}",
            },
        )
        assert status == 302
        attachment = Attachment.objects.get(complaint=complaint)
        # The jurist, signed in, on the second server.
        browser = Client()
        browser.force_login(jurist)
        session = browser.cookies[settings.SESSION_COOKIE_NAME].value
        status, data, _cookies = second.request(
            "GET",
            reverse("complaints:attachment_download", args=[complaint.pk, attachment.pk]),
            headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"},
        )
        assert status == 200
        assert data == DOCUMENT
    finally:
        for server in (first, second):
            if server is not None:
                server.stop()
        stored = {
            item["Key"]: s3.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
            for item in s3.list_objects_v2(Bucket=bucket).get("Contents", [])
        }
        s3_process.terminate()
        s3_process.wait(10)
    # In the bucket, under its random name; nothing at all on the web servers' disk.
    assert stored == {attachment.file.name: DOCUMENT}
    assert not local.exists() or not any(local.rglob("*"))
