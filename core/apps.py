from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Organisation and roles")

    @property
    def nav_items(self):
        from .navigation import NavItem
        from .permissions import can_administer, has_role
        from .roles import Role

        return (
            NavItem(_("Front page"), "core:home", lambda user: user.is_authenticated, order=0),
            NavItem(
                _("Outgoing e-mail"), "core:outbox", lambda user: has_role(user, Role.SECRETARIAT), order=800
            ),
            NavItem(_("Administration"), "admin:index", can_administer, order=900),
        )

    def ready(self):
        from . import signals  # noqa: F401  (audit of sign-in and sign-out)
