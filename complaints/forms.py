import secrets

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.disqualification import ensure_may_be_responsible
from core.forms import DateInput, DeadlineMixin, GeneralProblemMixin
from core.models import Department, Unit

from . import selectors
from .models import (
    Assessment,
    Channel,
    Complaint,
    Consequence,
    Consultation,
    ConsultationChannel,
    ConsultationKind,
    DiscriminationGround,
    IncomingChannel,
    Kind,
    LetterTemplate,
    MediationParty,
    MediationResult,
    Outcome,
    RejectionReason,
    Requester,
    Satisfaction,
    Solved,
    State,
    Theme,
    normalise_cpr,
)

YES_NO = [("", "—"), ("yes", _("Yes")), ("no", _("No"))]


CHOOSE = _("— choose —")


def yes_no_field(label, required=True):
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO if not required else YES_NO[1:],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
    )


def caseworker_field(form, name: str = "responsible") -> None:
    """The form's ``name`` field offers the caseworkers by their names, not their user names."""
    field = form.fields[name]
    field.queryset = selectors.caseworkers()
    field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class CprField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("CPR number of the person concerned"))
        kwargs.setdefault("help_text", _("Optional. DDMMYY-XXXX."))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 11)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_cpr(value) if value else ""


class PublicComplaintForm(forms.Form):
    """The digital complaint form (klageblanket). Plain language; only the essentials required."""

    requester = forms.ChoiceField(
        label=_("Who is complaining?"),
        choices=Requester.choices,
        initial=Requester.CITIZEN,
        widget=forms.RadioSelect,
    )
    department = forms.ModelChoiceField(
        label=_("Which part of the municipality is the complaint about?"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("I don't know"),
    )
    summary = forms.CharField(
        label=_("What is your complaint about?"),
        help_text=_("Tell us what happened, when, and what you would like to happen."),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=10000,
        error_messages={"required": _("Write what your complaint is about.")},
    )
    person_name = forms.CharField(
        label=_("Your name"), max_length=200, error_messages={"required": _("Write your name.")}
    )
    person_cpr = CprField()
    representative_name = forms.CharField(
        label=_("If you complain on behalf of somebody else: your own name"), max_length=200, required=False
    )
    contact_email = forms.EmailField(
        label=_("E-mail"), required=False, help_text=_("We send the link to follow your case here.")
    )
    contact_phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    contact_address = forms.CharField(label=_("Address"), max_length=300, required=False)
    # A new key each time the form is shown; the same key sent twice is the same complaint.
    submission = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=64, initial=lambda: secrets.token_urlsafe(24)
    )

    def clean(self):
        data = super().clean()
        reachable = data.get("contact_email") or data.get("contact_phone") or data.get("contact_address")
        # An invalid e-mail address already has its own message.
        if not reachable and "contact_email" not in self.errors:
            self.add_error(
                "contact_email", _("Give us at least one way to reach you: e-mail, phone or address.")
            )
        if data.get("requester") == Requester.REPRESENTATIVE and not data.get("representative_name"):
            self.add_error(
                "representative_name", _("Write your own name when you complain on behalf of somebody.")
            )
        return data


class OtherDepartmentsMixin:
    """The other departments a complaint concerns: boxes to tick, never the primary one."""

    def setup_other_departments(self):
        field = self.fields["other_departments"]
        field.widget = forms.CheckboxSelectMultiple()
        field.queryset = Department.objects.all()

    def clean(self):
        data = super().clean()
        primary, others = data.get("department"), data.get("other_departments")
        if primary is not None and others and primary in others:
            self.add_error(
                "other_departments",
                _("%(name)s is the primary department: tick only the other departments.") % {"name": primary},
            )
        return data


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


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note (internal)"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=5000
    )

    def transition_fields(self) -> dict:
        return {}


class RejectForm(NoteForm):
    rejection_reason = forms.ChoiceField(label=_("Reason for rejection"), choices=RejectionReason.choices)

    def transition_fields(self):
        return {"rejection_reason": self.cleaned_data["rejection_reason"]}


class ReopenForm(NoteForm):
    note = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000
    )


class MediationResultForm(NoteForm):
    mediation_result = forms.ChoiceField(
        label=_("Result"), choices=MediationResult.choices, widget=forms.RadioSelect
    )

    def transition_fields(self):
        return {"mediation_result": self.cleaned_data["mediation_result"]}


class CloseForm(NoteForm):
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
    form_class = workflow.form_class(Complaint, action, TRANSITION_FORMS, NoteForm)
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


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("At most 20 MB: PDF, docx, xlsx, JPG, PNG, txt, eml or msg.")
    )


class CitizenMessageForm(forms.Form):
    """The status page: a message or a document to the Borgerrådgiver about the case."""

    text = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=5000
    )
    file = forms.FileField(
        label=_("A document (optional)"),
        required=False,
        help_text=_("At most 20 MB: PDF, docx, xlsx, JPG, PNG, txt, eml or msg."),
    )

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file") and not self.errors:
            self.add_error("text", _("Write a message or choose a file."))
        return data


class LetterSendForm(forms.Form):
    code = forms.ChoiceField(label=_("Letter"), choices=())
    free_text = forms.CharField(
        label=_("Your text in the letter"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=10000,
        help_text=_(
            "Put in where the template says so: the information asked for, the assessment, guidance."
        ),
    )

    def __init__(self, *args, **kwargs):
        from .services import SENDABLE_LETTERS

        super().__init__(*args, **kwargs)
        labels = dict(LetterTemplate.Code.choices)
        self.fields["code"].choices = [("", CHOOSE), *((code, labels[code]) for code in SENDABLE_LETTERS)]


class StatusLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


class IncomingForm(forms.Form):
    """The jurist files an e-mail or a letter received on the case."""

    received_on = forms.DateField(label=_("Received"), widget=DateInput())
    channel = forms.ChoiceField(
        label=_("Received as"),
        choices=[c for c in IncomingChannel.choices if c[0] != IncomingChannel.STATUS_PAGE],
    )
    sender = forms.CharField(label=_("Sender"), max_length=200)
    text = forms.CharField(
        label=_("What it says (summary)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    file = forms.FileField(label=_("File (optional)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("received_on", timezone.localdate())


class SurveyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How satisfied are you with the Borgerrådgiver's handling of your case?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )


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
