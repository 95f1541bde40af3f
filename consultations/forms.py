"""The form that registers a consultation or a teaching case; labels and messages in Danish
through gettext."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, caseworker_field

from .models import Consultation, ConsultationChannel, ConsultationKind


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
