from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests.urls import all_url_samples

pytestmark = pytest.mark.django_db

# The pages anybody may open without signing in. Everything else must send them to sign in.
PUBLIC = {
    "login",
    "set_language",
    "admin:login",
    "core:healthz",
    "core:accessibility",
    "oidc_start",  # the municipality's identity provider (404 unless configured)
    "oidc_callback",
    "complaints:public_form",
    "complaints:public_status",
    "complaints:public_survey",
    "complaints:public_message",
    "complaints:public_send_link",
    "complaints:public_letter",
    "whistleblower:portal",
    "whistleblower:portal_report",
    "whistleblower:portal_follow_up",
}
SIGN_IN_PAGES = {"/log-ind/", "/admin/login/"}


def test_every_internal_url_sends_anonymous_visitors_to_sign_in(client):
    samples = [s for s in all_url_samples() if s.name not in PUBLIC]
    assert len(samples) > 20  # the walk found the admin and the apps' pages
    leaks = []
    for sample in samples:
        response = client.get(sample.path)
        location = urlparse(response.get("Location", "")).path
        if response.status_code != 302 or location not in SIGN_IN_PAGES:
            leaks.append((sample.name, sample.path, response.status_code, location))
    assert leaks == []


def test_public_paths_open_without_sign_in(client):
    for name in ["login", "complaints:public_form", "whistleblower:portal", "core:healthz"]:
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_unknown_status_link_is_not_found_rather_than_a_sign_in(client):
    response = client.get(reverse("complaints:public_status", args=["not-a-real-token"]))
    assert response.status_code == 404


def test_login_page_is_danish(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert "<h1>Log ind</h1>" in html
    assert "Brugernavn" in html and "Adgangskode" in html
    assert "Spring til indhold" in html


def test_root_redirects_anonymous_visitor_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/?next=/")


def test_demo_style_sign_in_lands_on_the_front_page(client, jurist):
    response = client.post(
        reverse("login"), {"username": "p-jurist", "password": "correct horse battery"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Velkommen" in response.content.decode()


def test_wrong_password_shows_a_danish_error_and_no_sign_in(client, jurist):
    response = client.post(reverse("login"), {"username": "p-jurist", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der er et problem" in html
    assert "_auth_user_id" not in client.session


def test_sign_out_requires_post(client_for, jurist):
    client = client_for(jurist)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_navigation_shows_administration_only_to_staff(client_for, secretariat, committee):
    admin_link = f'href="{reverse("admin:index")}"'
    assert admin_link in client_for(secretariat).get("/").content.decode()
    assert admin_link not in client_for(committee).get("/").content.decode()


def test_user_without_role_is_told_to_ask_for_access(client_for, outsider):
    html = client_for(outsider).get("/").content.decode()
    assert "ingen rolle" in html


def test_every_page_carries_a_strict_content_security_policy(client):
    csp = client.get(reverse("login"))["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_browser_language_is_ignored_but_english_can_be_chosen(client):
    assert "<h1>Log ind</h1>" in client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/log-ind/"})
    assert "<h1>Sign in</h1>" in client.get(reverse("login")).content.decode()


def test_a_request_in_english_does_not_leave_the_thread_in_english(client):
    from django.utils import translation

    client.post(reverse("set_language"), {"language": "en", "next": "/log-ind/"})
    client.get(reverse("login"))
    assert translation.get_language() == "da"


def test_accessibility_statement_is_public_danish_and_linked_from_every_footer(client, client_for, jurist):
    html = client.get(reverse("core:accessibility")).content.decode()
    assert "<h1>Tilgængelighedserklæring</h1>" in html
    assert "overholder delvist" in html and "Digitaliseringsstyrelsen" in html
    link = f'<a href="{reverse("core:accessibility")}">Tilgængelighedserklæring</a>'
    for path in ["/log-ind/", "/klage/", "/whistleblower/"]:
        assert link in client.get(path).content.decode(), path
    assert link in client_for(jurist).get("/sager/").content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "<h1>Accessibility statement</h1>" in client.get(reverse("core:accessibility")).content.decode()
