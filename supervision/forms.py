from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from complaints.forms import MoveNoteForm, yes_no_field
from core import workflow
from core.disqualification import ensure_may_be_responsible
from core.forms import DateInput, DeadlineMixin, GeneralProblemMixin, caseworker_field
from core.models import Department

from .models import (
    OWN_INITIATIVE_KINDS,
    Conclusion,
    FindingValue,
    FollowUpStatus,
    Kind,
    RecommendationKind,
    Supervision,
)


class SupervisionForm(forms.ModelForm):
    """Opening an own-initiative supervision or an inspection."""

    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Supervision
        fields = [
            "kind",
            "title",
            "departments",
            "committee_consulted_on",
            "opened_on",
            "responsible",
            "summary",
        ]
        widgets = {
            "committee_consulted_on": DateInput(),
            "opened_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "committee_consulted_on": _("Required before a general investigation can start (vedtægt § 13).")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in OWN_INITIATIVE_KINDS]
        caseworker_field(self)


class SupervisionEditForm(GeneralProblemMixin, forms.ModelForm):
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.all(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Supervision
        fields = [
            "title",
            "departments",
            "committee_consulted_on",
            "responsible",
            "summary",
            "general_problem",
            "citizens_affected",
            "it_system",
            "department_explanation",
            "report_example",
        ]
        widgets = {
            "committee_consulted_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "department_explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        caseworker_field(self)

    def clean_responsible(self):
        person = self.cleaned_data["responsible"]
        if person is not None and self.instance.pk and person.pk != self.instance.responsible_id:
            ensure_may_be_responsible(self.instance, person)
        return person


class OpenFromComplaintForm(forms.Form):
    title = forms.CharField(label=_("Subject of the supervision"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=10000
    )


class ConcludeForm(MoveNoteForm):
    conclusion = forms.ChoiceField(
        label=_("Conclusion"), choices=Conclusion.choices, widget=forms.RadioSelect
    )
    assistance_accepted = yes_no_field(
        _("Did the department accept the offer of assistance?"), required=False
    )

    def transition_fields(self):
        return {
            "conclusion": self.cleaned_data["conclusion"],
            "assistance_accepted": self.cleaned_data.get("assistance_accepted"),
        }


# The forms the supervision's transitions declare; any other move takes a note.
TRANSITION_FORMS = {"conclude": ConcludeForm}


def transition_form(action: str, data=None):
    """The form of move ``action``, bound to ``data`` when it was sent."""
    return workflow.form_class(Supervision, action, TRANSITION_FORMS, MoveNoteForm)(data, prefix=action)


class _DepartmentOfSupervision(forms.Form):
    def __init__(self, *args, supervision=None, **kwargs):
        super().__init__(*args, **kwargs)
        if supervision is not None:
            self.fields["department"].queryset = supervision.departments.order_by("position")


class HearingRoundForm(DeadlineMixin, _DepartmentOfSupervision):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    questions = forms.CharField(
        label=_("Questions to the department"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )
    sent_on = forms.DateField(label=_("Sent"), initial=timezone.localdate, widget=DateInput())
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput())


class AnswerForm(forms.Form):
    received_on = forms.DateField(label=_("Answer received"), initial=timezone.localdate, widget=DateInput())


class RecommendationForm(_DepartmentOfSupervision):
    kind = forms.ChoiceField(label=_("Kind"), choices=RecommendationKind.choices)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    due_on = forms.DateField(label=_("Follow-up due"), widget=DateInput(), required=False)


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=FollowUpStatus.choices)
    department_answer = forms.CharField(
        label=_("The department's answer"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=5000,
    )
    answered_on = forms.DateField(label=_("Answered"), widget=DateInput(), required=False)


class FindingForm(_DepartmentOfSupervision):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    value = forms.ChoiceField(label=_("Finding"), choices=FindingValue.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ResultForm(_DepartmentOfSupervision):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.all())
    text = forms.CharField(label=_("Result (one line)"), max_length=300)
    report_year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)


class QueueFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Supervisions"), required=False, choices=[("open", _("Open")), ("all", _("All"))]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *Kind.choices])
    department = forms.ChoiceField(label=_("Department"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All")), *Department.objects.values_list("code", "name")]


class TrackerFilterForm(QueueFilterForm):
    scope = None
    kind = None
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *FollowUpStatus.choices]
    )
    year = forms.IntegerField(label=_("Year concluded"), required=False, min_value=2000, max_value=2100)
    overdue = forms.BooleanField(label=_("Only overdue follow-ups"), required=False)
