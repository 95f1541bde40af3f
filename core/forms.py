from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .access import COMMON_SECTIONS, default_decision
from .models import AccessDocument, AccessRequest, CaseNote, ContactPerson, GeneralProblem
from .permissions import caseworkers, has_role
from .roles import Role
from .workdays import add_working_days


def caseworker_field(form, name: str = "responsible") -> None:
    """The form's ``name`` field offers the caseworkers by their names, not their user names."""
    field = form.fields[name]
    field.queryset = caseworkers()
    field.label_from_instance = lambda user: user.get_full_name() or user.get_username()


class DateInput(forms.DateInput):
    """A browser's own date picker, the value as ISO (the widget every app's forms share)."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class DeadlineMixin:
    """A letter's deadline as a date, or as a number of working days after the day it is sent
    (DOMAIN §9, ``core.workdays``): the form's ``deadline_field`` (a date) and ``sent_on``;
    ``working_days`` fills the date when it is given instead."""

    deadline_field = "deadline"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.deadline_field].required = False
        self.fields["working_days"] = forms.IntegerField(
            label=_("Or the deadline in working days"),
            help_text=_(
                "Counted from the day after it is sent; weekends, holidays and closing days do not count."
            ),
            required=False,
            min_value=1,
            max_value=120,
        )

    def clean(self):
        data = super().clean()
        sent_on, due, days = data.get("sent_on"), data.get(self.deadline_field), data.get("working_days")
        if due and days:
            self.add_error("working_days", _("Give the deadline as a date or in working days, not both."))
        elif days and sent_on:
            data[self.deadline_field] = add_working_days(sent_on, days)
        elif not due and not days and self.deadline_field not in self.errors:
            self.add_error(self.deadline_field, _("Give the deadline as a date or in working days."))
        elif sent_on and due and due < sent_on:
            self.add_error(self.deadline_field, _("The deadline cannot be before the letter is sent."))
        data.pop("working_days", None)  # the services take the date
        return data


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

    def __init__(self, *args, contact_choices=None, **kwargs):
        """``contact_choices``: the contact persons as another NoteForm of the same page lists
        them (``list(form.fields["contact"].choices)``), so that a page of many notes asks the
        database once."""
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = ContactPerson.objects.filter(active=True).select_related(
            "department"
        )
        self.fields["contact"].empty_label = _("— none —")
        if contact_choices is not None:
            self.fields["contact"].choices = contact_choices
        if not self.instance.pk:
            self.initial.setdefault("occurred_at", timezone.localtime().replace(second=0, microsecond=0))


class FollowUpForm(forms.Form):
    """The date to look at the case again; an empty date removes it."""

    follow_up_on = forms.DateField(
        label=_("Follow-up date"),
        required=False,
        widget=DateInput(),
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


class DateField(forms.DateField):
    widget = DateInput()


class AccessRequestForm(forms.ModelForm):
    """A request for access to the documents of a case (core.access)."""

    class Meta:
        model = AccessRequest
        fields = ["requester", "requester_name", "requester_address", "received_on", "basis"]
        widgets = {
            "received_on": DateInput(),
            "requester": forms.RadioSelect,
            "basis": forms.RadioSelect,
        }
        help_texts = {
            "requester_address": _("For the letters. Separate the lines with commas."),
            "basis": _(
                "The deadline follows: 7 working days, or one month for a request for one's own data (GDPR)."
            ),
        }


class DeadlineLetterForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the deadline cannot be met"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    expected_on = DateField(label=_("Decision expected by"))


class AccessDecisionForm(forms.Form):
    """One decision per document of the case: the fields ``<n>-decision``, ``<n>-withheld`` and
    ``<n>-section`` for the n-th document (``documents`` as ``core.access.documents_of`` lists
    them); ``decisions()`` gives them back by the documents' keys."""

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        self.documents = documents
        self.common_sections = COMMON_SECTIONS
        for n, document in enumerate(documents, 1):
            initial = default_decision(document)
            self.fields[f"{n}-decision"] = forms.ChoiceField(
                label=_("Decision"),
                choices=AccessDocument.Decision.choices,
                initial=initial["decision"],
                widget=forms.RadioSelect,
            )
            self.fields[f"{n}-withheld"] = forms.CharField(
                label=_("Passages withheld (one per line, copied from the text)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=5000,
            )
            self.fields[f"{n}-section"] = forms.CharField(
                label=_("Section of the act"),
                required=False,
                initial=initial["section"],
                max_length=200,
                widget=forms.TextInput(attrs={"list": "access-sections"}),
            )

    def rows(self):
        """(document, its three bound fields) for the template."""
        return [
            (document, self[f"{n}-decision"], self[f"{n}-withheld"], self[f"{n}-section"])
            for n, document in enumerate(self.documents, 1)
        ]

    def decisions(self) -> dict[str, dict]:
        data = self.cleaned_data
        return {
            document.key: {
                "decision": data[f"{n}-decision"],
                "withheld": data[f"{n}-withheld"],
                "section": data[f"{n}-section"],
            }
            for n, document in enumerate(self.documents, 1)
        }


class DisqualificationForm(forms.Form):
    """Declaring oneself disqualified on a case; the head may record it for any caseworker."""

    person = forms.ModelChoiceField(label=_("Who is disqualified"), queryset=None, required=False)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("E.g. a personal or financial interest in the case, or a close relation to a party."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if has_role(user, Role.HEAD):
            field = self.fields["person"]
            field.queryset = (
                get_user_model()
                .objects.filter(is_active=True, groups__name__in=[Role.JURIST, Role.HEAD])
                .distinct()
                .order_by("first_name", "last_name", "username")
            )
            field.label_from_instance = lambda person: person.get_full_name() or person.get_username()
            field.empty_label = _("— myself —")
        else:
            del self.fields["person"]

    def who(self):
        return self.cleaned_data.get("person") or self.user
