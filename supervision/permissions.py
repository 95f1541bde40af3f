"""Who may do what with supervisions — decided here and nowhere else."""

from core.disqualification import without_disqualified
from core.permissions import has_role, is_caseworker, role_required
from core.roles import Role


def can_handle_supervisions(user) -> bool:
    """Jurists and the head work on supervisions."""
    return is_caseworker(user)


def can_conclude(user) -> bool:
    """Only the head concludes: criticism is the Borgerrådgiver's call (DOMAIN §4)."""
    return has_role(user, Role.HEAD)


def supervisions_visible_to(user, queryset=None):
    # here, not at the top: supervision.models imports this module (the transitions' permission checks)
    from .models import Supervision

    queryset = Supervision.objects.all() if queryset is None else queryset
    return without_disqualified(queryset, user) if can_handle_supervisions(user) else queryset.none()


# Declared audience of every supervision view: jurists and the head.
caseworker_required = role_required(Role.JURIST, Role.HEAD)
