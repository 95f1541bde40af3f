from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from .cases import KINDS
from .models import CaseKind, Hold


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of case"), choices=CaseKind.choices, widget=forms.HiddenInput)
    years = forms.IntegerField(label=_("Years after closing"), min_value=1, max_value=100)


class HoldForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"), max_length=20, help_text=_("For example 2021-0001234.")
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Hold.Kind.KEEP, _("Keep the case (bevares)")),
            (Hold.Kind.POSTPONE, _("Postpone the deletion")),
        ],
        widget=forms.RadioSelect,
    )
    until = forms.DateField(label=_("Postponed until"), required=False, widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_case_number(self):
        number = self.cleaned_data["case_number"].strip()
        for kind, spec in KINDS.items():
            case = spec.model.objects.filter(case_number=number).first()
            if case is not None:
                self.case_kind, self.case = kind, case
                return number
        raise forms.ValidationError(
            _("No complaint, consultation or supervision has the number %(number)s.") % {"number": number}
        )

    def clean(self):
        data = super().clean()
        if data.get("decision") == Hold.Kind.POSTPONE:
            until = data.get("until")
            if until is None:
                self.add_error("until", _("Give the day the deletion is postponed to."))
            elif until <= timezone.localdate():
                self.add_error("until", _("The day must be after today."))
        return data
