"""Fields and helpers the complaints' forms share: yes/no questions, the caseworker choice, the CPR
field, the other departments a case concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.models import Department

from ..models import (
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
