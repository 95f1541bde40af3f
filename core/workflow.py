"""The shared mechanics of a workflow move on a django-fsm model (STYLE.md: one entry point per
app, which calls this). Apps keep their own entry point for locking, timeline and side effects.
"""

from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_fsm import TransitionNotAllowed

from .formatting import long_date


class ConflictError(Exception):
    """The case changed since the user loaded it; their move was not applied."""


class Guard:
    """A transition condition that can say, in Danish, why it failed."""

    def __init__(self, test, message, *, supplied_by_form=False):
        self.test = test
        self.message = message
        # True when the move's own form supplies what the guard checks (closure data, a
        # reason): the move is still offered, and the guard runs on the submitted values.
        self.supplied_by_form = supplied_by_form
        self.__name__ = getattr(test, "__name__", "guard")

    def __call__(self, instance) -> bool:
        return bool(self.test(instance))

    def reason(self, instance) -> str:
        """Why the move is not possible now; a message may name what is missing (a callable)."""
        return str(self.message(instance) if callable(self.message) else self.message)


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: str | None
    target: str


CONFLICT_MESSAGE = gettext_lazy(
    "The case was changed by somebody else while you had it open. Look at it again and repeat your action if "
    "it is still right."
)
DELETED_MESSAGE = gettext_lazy(
    "The personal data of this case were deleted under the retention schedule on %(date)s: "
    "the case is a record now; nothing can be added to it, and it cannot be moved or reopened."
)


@cache
def _declared_forms(model) -> dict[str, str | None]:
    return {t.name: t.custom.get("form") for t in model().get_all_state_transitions()}


def form_class(model, action: str, forms: dict, default):
    """The form a move takes, as its transition declares it (``custom={"form": name}``, the name
    looked up in the app's ``forms``); a move that declares none takes ``default``."""
    return forms.get(_declared_forms(model).get(action), default)


def ui_actions(model) -> frozenset[str]:
    """Moves a person may take from the object's page; ``via`` moves belong to another app."""
    return frozenset(t.name for t in model().get_all_state_transitions() if not t.custom.get("via"))


def personal_data_deleted_on(instance):
    """The day the case's personal data were deleted under the retention schedule, or None.
    core imports no domain app: the app that deletes them names the check on its AppConfig
    (``personal_data_deleted = "<app>.<module>.<function>"``, a function of a case)."""
    for check in _app_hooks("personal_data_deleted"):
        if day := check(instance):
            return day
    return None


@cache
def _app_hooks(attribute: str) -> tuple:
    """The functions the apps name in ``attribute`` on their AppConfig ("<app>.<module>.<name>")."""
    return tuple(
        import_string(getattr(config, attribute))
        for config in apps.get_app_configs()
        if getattr(config, attribute, None)
    )


def personal_data_deleted_numbers(model, numbers) -> dict:
    """Of the case numbers ``numbers`` of ``model``, those whose personal data were deleted under
    the retention schedule, with the day (``personal_data_deleted_numbers`` on the deleting
    app's AppConfig): for an import, which reads a whole file's numbers at once."""
    found = {}
    for check in _app_hooks("personal_data_deleted_numbers"):
        found.update(check(model, numbers))
    return found


def refuse_if_personal_data_deleted(instance) -> None:
    """Every write on a case passes here — a move, its timeline row, a note: a case whose
    personal data are deleted is a record, and nothing new (a name, a text) is written to it,
    which the retention schedule would not delete again."""
    if deleted_on := personal_data_deleted_on(instance):
        raise ValidationError(DELETED_MESSAGE % {"date": long_date(deleted_on)})


def _moves_from_here(instance, user, include_via=False):
    """(transition, failing guards) for every move from the present state ``user`` may take;
    none for a case whose personal data are deleted (it is a record now, never reopened)."""
    if personal_data_deleted_on(instance):
        return
    for t in instance.get_all_state_transitions():
        if t.source != instance.state or (t.custom.get("via") and not include_via):
            continue
        if not t.has_perm(instance, user):
            continue
        failing = [c for c in t.conditions if not getattr(c, "supplied_by_form", False) and not c(instance)]
        yield t, failing


def available_actions(instance, user, *, include_via: bool = False) -> list[Action]:
    """The moves ``user`` may take now, for the page's buttons (only legal ones)."""
    return [
        Action(t.name, str(t.custom.get("label", t.name)), t.custom.get("form"), t.target)
        for t, failing in _moves_from_here(instance, user, include_via)
        if not failing
    ]


def _reason(condition, instance) -> str:
    if isinstance(condition, Guard):
        return condition.reason(instance)
    return str(getattr(condition, "message", _("The conditions for this action are not met.")))


def blocked_actions(instance, user) -> list[tuple[str, str]]:
    """Moves that exist from this state but whose guards fail now, with the first reason."""
    return [
        (str(t.custom.get("label", t.name)), _reason(failing[0], instance))
        for t, failing in _moves_from_here(instance, user)
        if failing
    ]


def apply_transition(
    instance, *, action: str, by, expected_state: str | None, fields: dict, kwargs: dict
) -> str:
    """Check and apply move ``action`` to a locked ``instance``; validate and save it.

    Returns the state it came from. Raises ConflictError (stale page), TransitionNotAllowed,
    PermissionDenied, or ValidationError with the failing guard's message.
    """
    if expected_state is not None and instance.state != expected_state:
        raise ConflictError(str(CONFLICT_MESSAGE))
    meta = getattr(getattr(type(instance), action, None), "_django_fsm", None)
    t = meta.get_transition(instance.state) if meta else None
    if t is None:
        raise TransitionNotAllowed(_("That action is not possible in the case's present state."))
    if not t.has_perm(instance, by):
        raise PermissionDenied
    refuse_if_personal_data_deleted(instance)
    # Imported here: core.disqualification writes timeline notes with ``system_text`` from this
    # module (a circle at import time).
    from .disqualification import is_disqualified

    if is_disqualified(instance, by):
        raise ValidationError(
            _("You are disqualified in this case (forvaltningsloven § 3) and cannot move it or conclude it.")
        )
    for name, value in fields.items():
        setattr(instance, name, value)
    for condition in t.conditions:
        if not condition(instance):
            raise ValidationError(_reason(condition, instance))
    from_state = instance.state
    getattr(instance, action)(**kwargs)
    instance.full_clean(exclude=["state"])  # the FSM owns the state; re-assigning it is refused
    instance.save()
    return from_state


def event_label(model, action: str, labels: dict) -> str:
    """A timeline row's label: the app's own label for ``action``, else its transition's."""
    if action in labels:
        return str(labels[action])
    for t in model._meta.get_field("state").get_all_transitions(model):
        if t.name == action:
            return str(t.custom.get("label", t.name))
    return action


def system_text(lazy_text, **params) -> str:
    """Text the system writes into a record (a timeline note) in the system's language,
    whatever language the person acting has chosen for the UI. Callable params are
    evaluated in that language too (e.g. ``get_conclusion_display``)."""
    with translation.override(settings.LANGUAGE_CODE):
        values = {k: (v() if callable(v) else v) for k, v in params.items()}
        text = str(lazy_text)
        return text % values if values else text
