from django.contrib import admin

from core.admin_import import CaseImportAdmin

from .models import Supervision
from .resources import SupervisionResource


@admin.register(Supervision)
class SupervisionImportAdmin(CaseImportAdmin):
    """The supervisions import format, for the secretariat (see CaseImportAdmin)."""

    list_display = ("case_number", "kind", "state", "opened_on", "closed_on")
    fields = ("case_number", "kind", "state", "opened_on", "concluded_on", "closed_on", "conclusion")
    resource_classes = [SupervisionResource]
