"""Disqualification (inhabilitet, forvaltningsloven § 3) on a complaint, a consultation or a
supervision (DOMAIN §9).

A caseworker declares themselves disqualified, with the reason, or the head records it for
them. From then on the person cannot be the case's caseworker (the services refuse with the
reason), cannot move the case or conclude a supervision (``core.workflow.apply_transition``),
and sees only the case's number and the fact of the disqualification: the case apps' scoping
(``<app>.permissions.<cases>_visible_to``) leaves the case out of every list and search, and a
page of the case answers 403 with the number and the fact (``Disqualified``).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import audit_record
from .models import CaseNote, Disqualification
from .permissions import has_role, is_caseworker
from .roles import Role
from .workflow import system_text

RECORDED_NOTE = gettext_lazy(
    "%(name)s is disqualified in the case (forvaltningsloven § 3) and no longer works on it. "
    "Reason: %(reason)s"
)


class Disqualified(PermissionDenied):
    """The reader is disqualified on the case: the 403 page names the case and the fact, and
    nothing else of it."""

    def __init__(self, case_number: str):
        super().__init__(case_number)
        self.case_number = case_number


def _field(instance) -> str | None:
    name = instance._meta.model_name
    return name if name in Disqualification.CASE_FIELDS else None


def is_disqualified(instance, person) -> bool:
    field = _field(instance)
    if field is None or not getattr(person, "pk", None):
        return False
    return Disqualification.objects.filter(**{field: instance, "person": person}).exists()


def without_disqualified(queryset, user):
    """``queryset`` (complaints, consultations or supervisions) without the cases ``user`` is
    disqualified on."""
    if not getattr(user, "pk", None):
        return queryset
    return queryset.exclude(disqualifications__person=user)


def case_or_404(queryset, user, **lookup):
    """The case ``lookup`` finds among those ``user`` may see (``queryset``, scoped by the app's
    permissions); if it is not there because the user is disqualified on it, 403 with the
    case's number and the fact; otherwise 404."""
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist:
        pass
    if getattr(user, "pk", None):
        number = (
            queryset.model.objects.filter(**lookup, disqualifications__person=user)
            .values_list("case_number", flat=True)
            .first()
        )
        if number:
            raise Disqualified(number)
    raise Http404


def ensure_may_be_responsible(instance, person) -> None:
    """A disqualified person cannot be the case's caseworker (the reason, in Danish)."""
    if person is not None and is_disqualified(instance, person):
        name = person.get_full_name() or person.get_username()
        raise ValidationError(
            _("%(name)s is disqualified in this case (forvaltningsloven § 3) and cannot be its caseworker.")
            % {"name": name}
        )


@transaction.atomic
def disqualification_record(*, instance, person, by, reason: str) -> Disqualification:
    """``person`` is disqualified on ``instance``: declared by themselves, or recorded by the
    head. If they were the caseworker, the case goes back to nobody's (the head reassigns it,
    from the workload page's unassigned cases). On the case's timeline and in the audit log."""
    field = _field(instance)
    if field is None:
        raise ValidationError(
            _("Disqualification is recorded on complaints, consultations and supervisions.")
        )
    if by.pk != person.pk and not has_role(by, Role.HEAD):
        raise PermissionDenied
    if not is_caseworker(person):
        raise ValidationError({"person": _("Only a jurist or the head can be disqualified on a case.")})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the disqualification.")})
    locked = type(instance).objects.select_for_update().get(pk=instance.pk)
    if Disqualification.objects.filter(**{field: locked, "person": person}).exists():
        raise ValidationError(_("The disqualification is already recorded."))
    disqualification = Disqualification.objects.create(
        **{field: locked}, person=person, reason=reason, recorded_by=by
    )
    if locked.responsible_id == person.pk:
        locked.responsible = None
        locked.save(update_fields=["responsible"])
    name = person.get_full_name() or person.get_username()
    CaseNote.objects.create(
        **{field: locked}, author=by, text=system_text(RECORDED_NOTE, name=name, reason=reason), system=True
    )
    audit_record(actor=by, action="disqualification_recorded", obj=locked)
    return disqualification
