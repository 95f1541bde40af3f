"""Who is in the whistleblower unit, and how a member gets a second factor.

Membership of the ``whistleblower_unit`` group is what opens the reports (DOMAIN §1, §5), so
it is changed in one place only: these services, reached from the unit's own area by a
verified member giving a reason, or — for the very first member, or to recover a unit that
has no member with a second factor left — by ``manage.py wb_first_member`` on the server.
The general admin cannot change the group (whistleblower.admin), and a guard on the
group-membership table refuses every other path (a superuser in the admin, a script): a change
outside ``_permitted_change`` raises ``UnitMembershipLocked``.

A member's second factor is enrolled only with a one-time enrolment code issued by a verified
member (or the command), never with the password alone. Every change is written to the unit's
access log and mailed to the unit's members — without names, reasons or anything about a
report.
"""

import contextlib
import contextvars
import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.formatting import short_datetime
from core.oidc import provider_lists_unit, roles_synced
from core.roles import Role
from core.workflow import system_text
from ops.outbox import queue_mail

from .models import AccessAction, AccessLog, EnrolmentCode, Message, ReportEvent
from .permissions import is_unit

UNIT = str(Role.WHISTLEBLOWER_UNIT)
ENROLMENT_CODE_HOURS = 72
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper
_CODE_LENGTH = 16  # 16 × 5 bits = 80 bits


class UnitMembershipLocked(PermissionDenied):
    """The unit's membership was about to change outside the unit's own services."""


_permitted = contextvars.ContextVar("whistleblower_membership_change", default=False)


@contextlib.contextmanager
def _permitted_change():
    token = _permitted.set(True)
    try:
        yield
    finally:
        _permitted.reset(token)


def unit_group() -> Group:
    return Group.objects.get(name=UNIT)


def members():
    """The unit's members (active or not), for the unit's own members page."""
    return get_user_model().objects.filter(groups__name=UNIT).order_by("first_name", "last_name", "username")


def has_unit_records(users) -> set[int]:
    """The ids among ``users`` that the unit's records refer to (members, and everybody who
    ever acted in the unit): the general admin may neither delete nor list them as related
    objects — that list would name reports and say who handled what."""
    ids = {u.pk for u in users}
    if not ids:
        return set()
    found = set(get_user_model().objects.filter(pk__in=ids, groups__name=UNIT).values_list("pk", flat=True))
    for model, columns in (
        (AccessLog, ("actor_id", "member_id")),
        (EnrolmentCode, ("user_id", "issued_by_id")),
        (Message, ("author_id",)),
        (ReportEvent, ("actor_id",)),
        (TOTPDevice, ("user_id",)),
    ):
        for column in columns:
            found |= set(
                model.objects.filter(**{f"{column}__in": ids - found}).values_list(column, flat=True)
            )
    return found


# --- the guard ----------------------------------------------------------------------------


@receiver(m2m_changed, sender=get_user_model().groups.through)
def _guard_membership(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear") or _permitted.get():
        return
    group = Group.objects.filter(name=UNIT).only("pk").first()
    if group is None:
        return
    if reverse:  # group.user_set.add(...): ``instance`` is the group
        touches = instance.pk == group.pk
    elif action == "pre_clear":
        touches = instance.groups.filter(pk=group.pk).exists()
    else:
        touches = group.pk in (pk_set or ())
    if touches:
        raise UnitMembershipLocked("The whistleblower unit's membership is changed only by the unit itself.")


@receiver(pre_save, sender=Group)
def _guard_group_name(sender, instance, **kwargs):
    if instance.pk is None:
        return
    stored = Group.objects.filter(pk=instance.pk).values_list("name", flat=True).first()
    if stored == UNIT and instance.name != UNIT:
        raise UnitMembershipLocked("The whistleblower unit's group cannot be renamed.")


@receiver(pre_delete, sender=Group)
def _guard_group_delete(sender, instance, **kwargs):
    if instance.name == UNIT:
        raise UnitMembershipLocked("The whistleblower unit's group cannot be deleted.")


# --- enrolment codes ----------------------------------------------------------------------


def _hash(code: str) -> str:
    return hmac.new(b"wb-enrolment", normalise_code(code).encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch in _ALPHABET)


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _issue_code(*, user, by) -> tuple[EnrolmentCode, str]:
    """Withdraw the member's earlier codes and devices, and issue a new code (shown once)."""
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    # A new code means a new device: the old one may be lost or in the wrong hands.
    TOTPDevice.objects.filter(user=user).delete()
    code = _new_code()
    enrolment = EnrolmentCode.objects.create(
        user=user,
        code_hash=_hash(code),
        issued_by=by,
        issued_at=now,
        expires_at=now + timedelta(hours=ENROLMENT_CODE_HOURS),
    )
    return enrolment, code


def enrolment_for_code(*, user, code: str) -> EnrolmentCode | None:
    """The usable enrolment code of ``user`` that ``code`` matches, or None."""
    wanted = _hash(code)
    for enrolment in EnrolmentCode.objects.filter(
        user=user, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
    ):
        if hmac.compare_digest(enrolment.code_hash, wanted):
            return enrolment
    return None


def pending_enrolment(user) -> EnrolmentCode | None:
    return (
        EnrolmentCode.objects.filter(
            user=user, used_at__isnull=True, withdrawn_at__isnull=True, expires_at__gt=timezone.now()
        )
        .order_by("-issued_at")
        .first()
    )


# --- services -----------------------------------------------------------------------------

CHANGE_SUBJECT = gettext_lazy("The whistleblower unit: a change to its members or second factors")
CHANGE_BODY = gettext_lazy(
    "A change was made in the whistleblower unit at %(time)s: %(change)s.\n\n"
    "See the unit's members page: %(link)s\n\n"
    "If you do not know about this change, contact the unit at once."
)


def _log_and_notify(*, action: str, by, member, reason: str) -> None:
    AccessLog.objects.create(actor=by, member=member, action=action, reason=reason)
    recipients = set(members().filter(is_active=True).exclude(email="").values_list("email", flat=True))
    if member.email:
        recipients.add(member.email)  # a removed member is told too
    if not recipients:
        return
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("whistleblower:unit_members")
    when = short_datetime(timezone.now())
    body = system_text(
        CHANGE_BODY, time=when, change=lambda: str(AccessAction(action).label).lower(), link=link
    )
    queue_mail(
        subject=system_text(CHANGE_SUBJECT),
        body=body,
        recipients=sorted(recipients),
        purpose="whistleblower unit notice",
        confidential=True,
    )


def _require_reason(reason: str) -> str:
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Give the reason.")]})
    return reason.strip()


def _require_unit_actor(by) -> None:
    if not is_unit(by):
        raise PermissionDenied


@transaction.atomic
def member_add(*, user, by, reason: str) -> str:
    """A verified member adds ``user`` to the unit; returns the new member's enrolment code
    (shown once, handed over in person)."""
    _require_unit_actor(by)
    reason = _require_reason(reason)
    return _add(user=user, by=by, reason=reason)


def _add(*, user, by, reason: str) -> str:
    if not user.is_active:
        raise ValidationError({"user": [_("The account is deactivated.")]})
    if user.is_superuser:
        raise ValidationError(
            {
                "user": [
                    _("A superuser cannot be a member of the unit: the general administration stays apart.")
                ]
            }
        )
    if is_unit(user):
        raise ValidationError({"user": [_("The person is already a member of the unit.")]})
    if provider_lists_unit(user) is False:
        raise ValidationError(
            {
                "user": [
                    _(
                        "The municipality's identity provider does not list the person in the "
                        "unit's group: both must agree."
                    )
                ]
            }
        )
    with _permitted_change():
        user.groups.add(unit_group())
    user._role_names = None  # the cached roles are stale now
    _log_and_notify(action=AccessAction.MEMBER_ADDED, by=by, member=user, reason=reason)
    _enrolment, code = _issue_code(user=user, by=by)
    AccessLog.objects.create(actor=by, member=user, action=AccessAction.ENROLMENT_CODE_ISSUED)
    return code


def _verified_members_other_than(user):
    return members().filter(is_active=True, totpdevice__confirmed=True).exclude(pk=user.pk).distinct()


@transaction.atomic
def member_remove(*, user, by, reason: str) -> None:
    """Remove ``user`` from the unit. Their second factor and codes go; the unit's records
    (log, messages, timeline) stay intact and still name them."""
    _require_unit_actor(by)
    reason = _require_reason(reason)
    if not members().filter(pk=user.pk).exists():
        raise ValidationError({"user": [_("The person is not a member of the unit.")]})
    if not _verified_members_other_than(user).exists():
        raise ValidationError({"user": [_("The unit must keep at least one member with a second factor.")]})
    _remove(user=user, by=by, reason=reason)


def _remove(*, user, by, reason: str) -> None:
    with _permitted_change():
        user.groups.remove(unit_group())
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    TOTPDevice.objects.filter(user=user).delete()
    _log_and_notify(action=AccessAction.MEMBER_REMOVED, by=by, member=user, reason=reason)


@transaction.atomic
def enrolment_code_issue(*, user, by, reason: str) -> str:
    """A new enrolment code for a member (a lost or new phone): the member's present second
    factor stops working at once."""
    _require_unit_actor(by)
    reason = _require_reason(reason)
    if not is_unit(user):
        raise ValidationError({"user": [_("The person is not a member of the unit.")]})
    _enrolment, code = _issue_code(user=user, by=by)
    _log_and_notify(action=AccessAction.ENROLMENT_CODE_ISSUED, by=by, member=user, reason=reason)
    return code


@transaction.atomic
def first_member(*, user, reason: str) -> str:
    """For ``wb_first_member`` on the server: only while no active member has a second
    factor (a new installation, or a unit that lost them all). Adds ``user`` if needed and
    issues an enrolment code."""
    reason = _require_reason(reason)
    if members().filter(is_active=True, totpdevice__confirmed=True).exists():
        raise ValidationError(
            _(
                "The unit already has a member with a second factor: members are added in the "
                "unit's own area (Whistleblower unit → Members)."
            )
        )
    if not is_unit(user):
        return _add(user=user, by=None, reason=reason)
    _enrolment, code = _issue_code(user=user, by=None)
    _log_and_notify(action=AccessAction.ENROLMENT_CODE_ISSUED, by=None, member=user, reason=reason)
    return code


@transaction.atomic
def second_factor_enrol(*, user, enrolment_id: int, device_id: int) -> TOTPDevice:
    """Confirm the device set up after a valid enrolment code; the code is used up."""
    enrolment = EnrolmentCode.objects.select_for_update().filter(pk=enrolment_id, user=user).first()
    device = TOTPDevice.objects.filter(pk=device_id, user=user, confirmed=False).first()
    if enrolment is None or device is None or not enrolment.usable() or not is_unit(user):
        raise ValidationError(_("The enrolment code is no longer valid. Ask the unit for a new one."))
    enrolment.used_at = timezone.now()
    enrolment.save(update_fields=["used_at"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _log_and_notify(action=AccessAction.SECOND_FACTOR_ENROLLED, by=user, member=user, reason="")
    return device


PROVIDER_REASON = gettext_lazy(
    "The municipality's identity provider no longer lists the person in the unit's group."
)


@receiver(roles_synced)
def _follow_the_provider(sender, user, roles, **kwargs) -> None:
    """At a sign-in through the identity provider: a member the provider no longer lists in the
    unit's group leaves the unit (the provider can take membership away, never give it)."""
    if provider_lists_unit(user) is False and members().filter(pk=user.pk).exists():
        with transaction.atomic():
            _remove(user=user, by=None, reason=system_text(PROVIDER_REASON))
