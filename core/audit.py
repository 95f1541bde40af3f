"""Writing audit events. Only codes and references, never personal data or content."""

from .models import AuditEvent


def audit_record(*, actor, action: str, obj=None, object_type: str = "", object_ref: str = "") -> AuditEvent:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_ref = object_ref or str(obj.pk)
    user = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        actor=user, action=action, object_type=object_type, object_ref=object_ref
    )
