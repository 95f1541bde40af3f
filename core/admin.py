from django.contrib import admin
from django_tasks_db.models import DBTaskResult

from .models import AuditEvent, ContactPerson, Department, Unit


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


# The task framework's results are operations data (job names, return values, errors' kinds), not
# the secretariat's; and a periodic job of the whistleblower unit must not be readable here.
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
