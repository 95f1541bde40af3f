"""The consultations' import page for the secretariat (see ``core.admin_import.CaseImportAdmin``):
codes and dates only; consultations are handled in the jurists' UI."""

from django.contrib import admin

from core.admin_import import CaseImportAdmin

from .models import Consultation
from .resources import ConsultationResource


@admin.register(Consultation)
class ConsultationImportAdmin(CaseImportAdmin):
    resource_classes = [ConsultationResource]
    fields = ("case_number", "kind", "channel", "department", "state", "received_on", "closed_on")
