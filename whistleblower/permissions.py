"""Who may touch whistleblower data: the unit, and nobody else (superusers included)."""

from core.permissions import is_whistleblower_unit_member


def can_import_whistleblower_data(user) -> bool:
    return is_whistleblower_unit_member(user)
