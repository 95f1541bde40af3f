"""Sign-in and sign-out are audited. A failed sign-in is not: the attempted username could
be anything a person typed (a CPR number by mistake), and an audit row must hold no personal
data."""

import logging

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .audit import audit_record

log = logging.getLogger(__name__)


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit_record(actor=user, action="auth.login")


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="auth.logout")


@receiver(user_locked_out)
def log_lockout(sender, request, username, ip_address, **kwargs):
    """django-axes locked a user name for one client: worth a line in the log, but without
    the name or the address (the name could be anything a person typed)."""
    log.warning("Sign-in locked for %s after repeated wrong passwords.", settings.AXES_COOLOFF_TIME)
