"""The public side's forms: the complaint form, a message or document through the status link, the
status link by e-mail, the survey."""

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Department

from ..models import (
    Requester,
    Satisfaction,
)
from .fields import CprField


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


class StatusLinkForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)


class SurveyForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How satisfied are you with the Borgerrådgiver's handling of your case?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
    )
