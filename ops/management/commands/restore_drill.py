"""The backup and restore drill (PostgreSQL): prove that a backup restores.

1. Back up as production would: ``pg_dump`` of the database (custom format) and a tar archive
   of the private files (attachments, encrypted whistleblower files) — every object of the
   private storage, the local folder or the shared bucket (``PRIVATE_STORAGE=s3``).
2. Restore both into a fresh database and a fresh folder, or a fresh bucket beside the first.
3. Look at the original and the restored system the same way — in two child processes, one
   per system — and compare: the yearly figures of every report year, the jurists' case pages,
   and every whistleblower report and file decrypted. The restored system must give exactly
   the same. A third look at the restored system with a wrong key must read no report: the
   backup is useless without ``WB_ENCRYPTION_KEY``, which is why the key is kept apart from it.

``python manage.py restore_drill [--keep]`` (``make restore-drill`` runs it on demo data).
The restored database is dropped afterwards unless ``--keep``. Exit status 1 if anything
differs. ``--look`` is the child processes' part: it prints what one system shows, as JSON.
"""

import argparse
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from ops.drill import look
from ops.uploads import private_storage, stored_names


class Command(BaseCommand):
    help = "Back up, restore into a fresh database and folder, and prove the restored system is the same."

    def add_arguments(self, parser):
        parser.add_argument("--keep", action="store_true", help="Keep the restored database and folder.")
        parser.add_argument("--look", metavar="DAY", help=argparse_hidden())

    def handle(self, *args, keep=False, look=None, **options):
        if look:
            if os.environ.get("RESTORE_DRILL_WB_KEY"):  # the look with a wrong key
                settings.WB_ENCRYPTION_KEY = os.environ["RESTORE_DRILL_WB_KEY"]
            self.stdout.write(json.dumps(look_at(look)))
            return
        if connection.vendor != "postgresql":
            raise CommandError("The restore drill needs PostgreSQL (DATABASE_URL=postgres://…).")
        self.drill(keep=keep)

    def drill(self, *, keep: bool) -> None:
        source = source_url()
        stamp = time.strftime("%Y%m%d%H%M%S")
        work = Path(settings.BASE_DIR) / "var" / "restore-drill" / stamp
        work.mkdir(parents=True)
        target_name = f"{connection.settings_dict['NAME']}_drill_{stamp}"[:63]
        target = urlunparse(urlparse(source)._replace(path=f"/{target_name}"))
        today = timezone.localdate().isoformat()
        s3 = settings.PRIVATE_STORAGE == "s3"

        where = f"the bucket {os.environ['PRIVATE_S3_BUCKET']}" if s3 else str(settings.PRIVATE_MEDIA_ROOT)
        self.stdout.write(f"1. Backing up the database and {where} …")
        started = time.monotonic()
        run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                f"--file={work / 'database.dump'}",
                f"--dbname={source}",
            ]
        )
        backup_private(work / "private.tar.gz")
        backup_seconds = time.monotonic() - started

        self.stdout.write(f"2. Restoring into the database {target_name} and fresh private storage …")
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{target_name}"')
        restored = RestoredStorage(work, stamp) if not s3 else RestoredBucket(stamp)
        try:
            run(["pg_restore", "--no-owner", f"--dbname={target}", str(work / "database.dump")])
            restored.fill(work / "private.tar.gz")

            self.stdout.write("3. Looking at both systems …")
            before = child_look(today, database=source, storage={})
            after = child_look(today, database=target, storage=restored.env)
            wrong_key = child_look(
                today,
                database=target,
                storage=restored.env,
                key="d3JvbmctZHJpbGwta2V5LW5vdC10aGUtcmVhbC0xMjM=",
            )
        finally:
            if not keep:
                with connection.cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')
                restored.remove()
                shutil.rmtree(work, ignore_errors=True)

        problems = compare(before, after)
        with_content = sum(1 for r in before["reports"].values() if r["has_content"])
        if wrong_key["unreadable"] != with_content:
            problems.append(
                f"with a wrong WB_ENCRYPTION_KEY {with_content - wrong_key['unreadable']} "
                "report(s) with content could still be read"
            )
        summary = (
            f"report years: {len(before['figures'])}, case pages: {len(before['pages'])}, "
            f"whistleblower reports: {len(before['reports'])} "
            f"({sum(len(r['files']) for r in before['reports'].values())} files), "
            f"with content: {with_content}, unreadable with a wrong key: {wrong_key['unreadable']}, "
            f"backup took {backup_seconds:.1f} s"
        )
        if problems:
            for problem in problems:
                self.stderr.write(f"DIFFERENT: {problem}")
            raise CommandError(f"The restore drill failed ({summary}).")
        self.stdout.write(self.style.SUCCESS(f"The restored system is the same: {summary}."))
        if keep:
            self.stdout.write(f"Kept: database {target_name}, {restored.describe()}, folder {work}")


def backup_private(archive_path: Path) -> None:
    """Every object of the private storage, by name, into one tar archive."""
    storage = private_storage()
    with tarfile.open(archive_path, "w:gz") as archive:
        for name in stored_names(storage):
            with storage.open(name, "rb") as handle:
                data = handle.read()
            info = tarfile.TarInfo(f"private/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def archived_files(archive_path: Path):
    """(name, bytes) of every file in a backup archive; nothing outside ``private/``."""
    with tarfile.open(archive_path) as archive:
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("private/") and ".." not in member.name:
                yield member.name.removeprefix("private/"), archive.extractfile(member).read()


class RestoredStorage:
    """The backup restored into a fresh folder (``PRIVATE_STORAGE=local``)."""

    def __init__(self, work: Path, stamp: str):
        self.folder = work / "restored" / "private"
        self.env = {"PRIVATE_MEDIA_ROOT": str(self.folder)}

    def fill(self, archive_path: Path) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, data in archived_files(archive_path):
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def remove(self) -> None:
        pass  # inside the drill's work folder, which goes with it

    def describe(self) -> str:
        return f"restored files in {self.folder}"


class RestoredBucket:
    """The backup restored into a fresh bucket beside the production one (``PRIVATE_STORAGE=s3``)."""

    def __init__(self, stamp: str):
        source = os.environ["PRIVATE_S3_BUCKET"]
        # Short and unique whatever the production bucket's name (at most 63 characters).
        self.name = f"drill-{hashlib.sha256(source.encode()).hexdigest()[:12]}-{stamp}"
        self.env = {"PRIVATE_S3_BUCKET": self.name}
        self.client = private_storage().connection.meta.client
        self.created = False

    def fill(self, archive_path: Path) -> None:
        try:
            self.client.head_bucket(Bucket=self.name)
        except self.client.exceptions.ClientError:
            pass  # it does not exist: as it must not
        else:
            raise CommandError(
                f"The bucket {self.name} exists already; the drill restores only into a new one."
            )
        region = os.environ.get("PRIVATE_S3_REGION")
        # us-east-1 is the default and must not be named as a location.
        options = (
            {"CreateBucketConfiguration": {"LocationConstraint": region}}
            if region and region != "us-east-1"
            else {}
        )
        self.client.create_bucket(Bucket=self.name, **options)
        self.created = True
        for name, data in archived_files(archive_path):
            self.client.put_object(Bucket=self.name, Key=name, Body=data)

    def remove(self) -> None:
        if not self.created:
            return  # never empty a bucket the drill did not make
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.name):
                for item in page.get("Contents", []):
                    self.client.delete_object(Bucket=self.name, Key=item["Key"])
            self.client.delete_bucket(Bucket=self.name)
        except self.client.exceptions.NoSuchBucket:
            pass

    def describe(self) -> str:
        return f"bucket {self.name}"


def compare(before: dict, after: dict) -> list[str]:
    problems = []
    for part in ("figures", "pages", "reports"):
        if before[part] != after[part]:
            differing = sorted(
                str(key)
                for key in set(before[part]) | set(after[part])
                if before[part].get(key) != after[part].get(key)
            )
            problems.append(f"{part}: {', '.join(differing[:10])}")
    if after["unreadable"]:
        problems.append(f"{after['unreadable']} whistleblower report(s) unreadable after the restore")
    return problems


def look_at(day: str) -> dict:
    result = look(day)
    # JSON keys are strings: make the years strings on both sides.
    result["figures"] = {str(k): v for k, v in result["figures"].items()}
    return result


def argparse_hidden():
    return argparse.SUPPRESS


def source_url() -> str:
    s = connection.settings_dict
    user = s["USER"] or ""
    auth = f"{user}:{s['PASSWORD']}@" if s.get("PASSWORD") else (f"{user}@" if user else "")
    return f"postgresql://{auth}{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"


def run(args: list[str]) -> None:
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603 - fixed programs
    if result.returncode != 0:
        raise CommandError(f"{args[0]} failed: {result.stderr.strip()[:500]}")


def child_look(day: str, *, database: str, storage: dict, key: str | None = None) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        **storage,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE),
    }
    args = [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "restore_drill", "--look", day]
    if key:
        env["RESTORE_DRILL_WB_KEY"] = key
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"Looking at {urlparse(database).path} failed: {result.stderr.strip()[-800:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])
