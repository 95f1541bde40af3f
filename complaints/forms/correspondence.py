"""Correspondence on a case: attachments, letters, what comes in."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput

from ..models import (
    IncomingChannel,
    LetterTemplate,
)
from ..services import SENDABLE_LETTERS
from .fields import CHOOSE


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("At most 20 MB: PDF, docx, xlsx, JPG, PNG, txt, eml or msg.")
    )


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
        super().__init__(*args, **kwargs)
        labels = dict(LetterTemplate.Code.choices)
        self.fields["code"].choices = [("", CHOOSE), *((code, labels[code]) for code in SENDABLE_LETTERS)]


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
