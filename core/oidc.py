"""Sign-in through the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

Configured by environment variables (config/settings/base.py, README "Production"); off when
``OIDC_RP_CLIENT_ID`` is empty. A person is found by the provider's stable subject identifier
(``core.ExternalIdentity``), never by e-mail. Their roles come from the provider's group claim
through ``OIDC_ROLE_MAP`` at every sign-in: jurist, head, committee and secretariat are set to
exactly what the claim says. The whistleblower unit is different: the claim can only take it
away — a member the provider no longer lists leaves the unit (``roles_synced``, handled by the
whistleblower app) — and never gives it; the unit adds its members itself, and a second factor
still needs an enrolment code (whistleblower.membership). Nobody becomes a superuser this way.

Local passwords stay for development and for the break-glass accounts named in
``BREAK_GLASS_USERS``: with the identity provider configured, nobody else signs in with a
password here (``LocalPasswordBackend``).
"""

import logging
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.dispatch import Signal
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import ExternalIdentity
from .roles import Role

log = logging.getLogger(__name__)

# Roles the provider's claim sets in full at each sign-in; the unit is not among them.
PROVIDER_ROLES = {str(Role.JURIST), str(Role.HEAD), str(Role.COMMITTEE), str(Role.SECRETARIAT)}
STAFF_ROLES = {str(Role.HEAD), str(Role.SECRETARIAT)}  # may open the admin

# Sent after a sign-in with ``user`` and ``roles`` (the roles the claim maps to).
roles_synced = Signal()


def roles_from_claims(claims: dict) -> set[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return {settings.OIDC_ROLE_MAP[g] for g in groups if g in settings.OIDC_ROLE_MAP}


def provider_lists_unit(user) -> bool | None:
    """Whether the identity provider lists ``user`` in the unit's group at the last sign-in;
    None when the provider does not decide (no provider, no mapping for the unit, or a local
    account)."""
    if not settings.OIDC_ENABLED or str(Role.WHISTLEBLOWER_UNIT) not in settings.OIDC_ROLE_MAP.values():
        return None
    identity = ExternalIdentity.objects.filter(user=user).first()
    if identity is None:
        return None
    return str(Role.WHISTLEBLOWER_UNIT) in identity.roles_from_provider


class OIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return get_user_model().objects.filter(
            external_identity__issuer=settings.OIDC_ISSUER, external_identity__subject=str(claims["sub"])
        )

    def create_user(self, claims):
        user = get_user_model().objects.create_user(_free_username(claims))
        user.set_unusable_password()
        ExternalIdentity.objects.create(user=user, issuer=settings.OIDC_ISSUER, subject=str(claims["sub"]))
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        user.first_name = str(claims.get("given_name") or user.first_name)[:150]
        user.last_name = str(claims.get("family_name") or user.last_name)[:150]
        user.email = str(claims.get("email") or user.email)[:254]
        roles = roles_from_claims(claims)
        user.is_staff = bool(roles & STAFF_ROLES) or user.is_superuser
        user.save()
        keep = roles & PROVIDER_ROLES
        user.groups.remove(*Group.objects.filter(name__in=PROVIDER_ROLES - keep))
        user.groups.add(*Group.objects.filter(name__in=keep))
        ExternalIdentity.objects.filter(user=user).update(
            roles_from_provider=sorted(roles), last_sign_in=timezone.now()
        )
        user._role_names = None
        roles_synced.send(sender=OIDCBackend, user=user, roles=roles)
        return user


def _free_username(claims: dict) -> str:
    wanted = str(claims.get("preferred_username") or claims.get("email") or "bruger").split("@")[0]
    base = re.sub(r"[^\w.+-]", "", wanted)[:120] or "bruger"
    User = get_user_model()
    name, n = base, 1
    while User.objects.filter(username=name).exists():
        n += 1
        name = f"{base}{n}"
    return name


class LocalPasswordBackend(ModelBackend):
    """Passwords kept in this system: for everybody in development; with the identity provider
    configured, only for the break-glass accounts in ``BREAK_GLASS_USERS``."""

    def user_can_authenticate(self, user):
        if settings.OIDC_ENABLED and user.get_username() not in settings.BREAK_GLASS_USERS:
            return False
        return super().user_can_authenticate(user)
