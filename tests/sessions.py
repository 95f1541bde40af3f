"""Signing test clients in without the login form."""

from django_otp.plugins.otp_totp.models import TOTPDevice


def sign_in_with_second_factor(client, user):
    """``client`` signed in as ``user`` with a confirmed TOTP device already verified in the
    session — a whistleblower-unit member past the second-factor page."""
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
