"""Small helpers shared by the case apps' views: they turn service errors into Danish
messages so that bad input never becomes an error page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from .workflow import ConflictError


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def save_side_form(request, form, write, success: str) -> bool:
    """Validate ``form``; call ``write(cleaned_data)``; say what happened. True on success."""
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
            for name, errs in form.errors.items()
        ]
        messages.error(request, _("Nothing was saved. ") + " ".join(errors))
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return False
    messages.success(request, success)
    return True


def run_transition(request, move, success) -> bool:
    """Run ``move()`` (a service's transition call) and report the outcome as a message."""
    try:
        move()
    except ConflictError as exc:
        messages.error(request, str(exc))
    except (TransitionNotAllowed, PermissionDenied):
        messages.error(request, _("That action is not possible in the case's present state."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success() if callable(success) else success)
        return True
    return False
