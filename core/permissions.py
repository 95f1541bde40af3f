"""Who may do what: the one place where core's access decisions are made.

Each app has its own ``permissions.py`` built on these helpers; views declare their
audience with ``role_required`` (or ``login_not_required`` for the public pages).
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from .roles import Role


def user_roles(user) -> frozenset[str]:
    """The role (group) names of ``user``, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user, *roles: str) -> bool:
    """True if ``user`` belongs to any of ``roles``. Superusers get no implicit roles."""
    return not user_roles(user).isdisjoint(str(role) for role in roles)


def is_whistleblower_unit_member(user) -> bool:
    """The only question that opens whistleblower content (DOMAIN §1, §5).

    Membership of the ``whistleblower_unit`` group, and nothing else: ``is_superuser`` and
    Django permissions do not count. A superuser is never a member, even if put in the group
    by some path the guards did not foresee: whoever runs the general administration (and so
    could reset members' passwords) stays apart from the reports.
    """
    return has_role(user, Role.WHISTLEBLOWER_UNIT) and not getattr(user, "is_superuser", False)


def is_caseworker(user) -> bool:
    """Jurists and the head work on complaints, consultations and supervisions."""
    return has_role(user, Role.JURIST, Role.HEAD)


def caseworkers():
    """The people who can be responsible for a case: active jurists and the head, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.JURIST, Role.HEAD])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def can_import_case_data(user) -> bool:
    """Imports and exports of case data are the secretariat's (DOMAIN §1)."""
    return has_role(user, Role.SECRETARIAT)


def can_administer(user) -> bool:
    """May open Django's admin for reference data (departments, units, contacts)."""
    return bool(getattr(user, "is_staff", False)) and user.is_active


def role_required(*roles: str):
    """View decorator: only members of ``roles``; anybody else signed in gets 403.

    Anonymous users never get here: ``LoginRequiredMiddleware`` sends them to sign in.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = tuple(str(r) for r in roles)
        return wrapped

    return decorator
