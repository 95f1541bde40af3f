"""Who may do what with complaints — decided here and nowhere else."""

from core.disqualification import without_disqualified
from core.permissions import has_role, is_caseworker, role_required
from core.roles import Role


def can_handle_complaints(user) -> bool:
    """Jurists and the head handle complaints and their files."""
    return is_caseworker(user)


def may_see_full_cpr(user, complaint) -> bool:
    """The full CPR number only on the case page of somebody who may handle the case."""
    return can_handle_complaints(user)


def complaints_visible_to(user, queryset=None):
    """The complaints ``user`` may see at all — not those they are disqualified on
    (core.disqualification); everything else is 404."""
    # here, not at the top: complaints.models imports this module (the transitions' permission checks)
    from .models import Complaint

    queryset = Complaint.objects.all() if queryset is None else queryset
    return without_disqualified(queryset, user) if can_handle_complaints(user) else queryset.none()


# Declared audience of every internal complaints view: jurists and the head.
def caseworker_required(view):
    return role_required(Role.JURIST, Role.HEAD)(view)


# Declared audience of the department export: the secretariat.
def secretariat_required(view):
    return role_required(Role.SECRETARIAT)(view)


def can_see_workload(user) -> bool:
    """The head follows the load per caseworker."""
    return has_role(user, Role.HEAD)


# Declared audience of the workload overview: the head.
def head_required(view):
    return role_required(Role.HEAD)(view)
