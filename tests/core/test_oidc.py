"""Sign-in through the municipality's identity provider — a real OpenID Connect provider
(oidc-provider-mock, running on a local port), not a mock of the client (issue 18)."""

import socket
from urllib.parse import quote, urlparse

import httpx
import oidc_provider_mock
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import ExternalIdentity
from core.permissions import is_whistleblower_unit_member, user_roles
from tests.factories import UserFactory
from whistleblower import membership
from whistleblower.models import AccessLog

pytestmark = pytest.mark.django_db

ROLE_MAP = {
    "BR-Jurister": "jurist",
    "BR-Leder": "head",
    "BR-Sekretariat": "secretariat",
    "BR-Whistleblower": "whistleblower_unit",
}


@pytest.fixture(scope="module")
def provider():
    with oidc_provider_mock.run_server_in_thread() as server:
        base = f"http://localhost:{server.server_port}"
        yield base, httpx.get(f"{base}/.well-known/openid-configuration").json()


def oidc_settings(settings, discovery, *, break_glass=()):
    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "borgerraadgiver"
    settings.OIDC_RP_CLIENT_SECRET = "hemmelig"
    settings.OIDC_ISSUER = discovery["issuer"]
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.BREAK_GLASS_USERS = list(break_glass)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "core.oidc.OIDCBackend"]
    # The test provider signs its ID tokens without a key id ("kid"); it has one key only.
    settings.OIDC_VERIFY_KID = False


@pytest.fixture
def oidc(settings, provider):
    base, discovery = provider
    oidc_settings(settings, discovery)
    return base


def set_claims(base, sub, **claims):
    assert httpx.put(f"{base}/users/{quote(sub)}", json=claims).status_code == 204


def sign_in_through_provider(client: Client, sub: str):
    """The browser's way: our start page → the provider's form → back with a code."""
    start = client.get("/log-ind/kommunen/")
    assert start.status_code == 302, start.content
    assert start["Location"].startswith("http://localhost:")
    authorized = httpx.post(start["Location"], data={"sub": sub})
    assert authorized.status_code == 302, authorized.text
    back = urlparse(authorized.headers["location"])
    assert back.path == "/log-ind/kommunen/svar/"
    return client.get(f"{back.path}?{back.query}")


def test_the_login_page_offers_the_municipal_account_first(oidc, client):
    html = client.get("/log-ind/").content.decode()
    assert "Log ind med din kommunale brugerkonto" in html
    assert html.index("/log-ind/kommunen/") < html.index('name="password"')


def test_a_jurist_signs_in_and_gets_the_roles_of_their_groups(oidc, client):
    set_claims(
        oidc,
        "a1b2-jonas",
        email="jonas.juul@kk.example",
        given_name="Jonas",
        family_name="Juul",
        preferred_username="JJ01",
        groups=["BR-Jurister", "Andet-Ukendt"],
    )
    response = sign_in_through_provider(client, "a1b2-jonas")
    assert response.status_code == 302 and response["Location"] == "/"
    user = get_user_model().objects.get(external_identity__subject="a1b2-jonas")
    assert (user.username, user.first_name, user.email) == ("JJ01", "Jonas", "jonas.juul@kk.example")
    assert user_roles(user) == {"jurist"}
    assert not user.has_usable_password() and not user.is_staff
    assert client.get("/sager/").status_code == 200


def test_the_groups_decide_the_roles_at_every_sign_in(oidc, client):
    set_claims(oidc, "sara", preferred_username="sara", groups=["BR-Sekretariat"])
    sign_in_through_provider(client, "sara")
    user = get_user_model().objects.get(username="sara")
    assert user_roles(user) == {"secretariat"} and user.is_staff
    set_claims(oidc, "sara", preferred_username="sara", groups=["BR-Jurister"])
    sign_in_through_provider(Client(), "sara")
    user = get_user_model().objects.get(username="sara")
    user._role_names = None
    assert user_roles(user) == {"jurist"} and not user.is_staff
    assert ExternalIdentity.objects.get(user=user).roles_from_provider == ["jurist"]


def test_the_unit_group_claim_never_gives_membership(oidc, client):
    set_claims(oidc, "wilma", preferred_username="wilma", groups=["BR-Whistleblower"])
    sign_in_through_provider(client, "wilma")
    user = get_user_model().objects.get(username="wilma")
    assert not is_whistleblower_unit_member(user)
    assert client.get("/whistleblower/enhed/").status_code == 404


def test_the_unit_adds_only_people_the_provider_lists_and_the_provider_can_take_them_away(oidc):
    colleague = UserFactory(username="wb-kollega", roles=["whistleblower_unit"])
    TOTPDevice.objects.create(user=colleague, name="app", confirmed=True)
    set_claims(oidc, "karl", preferred_username="karl", groups=["BR-Jurister"])
    sign_in_through_provider(Client(), "karl")
    karl = get_user_model().objects.get(username="karl")
    with pytest.raises(Exception, match="identitetsudbyder"):
        membership.member_add(user=karl, by=colleague, reason="Ny i enheden")
    set_claims(oidc, "karl", preferred_username="karl", groups=["BR-Jurister", "BR-Whistleblower"])
    sign_in_through_provider(Client(), "karl")
    karl.refresh_from_db()
    membership.member_add(user=karl, by=colleague, reason="Ny i enheden")
    assert is_whistleblower_unit_member(get_user_model().objects.get(pk=karl.pk))
    # Left the unit's group at the provider: at the next sign-in, out of the unit, logged.
    set_claims(oidc, "karl", preferred_username="karl", groups=["BR-Jurister"])
    sign_in_through_provider(Client(), "karl")
    assert not is_whistleblower_unit_member(get_user_model().objects.get(pk=karl.pk))
    entry = AccessLog.objects.get(member=karl, action="member_removed")
    assert entry.actor is None and "identitetsudbyder" in entry.reason


def test_with_the_provider_on_only_break_glass_accounts_use_a_password(settings, provider):
    _base, discovery = provider
    oidc_settings(settings, discovery, break_glass=["noedadgang"])
    UserFactory(username="noedadgang", roles=["secretariat"])
    UserFactory(username="almindelig", roles=["jurist"])
    refused = Client().post("/log-ind/", {"username": "almindelig", "password": "correct horse battery"})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session
    allowed = Client().post("/log-ind/", {"username": "noedadgang", "password": "correct horse battery"})
    assert allowed.status_code == 302


def test_the_provider_down_gives_staff_a_danish_message_and_citizens_carry_on(settings, provider, client):
    _base, discovery = provider
    oidc_settings(settings, discovery)
    with socket.socket() as probe:  # a port where nothing answers
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{dead}/jwks"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{dead}/token"
    response = client.get("/log-ind/kommunen/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Kommunens login svarer ikke" in html and "klageblanketten" in html
    # The provider answered the start but failed while we fetched the token: the same page.
    settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
    callback = sign_in_through_provider(client, "nogen")
    assert callback.status_code == 503 and "Kommunens login svarer ikke" in callback.content.decode()
    assert Client().get("/klage/").status_code == 200
    assert Client().get("/whistleblower/").status_code == 200


def test_without_a_provider_its_pages_do_not_exist(client):
    assert client.get("/log-ind/kommunen/").status_code == 404
    assert client.get("/log-ind/kommunen/svar/").status_code == 404
    assert "kommunale brugerkonto" not in client.get("/log-ind/").content.decode()


def test_the_start_page_asks_the_provider_once_for_many_visitors_and_throttles_a_loop(
    oidc, client, monkeypatch
):
    """Issue 22: an anonymous GET of the start page made the server fetch the provider's keys,
    unthrottled. The provider's answer is remembered for half a minute, and one client gets
    thirty starts per ten minutes."""
    import requests
    from django.core.cache import cache

    cache.clear()
    fetched = []
    real_get = requests.get
    monkeypatch.setattr(requests, "get", lambda url, **kw: fetched.append(url) or real_get(url, **kw))
    answers = [client.get("/log-ind/kommunen/").status_code for _ in range(31)]
    assert answers == [302] * 30 + [429]
    assert len(fetched) == 1  # the provider's keys were fetched once, for thirty starts
    page = client.get("/log-ind/kommunen/")
    assert page.status_code == 429 and "Vent ti minutter" in page.content.decode()
    assert Client(REMOTE_ADDR="198.51.100.20").get("/log-ind/kommunen/").status_code == 302  # another client
