from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CaseNote, ContactPerson, GeneralProblem


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class NoteForm(forms.ModelForm):
    """A note, or a telephone call with a department's contact person or somebody else."""

    class Meta:
        model = CaseNote
        fields = ["kind", "contact", "contact_name", "occurred_at", "text"]
        widgets = {
            "kind": forms.RadioSelect,
            "occurred_at": DateTimeInput(),
            "text": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"contact_name": _("Or another person (name)")}
        help_texts = {"contact": _("For a call: the department's contact person, if it was one.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = ContactPerson.objects.filter(active=True).select_related(
            "department"
        )
        self.fields["contact"].empty_label = _("— none —")
        if not self.instance.pk:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))


class FollowUpForm(forms.Form):
    """The date to look at the case again; an empty date removes it."""

    follow_up_on = forms.DateField(
        label=_("Follow-up date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to remove the follow-up date."),
    )
    follow_up_reason = forms.CharField(label=_("What to follow up"), required=False, max_length=300)


class ReminderForm(forms.Form):
    """The date a reminder about a deadline letter was sent (core.deadlines)."""

    sent_on = forms.DateField(label=_("Reminder sent"), initial=timezone.localdate)


class GeneralProblemMixin(forms.Form):
    """The general-problem question as a tick box on a case's form. The model field may be
    empty — "not recorded", on a case imported from a system that never asked — and saving the
    form for another reason must not turn that into a "no" nobody gave: unticked, an unrecorded
    answer stays unrecorded; ticked, it is a "yes"."""

    general_problem = forms.BooleanField(
        required=False,
        label=GeneralProblem._meta.get_field("general_problem").verbose_name,
        help_text=GeneralProblem._meta.get_field("general_problem").help_text,
    )

    def clean_general_problem(self):
        if self.cleaned_data.get("general_problem"):
            return True
        return None if self.instance.general_problem is None else False
