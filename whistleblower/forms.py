from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core import workflow
from core.models import Department

from .membership import UNIT
from .models import SUMMARY_MAX_LENGTH, Channel, MessageKind, RejectionReason, Report, State, Theme


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); each is cleaned alone."""

    def __init__(self, *args, max_files: int = 5, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        self.max_files = max_files
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > self.max_files:
            raise forms.ValidationError(_("At most %(n)s files at a time.") % {"n": self.max_files})
        cleaned = [super(MultipleFileField, self).clean(f, initial) for f in files]
        if self.required and not cleaned:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return cleaned


HIDDEN_INFORMATION_HELP = _(
    "At most 5 files of 20 MB each: PDF, Word, Excel, PowerPoint, JPG, PNG, TIFF, text, e-mail. "
    "Photos and documents can carry hidden information about who made them (a photo's GPS "
    "position and camera, a document's author). We remove it from photos, PDF and Office files "
    "when you send them, and the unit reads the cleaned copy. E-mails and other files cannot be "
    "cleaned: leave out what could identify you."
)


class ReportForm(forms.Form):
    subject = forms.CharField(
        label=_("A short title for your report (optional)"),
        max_length=200,
        required=False,
        help_text=_("E.g. “Timesheets at the workshop”. Leave it out if you like."),
    )
    body = forms.CharField(
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        help_text=_("Describe the matter as concretely as you can."),
    )
    where = forms.CharField(label=_("Where did it happen?"), max_length=500, required=False)
    department = forms.ModelChoiceField(
        label=_("Which department (if you know)?"),
        queryset=Department.objects.all(),
        required=False,
        empty_label=_("I don't know"),
    )
    when = forms.CharField(label=_("When did it happen?"), max_length=500, required=False)
    third_persons = forms.CharField(
        label=_("Who is involved?"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000, required=False
    )
    reporter_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=200,
        required=False,
        help_text=_("Leave it empty to report anonymously."),
    )
    reporter_contact = forms.CharField(
        label=_("How can we contact you (optional)?"), max_length=300, required=False
    )
    wants_acknowledgement = forms.BooleanField(
        label=_("I want an acknowledgement that the report was received"), required=False, initial=True
    )
    attachments = MultipleFileField(
        label=_("Files (optional)"), required=False, help_text=HIDDEN_INFORMATION_HELP
    )


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReporterReplyForm(forms.Form):
    code = forms.CharField(widget=forms.HiddenInput, max_length=40)
    body = forms.CharField(
        label=_("Your answer or more information"), widget=forms.Textarea(attrs={"rows": 5}), max_length=20000
    )
    attachments = MultipleFileField(
        label=_("Files (optional)"), required=False, help_text=HIDDEN_INFORMATION_HELP
    )


class UnitMessageForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            (MessageKind.QUESTION, MessageKind.QUESTION.label),
            (MessageKind.NOTICE, MessageKind.NOTICE.label),
        ],
    )
    body = forms.CharField(
        label=_("Message to the reporter"), widget=forms.Textarea(attrs={"rows": 4}), max_length=20000
    )


class TransitionMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the reporter"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )

    def transition_kwargs(self):
        return {"message": self.cleaned_data.get("message", "")}


THEME_CHOICES = [("", "—"), *Theme.choices]


class TriageForm(TransitionMessageForm):
    message = None
    subject = forms.CharField(
        label=_("Subject"),
        max_length=200,
        help_text=_("One line the unit knows the report by (the reporter's proposal, if any, is filled in)."),
    )
    theme_1 = forms.ChoiceField(label=_("Theme of matter 1"), choices=Theme.choices)
    theme_2 = forms.ChoiceField(label=_("Theme of matter 2"), choices=THEME_CHOICES, required=False)
    theme_3 = forms.ChoiceField(label=_("Theme of matter 3"), choices=THEME_CHOICES, required=False)
    theme_4 = forms.ChoiceField(label=_("Theme of matter 4"), choices=THEME_CHOICES, required=False)

    def transition_kwargs(self):
        return {
            "themes": [
                self.cleaned_data[f"theme_{i}"] for i in range(1, 5) if self.cleaned_data.get(f"theme_{i}")
            ],
            "fields": {"subject": self.cleaned_data["subject"].strip()},
        }


class RejectForm(TransitionMessageForm):
    rejection_reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    rejection_guidance = forms.CharField(
        label=_("Guidance on other options"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
    passed_to_department = forms.CharField(
        label=_("Passed on to a department outside the scheme (only with the reporter's consent)"),
        max_length=2000,
        required=False,
    )

    def transition_kwargs(self):
        data = self.cleaned_data
        return {
            "message": data.get("message", ""),
            "fields": {
                "rejection_reason": data["rejection_reason"],
                "rejection_guidance": data["rejection_guidance"],
                "passed_to_department": data.get("passed_to_department", ""),
            },
        }


# The forms the report's transitions declare; any other move takes an optional message.
TRANSITION_FORMS = {"message": TransitionMessageForm, "triage": TriageForm, "reject": RejectForm}


def transition_form(action: str, data=None, *, report):
    """The form of move ``action`` on ``report``, bound to ``data`` when it was sent (triage
    proposes the subject the reporter gave)."""
    form_class = workflow.form_class(Report, action, TRANSITION_FORMS, TransitionMessageForm)
    initial = {"subject": report.subject or report.proposed_subject} if form_class is TriageForm else None
    return form_class(data, prefix=action, initial=initial)


class IdentityForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for opening the identity"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class OralReportForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Received by"), choices=[("phone", _("Phone")), ("meeting", _("Meeting"))]
    )
    oral_record = forms.CharField(
        label=_("Transcript or minutes"), widget=forms.Textarea(attrs={"rows": 8}), max_length=50000
    )
    reporter_approved_record = forms.BooleanField(
        label=_("The reporter has checked and approved the transcript or minutes"), required=False
    )
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.all(), required=False
    )
    third_persons = forms.CharField(
        label=_("Persons involved"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, required=False
    )
    reporter_name = forms.CharField(label=_("The reporter's name (optional)"), max_length=200, required=False)
    reporter_contact = forms.CharField(
        label=_("The reporter's contact details (optional)"), max_length=300, required=False
    )
    wants_acknowledgement = forms.BooleanField(
        label=_("The reporter wants an acknowledgement"), required=False, initial=True
    )


class DisclosureForm(forms.Form):
    recipient = forms.CharField(label=_("Disclosed to"), max_length=300)
    reason = forms.CharField(
        label=_("Legal basis and reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class NotesForm(forms.Form):
    notes = forms.CharField(
        label=_("Investigation notes (only for the unit)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=50000,
        required=False,
    )


class SummaryForm(forms.Form):
    """The unit's anonymised one-line summary of a report for the annual account."""

    summary = forms.CharField(
        label=_("Summary for the annual account"),
        max_length=SUMMARY_MAX_LENGTH,
        required=False,
        help_text=Report._meta.get_field("summary").help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class EnrolmentCodeForm(forms.Form):
    enrolment_code = forms.CharField(
        label=_("Enrolment code"),
        max_length=40,
        help_text=_("The one-time code a member of the unit gave you, e.g. ABCD-EFGH-JKLM-NPQR."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class MemberAddForm(ReasonForm):
    user = forms.ModelChoiceField(label=_("Person"), queryset=None)

    field_order = ["user", "reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, is_superuser=False)
            .exclude(groups__name=UNIT)
            .order_by("first_name", "last_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({u.get_username()})" if u.get_full_name() else u.get_username()
        )


class QueueFilterForm(forms.Form):
    """The unit's queue: which reports, and a search in their text (decrypted in the request)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Reference, subject or words of the report."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = forms.ChoiceField(label=_("State"), required=False)
    overdue = forms.BooleanField(label=_("Only past a deadline"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    year = forms.TypedChoiceField(label=_("Year received"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("open", _("Open")), ("all", _("All")), *State.choices]
        self.fields["channel"].choices = [("", _("All")), *Channel.choices]
        self.fields["theme"].choices = [("", _("All")), *Theme.choices]
        self.fields["year"].choices = [("", _("All")), *((y, y) for y in years)]

    def filters(self) -> dict:
        """The valid filters (an invalid value counts as no filter, never as an error page)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "state": data.get("state") or "open",
            "overdue": bool(data.get("overdue")),
            "channel": data.get("channel") or "",
            "theme": data.get("theme") or "",
            "year": data.get("year"),
        }

    def words(self) -> list[str]:
        self.is_valid()
        return (getattr(self, "cleaned_data", {}).get("q") or "").split()


class OriginalFileForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the original is needed"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "The original may carry what identifies the reporter. The download is logged with the reason."
        ),
    )
