"""With DEBUG off (as in production), error pages say what happened in Danish and nothing
more: no traceback, no settings, no URL list, no submitted data — and the log of a crash
does not carry the request's body."""

import logging

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_site(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = "tests.security.boom_urls"


def test_a_crash_shows_the_plain_danish_page_and_logs_no_request_data(failing_site, caplog):
    caplog.set_level(logging.INFO)
    client = Client(raise_request_exception=False)
    response = client.post("/boom/", {"cpr": "0101901234", "summary": "Min hemmelige klage"})
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Der opstod en fejl</h1>" in html and "33 66 14 00" in html
    for leak in ["Traceback", "RuntimeError", "kaput", "0101901234", "SECRET_KEY", "settings"]:
        assert leak not in html
    assert "default-src 'self'" in response["Content-Security-Policy"]
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Internal Server Error: /boom/" in logged
    assert "Min hemmelige klage" not in logged


def test_not_found_lists_no_urls(failing_site, client_for, jurist):
    response = client_for(jurist).get("/sager/999999/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Siden blev ikke fundet</h1>" in html
    assert "URLconf" not in html and "sager/<int:pk>" not in html


def test_forbidden_is_a_danish_page_too(failing_site, client_for, committee):
    response = client_for(committee).get("/sager/")
    assert response.status_code == 403
    assert "Traceback" not in response.content.decode()
    assert "<h1>Du har ikke adgang til denne side</h1>" in response.content.decode()
