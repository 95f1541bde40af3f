from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.forms import DateInput

from .models import Edition


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["title", "publication_date", "foreword"]
        widgets = {"publication_date": DateInput(), "foreword": forms.Textarea(attrs={"rows": 10})}


class ExampleForm(forms.Form):
    case_number = forms.CharField(label=_("Case number"), max_length=12, help_text=_("E.g. 2023-0064470."))
    heading = forms.CharField(label=_("Heading"), max_length=200)
    narrative = forms.CharField(
        label=_("Narrative"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        help_text=_("Anonymise: no names or other personal data."),
    )


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)
