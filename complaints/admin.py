"""Admin for the complaints app's reference data and case imports (the secretariat). Cases
themselves are handled in the jurists' UI, not here."""

from django.contrib import admin

from core.admin_import import SafeImportMixin

from .models import Complaint, Consequence, Consultation, LetterTemplate, Theme
from .permissions import can_import_case_data
from .resources import ComplaintResource, ConsultationResource


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "active", "position")
    list_editable = ("active", "position")
    search_fields = ("label", "code")

    def get_readonly_fields(self, request, obj=None):
        # Codes are stable once used: imports and statistics refer to them.
        return ("code",) if obj else ()


@admin.register(Consequence)
class ConsequenceAdmin(admin.ModelAdmin):
    list_display = ("label", "code", "active")
    list_editable = ("active",)

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj else ()


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title")
    readonly_fields = ("code",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CaseImportAdmin(SafeImportMixin, admin.ModelAdmin):
    """The admin's import page for a case format (DOMAIN §8), for the secretariat only.

    Codes and dates only, in the list and on the object page — never names, CPR numbers,
    addresses or free text (the secretariat handles no case) — and nothing can be edited here:
    cases are handled in the jurists' UI. Lookups in the URL are refused except the list's own
    filters, so ``?person_cpr__startswith=…`` cannot be used to test for a person."""

    list_display = ("case_number", "kind", "state", "received_on", "closed_on")
    list_filter = ("kind", "state")
    show_full_result_count = False
    # The object page: every field shown is a code, a date or a department.
    fields = ("case_number", "kind", "state", "received_on", "closed_on")

    def lookup_allowed(self, lookup, value, request=None):
        allowed = {name if isinstance(name, str) else name[0] for name in self.list_filter}
        return lookup.split("__", 1)[0] in allowed and super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_import_permission(self, request):
        return can_import_case_data(request.user)

    def has_view_permission(self, request, obj=None):
        return can_import_case_data(request.user)

    def has_module_permission(self, request):
        return can_import_case_data(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Complaint)
class ComplaintImportAdmin(CaseImportAdmin):
    resource_classes = [ComplaintResource]
    fields = (
        "case_number",
        "kind",
        "requester",
        "channel",
        "department",
        "state",
        "track",
        "outcome",
        "solved",
        "received_on",
        "closed_on",
    )


@admin.register(Consultation)
class ConsultationImportAdmin(CaseImportAdmin):
    resource_classes = [ConsultationResource]
    fields = ("case_number", "kind", "channel", "department", "state", "received_on", "closed_on")
