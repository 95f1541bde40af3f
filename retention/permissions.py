"""Who may use the retention schedule — decided here and nowhere else: the secretariat."""

from core.permissions import has_role, role_required
from core.roles import Role


def can_manage_retention(user) -> bool:
    return has_role(user, Role.SECRETARIAT)


retention_managers_required = role_required(Role.SECRETARIAT)
