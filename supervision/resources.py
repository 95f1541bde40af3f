"""Import format ``supervisions`` (DOMAIN §8)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.models import Complaint
from core.importing import (
    CASE_NUMBER,
    ImportResource,
    check_case_number,
    chunks,
    day,
    set_state_for_import,
    text,
    untouched_imports,
)
from core.models import CaseNote, CaseNumberCounter, Department
from core.workflow import system_text

from .models import Supervision, SupervisionAction, SupervisionEvent
from .services import IMPORTED_NOTE


class SupervisionResource(ImportResource):
    case_number = text("case_number")
    kind = text("kind")
    opened_on = day("opened_on")
    concluded_on = day("concluded_on")
    closed_on = day("closed_on")
    conclusion = text("conclusion")
    list_columns = ("departments",)
    extra_columns = ("source_case_number",)
    resolved_fields = ("source_complaint",)
    number_series = (CaseNumberCounter, CASE_NUMBER)

    class Meta(ImportResource.Meta):
        model = Supervision
        import_id_fields = ("case_number",)
        fields = ("case_number", "kind", "opened_on", "concluded_on", "closed_on", "conclusion")

    def before_import(self, dataset, **kwargs):
        self._departments = {d.code: d for d in Department.objects.all()}
        numbers = sorted({str(v).strip() for v in dataset["source_case_number"] if v not in (None, "")})
        self._complaints = {}
        for part in chunks(numbers):
            self._complaints.update(
                {c.case_number: c for c in Complaint.objects.filter(case_number__in=part)}
            )
        super().before_import(dataset, **kwargs)

    def existing_lists(self, numbers):
        through = Supervision.departments.through
        existing = {}
        for part in chunks(numbers):
            for number, code in through.objects.filter(supervision__case_number__in=part).values_list(
                "supervision__case_number", "department__code"
            ):
                existing.setdefault(number, []).append(code)
        return {n: {"departments": sorted(codes)} for n, codes in existing.items()}

    def updatable_numbers(self, numbers):
        return untouched_imports(
            SupervisionEvent.objects.all(), "supervision__case_number", numbers, notes=CaseNote.objects.all()
        )

    def clean_list(self, column, values):
        unknown = [v for v in values if v not in self._departments]
        if unknown:
            raise ValueError(_("Unknown department code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        if not values:
            raise ValueError(_("Give at least one department."))
        return values

    def import_instance(self, instance, row, **kwargs):
        source = str(row.get("source_case_number") or "").strip()
        errors = {}
        if source and source not in self._complaints:
            errors["source_case_number"] = [
                _("There is no case with the number %(number)s.") % {"number": source}
            ]
        instance.source_complaint = self._complaints.get(source)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.update_error_dict({}))
        if errors:
            raise ValidationError(errors)

    def _values(self, instance):
        return {**super()._values(instance), "source": instance.source_complaint_id}

    def derive(self, instance):
        errors = {}
        check_case_number(instance.case_number, errors)
        if instance.concluded_on and not instance.conclusion:
            errors["conclusion"] = [_("A concluded supervision needs its conclusion.")]
        if instance.closed_on and not instance.concluded_on:
            errors["concluded_on"] = [_("A closed supervision needs the date it was concluded.")]
        if errors:
            raise ValidationError(errors)
        # The format carries no subject; an imported supervision is named as such.
        instance.title = instance.title or system_text(gettext_lazy("Supervision (imported)"))
        state = "closed" if instance.closed_on else ("concluded" if instance.concluded_on else "opened")
        set_state_for_import(instance, state)

    def apply_lists(self, written):
        through = Supervision.departments.through
        ids = [s.pk for s, _new in written]
        for part in chunks(ids):
            through.objects.filter(supervision_id__in=part).delete()
        through.objects.bulk_create(
            [
                through(supervision_id=s.pk, department=self._departments[code])
                for s, _new in written
                for code in s._import_lists["departments"]
            ],
            batch_size=2000,
        )

    def mark_imported(self, written):
        note = system_text(IMPORTED_NOTE)
        SupervisionEvent.objects.bulk_create(
            [
                SupervisionEvent(
                    supervision=s, action=SupervisionAction.IMPORTED, to_state=s.state, note=note
                )
                for s, _new in written
            ],
            batch_size=2000,
        )
