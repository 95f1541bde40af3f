"""Who may touch whistleblower data: the unit, and nobody else — superusers included.

Every unit view is reached only through ``unit_member_required``: anybody else gets 404 (the
pages' existence does not leak), and a member without a confirmed second factor is sent to
set one up or to enter a code.
"""

from functools import wraps

from django.http import Http404
from django.shortcuts import redirect

from core.permissions import is_whistleblower_unit_member


def is_unit(user) -> bool:
    return is_whistleblower_unit_member(user)


def can_import_whistleblower_data(user) -> bool:
    return is_unit(user)


def unit_member_required(view=None, *, verified=True):
    """The unit's views: members only (404 for everybody else), with a verified TOTP."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not is_unit(request.user):
                raise Http404
            if verified and not request.user.is_verified():
                return redirect("whistleblower:second_factor")
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = ("whistleblower_unit",)
        return wrapped

    return decorator(view) if view else decorator
