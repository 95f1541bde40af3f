from django.contrib import admin
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from .models import AuditEvent, ClosingDay, ContactPerson, Department, Unit
from .workdays import closing_days_changed


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    """The seven departments are fixed (DOMAIN §2): names may be corrected, never added or removed."""

    list_display = ("code", "name", "position")
    readonly_fields = ("code", "position")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UnitInline(admin.TabularInline):
    model = Unit
    extra = 0


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "department", "active")
    list_filter = ("department", "active")
    search_fields = ("name",)


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ("name", "department", "unit", "email", "phone", "active")
    list_filter = ("department", "active")
    search_fields = ("name", "email")
    autocomplete_fields = ("unit",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit log is append-only for everybody, superusers included."""

    list_display = ("at", "actor", "action", "object_type", "object_ref")
    list_filter = ("action",)
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClosingDay)
class ClosingDayAdmin(admin.ModelAdmin):
    """The secretariat's changes to the working-day calendar. Deadlines already computed that
    the change moves (a reply guarantee, an access request's) are computed again."""

    list_display = ("day", "weekday", "closed", "label")
    list_filter = ("closed",)
    date_hierarchy = "day"

    @admin.display(description=_("weekday"))
    def weekday(self, obj):
        return date_format(obj.day, "l")

    def _changed(self, *days):
        first = min(day for day in days if day)
        transaction.on_commit(lambda: closing_days_changed.send(sender=ClosingDay, day=first))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._changed(obj.day, form.initial.get("day") if change else None)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._changed(obj.day)

    def delete_queryset(self, request, queryset):
        days = list(queryset.values_list("day", flat=True))
        super().delete_queryset(request, queryset)
        if days:
            self._changed(*days)


# The task framework's results are operations data (job names, return values, errors' kinds), not
# the secretariat's; and a periodic job of the whistleblower unit must not be readable here.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
