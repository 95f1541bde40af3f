"""Sign-in throttling (django-axes): five wrong passwords for a user name from one client
pause that pair for 15 minutes — on the login page and the admin's — with a Danish page, and
nothing about the person (name, address) reaches the log."""

import datetime as dt
import logging

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/log-ind/"


def wrong(client, username="p-jurist", path=LOGIN):
    return client.post(path, {"username": username, "password": "forkert"})


def right(client, username="p-jurist", path=LOGIN):
    return client.post(path, {"username": username, "password": PASSWORD})


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, jurist):
    for attempt in range(4):
        response = wrong(client)
        assert response.status_code == 200, attempt
        assert "Der er et problem" in response.content.decode()
    locked = wrong(client)  # the fifth wrong password locks
    assert locked.status_code == 429
    response = right(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Log-ind er sat på pause</h1>" in html
    assert "15 minutter" in html
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_15_minutes(client, jurist):
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            wrong(client)
        assert right(client).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=14), tick=False):
        assert right(client).status_code == 429
    with time_machine.travel(start + dt.timedelta(minutes=16), tick=False):
        assert right(client).status_code == 302
        assert client.session["_auth_user_id"] == str(jurist.pk)


def test_a_correct_password_before_the_limit_starts_the_count_again(client, jurist):
    for _ in range(4):
        wrong(client)
    assert right(client).status_code == 302
    client.post(reverse("logout"))
    for _ in range(4):
        assert wrong(client).status_code == 200
    assert right(client).status_code == 302


def test_other_users_from_the_same_client_are_not_locked(client, jurist, head):
    for _ in range(5):
        wrong(client, "p-jurist")
    assert right(client, "p-head").status_code == 302


def test_the_admin_sign_in_counts_too(client, secretariat):
    admin_login = reverse("admin:login")
    for _ in range(5):
        wrong(client, "p-secretariat", admin_login)
    response = right(client, "p-secretariat", admin_login)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_nothing_personal_is_logged(client, jurist, caplog):
    caplog.set_level(logging.DEBUG)
    for _ in range(6):
        wrong(client, "p-jurist")
    wrong(client, "0101901234")  # a CPR number typed into the user name field by mistake
    text = "\n".join(f"{r.name} {r.getMessage()}" for r in caplog.records)
    assert "Sign-in locked for 0:15:00" in text  # the lockout is noticed …
    for secret in ["p-jurist", "0101901234", "127.0.0.1", "forkert"]:
        assert secret not in text  # … without the name, the address or the password
