"""The yearly report is made by the secretariat and the head."""

from core.permissions import has_role, role_required
from core.roles import Role


def can_make_report(user) -> bool:
    return has_role(user, Role.SECRETARIAT, Role.HEAD)


# Declared audience of every yearly-report view.
report_makers_required = role_required(Role.SECRETARIAT, Role.HEAD)
