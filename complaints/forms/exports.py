"""The secretariat's export of a department's cases."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Department


class DepartmentExportForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        widget=forms.RadioSelect,
        initial="xlsx",
    )
