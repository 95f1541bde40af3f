"""The general admin and the whistleblower unit: nothing of the unit is managed or shown there.

- No whistleblower model is registered — not even for superusers (DOMAIN §5). django-otp
  registers its TOTP devices; a superuser outside the unit could then read a member's key and
  stand in for their second factor, so they are unregistered too.
- Users and groups: the ``whistleblower_unit`` group cannot be given, taken, renamed or deleted
  here (superusers included); membership is the unit's own business (whistleblower.membership).
  A member's account cannot be deactivated, made a superuser or deleted here, and no account
  the unit's records refer to can be deleted: the delete page would list reports, messages
  and log rows — which member handled which report, and what happened to it.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from .membership import UNIT, has_unit_records

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

User = get_user_model()


def _is_member(user) -> bool:
    return user.pk is not None and user.groups.filter(name=UNIT).exists()


def _without_unit_permissions(field) -> None:
    """Django permissions on the unit's models open nothing (membership does), and listing
    them would only name the unit's records here: they are not offered."""
    field.queryset = field.queryset.exclude(content_type__app_label__in=["whistleblower", "otp_totp"])


class UserForm(UserChangeForm):
    """The unit's group is not among the choices; a member stays a member when saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user_permissions" in self.fields:
            _without_unit_permissions(self.fields["user_permissions"])
        if "groups" in self.fields:
            self.fields["groups"].queryset = Group.objects.exclude(name=UNIT)
            self.fields["groups"].help_text = gettext_lazy(
                "Membership of the whistleblower unit is not managed here: the unit manages it "
                "in its own area."
            )

    def clean_groups(self):
        groups = list(self.cleaned_data.get("groups") or [])
        if _is_member(self.instance):
            groups += list(Group.objects.filter(name=UNIT))
        return groups


class UserAdmin(DjangoUserAdmin):
    form = UserForm

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and _is_member(obj):
            readonly += ["is_active", "is_superuser"]
        return readonly

    def has_delete_permission(self, request, obj=None):
        if obj is not None and has_unit_records([obj]):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """The bulk delete's confirmation page: an account the unit's records refer to is
        kept, and said so in one neutral line — no related whistleblower object is listed."""
        objs = list(objs)
        kept = has_unit_records(objs)
        if kept:
            protected = [
                _("%(user)s: the whistleblower unit's records refer to this account; it is kept.")
                % {"user": user.get_username()}
                for user in objs
                if user.pk in kept
            ]
            return [], {}, set(), protected
        return super().get_deleted_objects(objs, request)


class GroupAdmin(DjangoGroupAdmin):
    """The unit's group is shown read-only and cannot be deleted."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions":
            _without_unit_permissions(field)
        return field

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.name == UNIT:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.name == UNIT:
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        objs = list(objs)
        if any(group.name == UNIT for group in objs):
            return [], {}, set(), [_("The whistleblower unit's group cannot be deleted.")]
        return super().get_deleted_objects(objs, request)


for model, model_admin in ((User, UserAdmin), (Group, GroupAdmin)):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
