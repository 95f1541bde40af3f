from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.models import Department

from . import markup
from .models import Chapter, Edition, EditionRecommendation, EditionResult, Example
from .services import resolve_case_numbers


def _markup_field(form, name, allow_parts=False):
    """Check a markup text: parts ("[[tal]]") are known and placed once — and only in chapters."""
    text = form.cleaned_data.get(name, "")
    if not allow_parts and markup.inserts(text):
        raise ValidationError(_("Parts such as [[tal]] can only be placed in a chapter's text."))
    markup.validate(text)
    return text


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["title", "publication_date", "foreword", "attach_previous_comments"]
        widgets = {"publication_date": DateInput(), "foreword": forms.Textarea(attrs={"rows": 10})}

    def clean_foreword(self):
        return _markup_field(self, "foreword")


class ChapterForm(forms.ModelForm):
    class Meta:
        model = Chapter
        fields = ["heading", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _(
            "%(markup)s Place a generated part on a line of its own: %(parts)s."
        ) % {
            "markup": self.fields["body"].help_text,
            "parts": ", ".join(f"[[{name}]] ({label})" for name, label in markup.insert_names().items()),
        }

    def clean_body(self):
        return _markup_field(self, "body", allow_parts=True)


def _departments_field(label):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=Department.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DepartmentCommentsMixin:
    """One text field per department: its comment on a recommendation."""

    def add_comment_fields(self, recommendation) -> None:
        self.departments_list = list(Department.objects.all())
        existing = {c.department_id: c.text for c in recommendation.comments.all()} if recommendation else {}
        for department in self.departments_list:
            self.fields[f"comment_{department.pk}"] = forms.CharField(
                label=_("Comment from %(department)s") % {"department": department.name},
                required=False,
                max_length=20000,
                initial=existing.get(department.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def comment_fields(self):
        return [self[f"comment_{d.pk}"] for d in self.departments_list]

    def clean_comments(self, data) -> None:
        for department in self.departments_list:
            name = f"comment_{department.pk}"
            if name not in data:
                continue
            try:
                _markup_field(self, name)
            except ValidationError as exc:
                self.add_error(name, exc)

    def comments(self) -> dict:
        return {d: self.cleaned_data.get(f"comment_{d.pk}", "") for d in self.departments_list}


class RecommendationForm(DepartmentCommentsMixin, forms.ModelForm):
    """The recommendation and, below it, one comment field per department."""

    departments = _departments_field(_("Departments addressed"))

    class Meta:
        model = EditionRecommendation
        fields = ["number", "heading", "text", "all_departments", "departments"]
        widgets = {"text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].min_value = 1
        self.add_comment_fields(self.instance if self.instance.pk else None)

    def clean_text(self):
        return _markup_field(self, "text")

    def clean(self):
        data = super().clean()
        if not data.get("all_departments") and not data.get("departments"):
            self.add_error("departments", _("Choose the departments addressed, or all departments."))
        self.clean_comments(data)
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "number": data["number"],
            "heading": data["heading"],
            "text": data["text"],
            "all_departments": data["all_departments"],
            "departments": list(data["departments"]),
            "comments": self.comments(),
        }


class CaseItemForm(forms.ModelForm):
    """What an example or a result refers to: case numbers of any kind, departments."""

    case_numbers = forms.CharField(
        label=_("Case numbers"),
        required=False,
        max_length=500,
        help_text=_(
            "Complaints, supervisions or consultations, separated by commas, e.g. "
            "2023-0323054, 2023-0312583. Leave empty if the text refers to no case."
        ),
    )
    departments = _departments_field(_("Departments"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].help_text = _("Left empty: the departments of the cases.")
        if self.instance.pk and not self.is_bound:
            self.initial["case_numbers"] = ", ".join(self.instance.case_numbers())

    def clean_case_numbers(self):
        text = self.cleaned_data.get("case_numbers", "")
        resolve_case_numbers(text)  # names an unknown or malformed number
        return text

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["departments"] = list(data["departments"])
        return data


class ExampleForm(CaseItemForm):
    class Meta:
        model = Example
        fields = [
            "heading",
            "category",
            "case_numbers",
            "all_departments",
            "departments",
            "pull_quote",
            "narrative",
        ]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 12})}

    def clean_narrative(self):
        return _markup_field(self, "narrative")


class ResultForm(CaseItemForm):
    class Meta:
        model = EditionResult
        fields = ["text", "category", "case_numbers", "all_departments", "departments"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Report year"), min_value=2000, max_value=2100)


class CommentsForm(DepartmentCommentsMixin, forms.Form):
    """The departments' comments on a recommendation (any time, also after publication)."""

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_comment_fields(recommendation)

    def clean(self):
        data = super().clean()
        self.clean_comments(data)
        return data
