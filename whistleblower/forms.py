from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Department

from .models import MessageKind, RejectionReason, Theme


class ReportForm(forms.Form):
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
    attachment = forms.FileField(
        label=_("A file (optional)"),
        required=False,
        help_text=_("At most 20 MB: PDF, docx, xlsx, JPG, PNG, txt, eml or msg."),
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
    attachment = forms.FileField(
        label=_("A file (optional)"),
        required=False,
        help_text=_("At most 20 MB: PDF, docx, xlsx, JPG, PNG, txt, eml or msg."),
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
    theme_1 = forms.ChoiceField(label=_("Theme of matter 1"), choices=Theme.choices)
    theme_2 = forms.ChoiceField(label=_("Theme of matter 2"), choices=THEME_CHOICES, required=False)
    theme_3 = forms.ChoiceField(label=_("Theme of matter 3"), choices=THEME_CHOICES, required=False)
    theme_4 = forms.ChoiceField(label=_("Theme of matter 4"), choices=THEME_CHOICES, required=False)

    def transition_kwargs(self):
        return {
            "themes": [
                self.cleaned_data[f"theme_{i}"] for i in range(1, 5) if self.cleaned_data.get(f"theme_{i}")
            ]
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


FORMS = {
    "acknowledge": TransitionMessageForm,
    "conclude": TransitionMessageForm,
    "triage": TriageForm,
    "reject": RejectForm,
}


def transition_form_class(action: str):
    return FORMS.get(action, TransitionMessageForm)


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
        from django.contrib.auth import get_user_model

        from .membership import UNIT

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
