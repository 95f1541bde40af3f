"""Personas used across the suite: one per role, an outsider and a superuser outside the unit."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from core.roles import Role
from tests import s3server
from tests.factories import UserFactory

# The demo data seeded once for a module of tests that only read it (``demo_2023``).
pytest_plugins = ["tests.demo"]

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _fresh_throttles():
    """Throttle counts (sign-in, public forms, receipt codes) live in the cache: every test
    starts with none, so one test's wrong passwords never lock another test's user."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def jurist(db):
    return UserFactory(username="p-jurist", roles=[Role.JURIST])


@pytest.fixture
def head(db):
    return UserFactory(username="p-head", roles=[Role.HEAD], is_staff=True)


@pytest.fixture
def wb_member(db):
    return UserFactory(username="p-wb", roles=[Role.WHISTLEBLOWER_UNIT])


@pytest.fixture
def committee(db):
    return UserFactory(username="p-committee", roles=[Role.COMMITTEE])


@pytest.fixture
def secretariat(db):
    return UserFactory(username="p-secretariat", roles=[Role.SECRETARIAT], is_staff=True)


@pytest.fixture
def outsider(db):
    """Signed in, but in no role."""
    return UserFactory(username="p-outsider")


@pytest.fixture
def superuser(db):
    """A Django superuser who is NOT in the whistleblower unit."""
    return UserFactory(username="p-admin", is_staff=True, is_superuser=True)


PERSONAS = ["jurist", "head", "wb_member", "committee", "secretariat", "outsider", "superuser"]


@pytest.fixture(params=PERSONAS)
def persona(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → the test client signed in as ``user``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# The longest tests first. pytest-django then sorts (stably) into its own order — plain database
# tests, transactional ones, tests without a database — so within each group these lead, and
# with `make test` (`-n auto --maxschedchunk 1`: each worker fetches one test at a time) the
# last tests of the run are short ones and no worker sits idle waiting for another.
LONGEST_FIRST = (
    "tests/browser/test_accessibility.py",
    "tests/browser/",
    "tests/security/",
    "tests/annual_report/",
)


def _longest_first(item) -> int:
    path = item.nodeid
    return next(
        (rank for rank, prefix in enumerate(LONGEST_FIRST) if path.startswith(prefix)), len(LONGEST_FIRST)
    )


@pytest.hookimpl(tryfirst=True)  # before pytest-django's own sort, which must have the last word
def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need a real server; on SQLite they are skipped, saying why."""
    items.sort(key=_longest_first)
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason="needs PostgreSQL: set DATABASE_URL=postgres://… (CI runs the suite on PostgreSQL too)"
    )
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_private_storage():
    """With ``PRIVATE_STORAGE=s3`` every test starts with an empty bucket, as it starts with an
    empty folder when it points ``PRIVATE_MEDIA_ROOT`` at its own temporary one."""
    if settings.PRIVATE_STORAGE == "s3":
        s3server.empty_bucket()
    yield


def pytest_configure(config):
    """With ``PRIVATE_STORAGE=s3`` the private files go to a real local S3 server (moto's)."""
    if settings.PRIVATE_STORAGE == "s3":
        config._s3_server = s3server.start()


def pytest_unconfigure(config):
    s3server.stop(getattr(config, "_s3_server", None))
