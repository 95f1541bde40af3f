"""The jurists' forms on a case: intake, editing, reassignment, the moves' forms (declared on the
transitions: ``transition_form``), points, written inquiries, consents, mediation rounds, and
the queue's filters."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.disqualification import ensure_may_be_responsible
from core.forms import DateInput, DeadlineMixin, GeneralProblemMixin, caseworker_field
from core.models import Department, Unit

from ..models import (
    Assessment,
    Channel,
    Complaint,
    Consequence,
    DiscriminationGround,
    Kind,
    MediationParty,
    MediationResult,
    Outcome,
    RejectionReason,
    Solved,
    State,
    Theme,
)
from .fields import CHOOSE, CprField, OtherDepartmentsMixin, yes_no_field


class IntakeForm(OtherDepartmentsMixin, forms.ModelForm):
    """Registration by a jurist of a complaint received by phone, e-mail, letter or in person."""

    person_cpr = CprField()
    theme = forms.ModelChoiceField(
        label=_("Theme of the first complaint point"),
        queryset=Theme.objects.filter(active=True),
        required=False,
    )
    point_description = forms.CharField(
        label=_("Description of the first complaint point"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    class Meta:
        model = Complaint
        fields = [
            "kind",
            "requester",
            "channel",
            "received_on",
            "department",
            "other_departments",
            "unit",
            "person_name",
            "person_cpr",
            "contact_email",
            "contact_phone",
            "contact_address",
            "representative_name",
            "representative_role",
            "summary",
            "concerns_decision",
            "discrimination_ground",
            "responsible",
        ]
        widgets = {"received_on": DateInput(), "summary": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.DIGITAL_FORM]
        caseworker_field(self)
        self.setup_other_departments()
        self.fields["unit"].queryset = Unit.objects.filter(active=True).select_related("department")

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date received cannot be in the future."))
        return value


class ComplaintEditForm(GeneralProblemMixin, OtherDepartmentsMixin, forms.ModelForm):
    person_cpr = CprField()

    class Meta:
        model = Complaint
        fields = [
            "kind",
            "requester",
            "department",
            "other_departments",
            "unit",
            "person_name",
            "person_cpr",
            "contact_email",
            "contact_phone",
            "contact_address",
            "representative_name",
            "representative_role",
            "summary",
            "concerns_decision",
            "discrimination_ground",
            "report_example",
            "general_problem",
            "citizens_affected",
            "it_system",
            "department_explanation",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "department_explanation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(active=True).select_related("department")
        self.setup_other_departments()


class ReassignForm(forms.Form):
    """Another caseworker takes over: the reason goes on the timeline, the citizen is told the
    new caseworker's first name."""

    responsible = forms.ModelChoiceField(label=_("New caseworker"), queryset=None, empty_label=CHOOSE)
    reason = forms.CharField(
        label=_("Reason for the change"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        caseworker_field(self)

    def clean_responsible(self):
        person = self.cleaned_data["responsible"]
        if self.case is not None:
            ensure_may_be_responsible(self.case, person)
        return person


class MoveNoteForm(forms.Form):
    """The internal note any move of the workflow may carry (the case notes are core.forms.NoteForm)."""

    note = forms.CharField(
        label=_("Note (internal)"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )

    def transition_fields(self) -> dict:
        return {}


class RejectForm(MoveNoteForm):
    rejection_reason = forms.ChoiceField(label=_("Reason for rejection"), choices=RejectionReason.choices)

    def transition_fields(self):
        return {"rejection_reason": self.cleaned_data["rejection_reason"]}


class ReopenForm(MoveNoteForm):
    note = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class MediationResultForm(MoveNoteForm):
    mediation_result = forms.ChoiceField(
        label=_("Result"), choices=MediationResult.choices, widget=forms.RadioSelect
    )

    def transition_fields(self):
        return {"mediation_result": self.cleaned_data["mediation_result"]}


class CloseForm(MoveNoteForm):
    """The closure data DOMAIN §3 asks of every case, and an assessment of every point."""

    # Nothing is chosen in advance: a hurried "Medhold" or "Løst" would skew the yearly figures.
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", CHOOSE), *Outcome.choices])
    solved = forms.ChoiceField(label=_("Solved"), choices=[("", CHOOSE), *Solved.choices])
    department_admitted_error = yes_no_field(_("Did the department admit an error?"))
    legality_error = yes_no_field(_("Could the error affect the legality of a decision?"))
    consequences = forms.ModelMultipleChoiceField(
        label=_("Consequences"),
        queryset=Consequence.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    discrimination_ground = forms.ChoiceField(
        label=_("Discrimination ground"), choices=[("", "—"), *DiscriminationGround.choices], required=False
    )
    report_example = forms.BooleanField(label=_("Candidate example for the yearly report"), required=False)

    def __init__(self, *args, complaint=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.points = list(complaint.points.select_related("theme")) if complaint else []
        for point in self.points:
            self.fields[f"point_{point.pk}"] = forms.ChoiceField(
                label=_("Assessment of the point: %(theme)s") % {"theme": point.theme},
                choices=[("", CHOOSE), *Assessment.choices],
                initial=point.assessment or "",
            )
        if complaint is not None:
            self.initial.setdefault("discrimination_ground", complaint.discrimination_ground)
            self.initial.setdefault("report_example", complaint.report_example)

    def transition_fields(self):
        data = self.cleaned_data
        return {
            "outcome": data["outcome"],
            "solved": data["solved"],
            "department_admitted_error": data["department_admitted_error"],
            "legality_error": data["legality_error"],
            "discrimination_ground": data.get("discrimination_ground") or "",
            "report_example": data.get("report_example", False),
            "consequences": list(data.get("consequences") or []),
            "point_assessments": {p.pk: data[f"point_{p.pk}"] for p in self.points},
        }


# The forms the complaint's transitions declare (``custom={"form": …}``); any other move takes
# a note.
TRANSITION_FORMS = {
    "reject": RejectForm,
    "reopen": ReopenForm,
    "mediation_result": MediationResultForm,
    "close": CloseForm,
}


def transition_form(action: str, data=None, *, complaint):
    """The form of move ``action`` on ``complaint``, bound to ``data`` when it was sent."""
    form_class = workflow.form_class(Complaint, action, TRANSITION_FORMS, MoveNoteForm)
    kwargs = {"complaint": complaint} if form_class is CloseForm else {}
    return form_class(data, prefix=action, **kwargs)


class PointForm(forms.Form):
    theme = forms.ModelChoiceField(label=_("Theme"), queryset=Theme.objects.filter(active=True))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )


class InquiryForm(DeadlineMixin, forms.Form):
    deadline_field = "reply_due"
    sent_on = forms.DateField(label=_("Sent"), initial=timezone.localdate, widget=DateInput())
    reply_due = forms.DateField(label=_("Reply deadline"), widget=DateInput())


class ReplyForm(forms.Form):
    received_on = forms.DateField(label=_("Reply received"), initial=timezone.localdate, widget=DateInput())


class ConsentForm(forms.Form):
    party = forms.ChoiceField(label=_("Who consented"), choices=MediationParty.choices)
    given_on = forms.DateField(label=_("Date of consent"), initial=timezone.localdate, widget=DateInput())


class RoundForm(forms.Form):
    party = forms.ChoiceField(label=_("Contact with"), choices=MediationParty.choices)
    held_on = forms.DateField(label=_("Date"), initial=timezone.localdate, widget=DateInput())
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000)


class QueueFilterForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Cases"),
        choices=[
            ("mine", _("My cases")),
            ("unassigned", _("Unassigned")),
            ("open", _("All open cases")),
            ("all", _("All cases")),
        ],
        required=False,
    )
    q = forms.CharField(label=_("Search all cases"), required=False, max_length=200)
    state = forms.ChoiceField(label=_("State"), choices=[("", _("All")), *State.choices], required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    responsible = forms.ModelChoiceField(
        label=_("Caseworker"), queryset=None, required=False, empty_label=_("All")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", _("All")), *Kind.choices], required=False)
    overdue = forms.BooleanField(label=_("Only overdue or older than 30 days"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        choices=[
            ("due", _("Next deadline first")),
            ("-received", _("Newest first")),
            ("received", _("Oldest first")),
            ("number", _("Case number")),
            ("department", _("Department")),
            ("state", _("State")),
        ],
        required=False,
    )

    # What the folded "Filtrér" holds (the tabs and the search line stand apart).
    FILTERS = ("state", "department", "kind", "responsible", "overdue", "sort")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].choices = [("", _("All")), *Department.objects.values_list("code", "name")]
        caseworker_field(self, "responsible")

    def filtered(self) -> bool:
        """Whether a filter (not the tab, not the search) is in use: the filters stay unfolded."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return any(data.get(name) for name in self.FILTERS if name != "sort")
