"""Encryption at rest for whistleblower content (DOMAIN §5).

Free text and files are Fernet tokens (AES-128-CBC + HMAC-SHA256) under ``WB_ENCRYPTION_KEY``
— a key of its own, never Django's SECRET_KEY. The setting may hold several keys separated by
commas: the first encrypts, all decrypt, so keys can be rotated (``wb_rotate_key``).
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.db import models
from django.dispatch import receiver


@lru_cache(maxsize=1)
def _fernet(keys: str) -> MultiFernet:
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise ImproperlyConfigured("WB_ENCRYPTION_KEY is not set.")
    try:
        return MultiFernet([Fernet(k) for k in parts])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "WB_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64 bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet(settings.WB_ENCRYPTION_KEY)


@receiver(setting_changed)
def _forget_keys(setting, **kwargs):
    if setting == "WB_ENCRYPTION_KEY":
        _fernet.cache_clear()


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


def encrypt_text(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii") if text else ""


def decrypt_text(token: str) -> str:
    if not token:
        return ""
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        raise ImproperlyConfigured(
            "Whistleblower content cannot be decrypted with WB_ENCRYPTION_KEY."
        ) from exc


class EncryptedTextField(models.TextField):
    """Text that is only ever stored encrypted; the ORM hands out plaintext.

    It cannot be searched or filtered on (by design: no ``LIKE`` over report content)."""

    def from_db_value(self, value, expression, connection):
        return decrypt_text(value) if value else ""

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt_text(value) if value else ""

    def get_lookup(self, lookup_name):
        if lookup_name not in ("exact", "isnull"):
            return None  # no icontains, startswith … over encrypted content
        return super().get_lookup(lookup_name)
