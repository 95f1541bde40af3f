"""The organisation's records: the audit log and the sign-in identities (the identity
provider's subject for a user). The platform's own records (outbox, periodic jobs, file
deletions waiting) are in ``ops.models``."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Append-only record of who did what to which object, and when.

    Deliberately has no free-text field: an audit row must never carry personal data or
    report content, only codes and references. Updates are refused by the model and, as a
    second line, by a database trigger (migration 0004).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_ref = models.CharField(_("object reference"), max_length=32, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_ref}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditEvent.Immutable("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEvent.Immutable("Audit events are append-only.")

    class Immutable(Exception):
        pass


class ExternalIdentity(models.Model):
    """A person's account at the municipality's identity provider (OpenID Connect): the
    provider's stable subject identifier, and the roles its group claim gave at the last
    sign-in (core.oidc)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identity"
    )
    issuer = models.CharField(max_length=200)
    subject = models.CharField(max_length=255)
    roles_from_provider = models.JSONField(default=list)
    last_sign_in = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"
