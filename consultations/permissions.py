"""Who may do what with consultations and teaching — decided here and nowhere else: the
caseworkers (jurists and the head), as with complaints."""

from core.disqualification import without_disqualified
from core.permissions import is_caseworker, role_required
from core.roles import Role


def can_handle(instance, user) -> bool:
    """The transitions' permission check (django-fsm): any caseworker."""
    return is_caseworker(user)


def consultations_visible_to(user, queryset=None):
    """The consultations ``user`` may see at all — not those they are disqualified on
    (core.disqualification); everything else is 404."""
    # here, not at the top: consultations.models imports this module (the transitions' permission checks)
    from .models import Consultation

    queryset = Consultation.objects.all() if queryset is None else queryset
    return without_disqualified(queryset, user) if is_caseworker(user) else queryset.none()


# Declared audience of every consultation view: jurists and the head.
def caseworker_required(view):
    return role_required(Role.JURIST, Role.HEAD)(view)
