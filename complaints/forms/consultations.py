"""Consultations and teaching, and the secretariat's export for a department."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.models import Department

from ..models import (
    Consultation,
    ConsultationChannel,
    ConsultationKind,
)
from .fields import caseworker_field


class ConsultationForm(forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["kind", "department", "channel", "topic", "participants", "received_on", "responsible"]
        widgets = {"received_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ConsultationKind.choices
        self.fields["channel"].choices = ConsultationChannel.choices
        caseworker_field(self)

    def clean(self):
        data = super().clean()
        if data.get("kind") == ConsultationKind.TEACHING and not data.get("participants"):
            self.add_error("participants", _("Give the number of participants for teaching."))
        return data


class DepartmentExportForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        widget=forms.RadioSelect,
        initial="xlsx",
    )
