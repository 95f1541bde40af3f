"""Admin for the complaints app's reference data and case imports (the secretariat). Cases
themselves are handled in the jurists' UI, not here."""

from django.contrib import admin

from core.admin_import import CaseImportAdmin

from .models import Complaint, Consequence, LetterTemplate, Theme
from .resources import ComplaintResource


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
