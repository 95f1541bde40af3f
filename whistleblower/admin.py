"""No whistleblower model is in the general admin — not even to superusers (DOMAIN §5).

django-otp registers its TOTP devices there; a superuser outside the unit could then read a
unit member's TOTP key and stand in for their second factor. The unit's devices are managed
on the unit's own second-factor page instead."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)
