"""The throttles behind a reverse proxy, and the whistleblower portal's (issue 14, findings
8, 9, 18). The client's address comes from the proxy's header only when the request comes from
a proxy named in TRUSTED_PROXIES; otherwise REMOTE_ADDR is the client."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from complaints.models import Complaint
from tests.factories import department
from whistleblower import services as wb_services
from whistleblower.models import Report

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.5"


def complaint_data(n):
    return {
        "complained_first": "yes",
        "requester": "citizen",
        "department": department("SOF").pk,
        "summary": f"Klage nummer {n}: intet svar på min ansøgning.",
        "person_name": f"Borger {n}",
        "contact_phone": f"+45 1234 56{n:02d}",
    }


def from_proxy(client_address):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def test_behind_a_trusted_proxy_each_citizen_has_their_own_count(settings):
    """Before: every client shared the proxy's address, and the eleventh citizen was refused."""
    settings.TRUSTED_PROXIES = [PROXY]
    for n in range(12):
        response = from_proxy(f"203.0.113.{n + 1}").post("/klage/", complaint_data(n))
        assert response.status_code == 200, n
    assert Complaint.objects.count() == 12


def test_five_wrong_codes_from_one_person_do_not_lock_out_the_next_whistleblower(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    _report, code = wb_services.report_submit(body="Indhold")
    for _ in range(5):
        from_proxy("198.51.100.7").post(
            "/whistleblower/opfoelgning/", {"code": "AAAA-AAAA-AAAA-AAAA-AAAA-AA"}
        )
    assert from_proxy("198.51.100.7").post("/whistleblower/opfoelgning/", {"code": code}).status_code == 429
    assert from_proxy("198.51.100.8").post("/whistleblower/opfoelgning/", {"code": code}).status_code == 200


def test_a_client_cannot_choose_its_own_address_with_the_header(settings):
    """Without the setting (the default) or from an address that is not a trusted proxy, the
    header is ignored: a client sending a new X-Forwarded-For each time is still one client."""
    for trusted in ([], [PROXY]):
        settings.TRUSTED_PROXIES = trusted
        Complaint.objects.all().delete()
        from django.core.cache import cache

        cache.clear()
        statuses = [
            Client(REMOTE_ADDR="192.0.2.50", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
            .post("/klage/", complaint_data(n))
            .status_code
            for n in range(11)
        ]
        assert statuses == [200] * 10 + [429], trusted


def test_the_nearest_untrusted_hop_is_the_client(settings):
    """The proxy appends the address it saw; what the client itself put first is ignored."""
    from django.test import RequestFactory

    from ops.throttle import client_address

    settings.TRUSTED_PROXIES = [PROXY, "10.0.1.0/24"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9, 10.0.1.3"
    )
    assert client_address(request) == "203.0.113.9"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="not-an-address")
    assert client_address(request) == PROXY


PDF = b"%PDF-1.4\n" + b"0" * 1024 + b"\n%%EOF\n"


def report_data(n):
    return {"body": f"Indberetning nummer {n} om snyd med timer.", "wants_acknowledgement": "on"}


def test_the_report_form_is_throttled(settings):
    """Before: 15 reports with 20 MB files from one client, in a row."""
    client = Client(REMOTE_ADDR="192.0.2.60")
    statuses = []
    for n in range(12):
        upload = SimpleUploadedFile("bilag.pdf", PDF, content_type="application/pdf")
        statuses.append(
            client.post("/whistleblower/indberet/", {**report_data(n), "attachments": upload}).status_code
        )
    assert statuses == [200] * 10 + [429] * 2
    assert Report.objects.count() == 10
    refused = client.post("/whistleblower/indberet/", report_data(99))
    html = refused.content.decode()
    assert "Der er sendt for mange indberetninger fra denne forbindelse" in html
    assert "Indberetning nummer 99" in html  # what was written is kept on the page
    assert (
        Client(REMOTE_ADDR="192.0.2.61").post("/whistleblower/indberet/", report_data(100)).status_code == 200
    )


def test_a_reports_files_are_bounded_in_total(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    report, code = wb_services.report_submit(body="Indhold")
    chunk = b"%PDF-1.4\n" + b"0" * (19 * 1024 * 1024) + b"\n%%EOF\n"
    client = Client(REMOTE_ADDR="192.0.2.70")
    for n in range(3):
        upload = SimpleUploadedFile(f"bilag{n}.pdf", chunk, content_type="application/pdf")
        response = client.post(
            "/whistleblower/opfoelgning/", {"code": code, "body": f"Fil {n}", "attachments": upload}
        )
        assert response.status_code == 200
    assert report.files.count() == 2
    assert "højst fylde 50 MB i alt" in response.content.decode()
    assert report.messages.count() == 2  # the third message was not sent without its file
