"""What a request leaves in the log (issue 14, findings 13 and 15): the route, never the path
or the query string — status-link tokens and search words (citizens' names) stay out; and a
NUL character in a path or a query parameter is a 400, not a database error."""

import logging

import pytest
from django.test import Client

from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def logged(caplog) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_status_link_leaves_its_route_in_the_log_not_its_token(caplog):
    caplog.set_level(logging.INFO)
    complaint = ComplaintFactory()
    Client().get(f"/min-sag/{complaint.public_token}/?fra=mail")
    text = logged(caplog)
    assert "GET /min-sag/<str:token>/ 200" in text
    assert complaint.public_token not in text and "fra=mail" not in text


def test_a_wrong_status_link_is_logged_by_route_too(caplog):
    caplog.set_level(logging.INFO)
    Client().get("/min-sag/detteErEnHemmeligMenForkertToken123/")
    text = logged(caplog)
    assert "detteErEnHemmelig" not in text
    assert "/min-sag/<str:token>/" in text


def test_search_words_never_reach_the_log(client_for, jurist, caplog):
    caplog.set_level(logging.INFO)
    client_for(jurist).get("/sager/", {"scope": "all", "q": "Karen Hemmeligsen 010190-1234"})
    text = logged(caplog)
    assert "GET /sager/ 200" in text
    assert "Hemmeligsen" not in text and "010190" not in text and "q=" not in text


def test_runservers_request_line_is_reduced_to_the_route():
    """``runserver`` logs the whole request line through django.server; the filter in
    LOGGING rewrites it before any handler sees it."""
    from ops.logging import RouteOnlyFilter

    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /min-sag/abcSECRET/?q=Karen HTTP/1.1", "200", "512"),
        None,
    )
    RouteOnlyFilter().filter(record)
    assert record.getMessage() == '"GET /min-sag/<str:token>/ HTTP/1.1" 200 512'


@pytest.mark.parametrize(
    "path",
    ["/min-sag/%00/", "/statistik/%00/", "/sager/?state=%00", "/sager/?q=a%00b", "/tilsyn/?state=%00"],
)
def test_a_nul_character_in_a_path_or_parameter_is_a_400(client_for, jurist, committee, path):
    client = client_for(committee if path.startswith("/statistik") else jurist)
    response = client.get(path)
    assert response.status_code == 400
    assert "Adressen er ikke gyldig" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_a_nul_character_in_an_admin_filter_is_a_400(client_for, secretariat):
    response = client_for(secretariat).get("/admin/complaints/complaint/?kind__exact=%00")
    assert response.status_code == 400
