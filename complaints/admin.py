"""Admin for the complaints app's reference data and case imports (the secretariat). Cases
themselves are handled in the jurists' UI, not here."""

from django.contrib import admin
from import_export.admin import ImportMixin

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


class CaseImportAdmin(ImportMixin, admin.ModelAdmin):
    """The admin's import page for a case format (DOMAIN §8), for the secretariat only.

    The list shows numbers, kinds, states and dates — never names, CPR numbers or free text —
    and nothing can be edited here: cases are handled in the jurists' UI."""

    list_display = ("case_number", "kind", "state", "received_on", "closed_on")
    list_filter = ("kind", "state")
    show_full_result_count = False

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


@admin.register(Consultation)
class ConsultationImportAdmin(CaseImportAdmin):
    resource_classes = [ConsultationResource]
