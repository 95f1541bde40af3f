"""Import format ``complaints`` (DOMAIN §8) and the department export."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field

from core.importing import (
    CASE_NUMBER,
    DepartmentWidget,
    ImportResource,
    IsoDateWidget,
    YesNoWidget,
    check_case_number,
    chunks,
    day,
    set_state_for_import,
    text,
    untouched_imports,
)
from core.models import CaseNote, CaseNumberCounter
from core.workdays import WorkingCalendar
from core.workflow import system_text

from .models import CaseAction, CaseEvent, Complaint, ComplaintPoint, Theme, reply_due
from .services import IMPORTED_NOTE

FINAL_BY_TRACK = {"advice": "advised", "forwarded": "forwarded", "rejected": "rejected"}


class ComplaintResource(ImportResource):
    case_number = text("case_number")
    kind = text("kind")
    requester = text("requester")
    channel = text("channel")
    department = Field(attribute="department", column_name="department", widget=DepartmentWidget())
    received_on = day("received_on")
    closed_on = day("closed_on")
    track = text("track")
    outcome = text("outcome")
    solved = text("solved")
    department_admitted_error = Field(
        attribute="department_admitted_error", column_name="department_admitted_error", widget=YesNoWidget()
    )
    legality_error = Field(attribute="legality_error", column_name="legality_error", widget=YesNoWidget())
    discrimination_ground = text("discrimination_ground")
    satisfaction = text("satisfaction")
    list_columns = ("themes",)
    resolved_fields = ("department",)
    number_series = (CaseNumberCounter, CASE_NUMBER)

    class Meta(ImportResource.Meta):
        model = Complaint
        import_id_fields = ("case_number",)
        fields = (
            "case_number",
            "kind",
            "requester",
            "channel",
            "department",
            "received_on",
            "closed_on",
            "track",
            "outcome",
            "solved",
            "department_admitted_error",
            "legality_error",
            "discrimination_ground",
            "satisfaction",
        )

    def before_import(self, dataset, **kwargs):
        self._themes = {t.code: t for t in Theme.objects.all()}
        self._calendar = WorkingCalendar.load()
        super().before_import(dataset, **kwargs)

    def existing_lists(self, numbers):
        existing = {}
        for part in chunks(numbers):
            rows = ComplaintPoint.objects.filter(complaint__case_number__in=part).values_list(
                "complaint__case_number", "theme__code"
            )
            for number, code in rows:
                existing.setdefault(number, {"themes": []})["themes"].append(code)
        return {n: {"themes": sorted(v["themes"])} for n, v in existing.items()}

    def updatable_numbers(self, numbers):
        return untouched_imports(
            CaseEvent.objects.all(), "complaint__case_number", numbers, notes=CaseNote.objects.all()
        )

    def clean_list(self, column, values):
        unknown = [v for v in values if v not in self._themes]
        if unknown:
            raise ValueError(_("Unknown theme code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        return values

    def derive(self, instance):
        errors = {}
        check_case_number(instance.case_number, errors)
        if instance.closed_on and not instance.track:
            errors["track"] = [_("A closed case needs a track.")]
        if instance.track and not instance.closed_on:
            errors["closed_on"] = [_("A case with a track needs its closing date.")]
        if errors:
            raise ValidationError(errors)
        instance.reply_due_on = reply_due(instance.received_on, instance.channel, self._calendar)
        set_state_for_import(
            instance, FINAL_BY_TRACK.get(instance.track, "closed") if instance.closed_on else "received"
        )

    def apply_lists(self, written):
        ids = [c.pk for c, _new in written]
        for part in chunks(ids):
            ComplaintPoint.objects.filter(complaint_id__in=part).delete()
        ComplaintPoint.objects.bulk_create(
            [
                ComplaintPoint(complaint=c, theme=self._themes[code])
                for c, _new in written
                for code in c._import_lists["themes"]
            ],
            batch_size=2000,
        )

    def mark_imported(self, written):
        note = system_text(IMPORTED_NOTE)
        CaseEvent.objects.bulk_create(
            [
                CaseEvent(complaint=c, action=CaseAction.IMPORTED, to_state=c.state, note=note)
                for c, _new in written
            ],
            batch_size=2000,
        )


class DepartmentExportResource(resources.ModelResource):
    """A department's cases for one report year — what the Borgerrådgiver gladly supplies to
    departments on request: no CPR numbers, names or free text; cells safe for spreadsheets."""

    case_number = Field(attribute="case_number", column_name="case_number")
    kind = Field(attribute="kind", column_name="kind")
    channel = Field(attribute="channel", column_name="channel")
    received_on = Field(attribute="received_on", column_name="received_on", widget=IsoDateWidget())
    closed_on = Field(attribute="closed_on", column_name="closed_on", widget=IsoDateWidget())
    track = Field(attribute="track", column_name="track")
    outcome = Field(attribute="outcome", column_name="outcome")
    solved = Field(attribute="solved", column_name="solved")
    themes = Field(column_name="themes")
    # "primary": counted for the department in the yearly figures; "secondary": the complaint
    # concerns the department too, but is counted for another.
    department_role = Field(attribute="department_role", column_name="department_role")

    class Meta:
        model = Complaint
        fields = (
            "case_number",
            "kind",
            "channel",
            "received_on",
            "closed_on",
            "track",
            "outcome",
            "solved",
            "themes",
            "department_role",
        )

    def dehydrate_themes(self, complaint):
        return ";".join(sorted({p.theme.code for p in complaint.points.all()}))
