"""Who may see the statistics: aggregates only, for the committee, the head, the secretariat
and the jurists. Nothing on these pages names a case, a person or holds free text."""

from core.permissions import has_role, role_required
from core.roles import Role

STATISTICS_ROLES = (Role.COMMITTEE, Role.HEAD, Role.SECRETARIAT, Role.JURIST)


def can_view_statistics(user) -> bool:
    return has_role(user, *STATISTICS_ROLES)


# Declared audience of every statistics view.
statistics_required = role_required(*STATISTICS_ROLES)
