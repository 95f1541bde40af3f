"""Import format ``consultations`` (DOMAIN §8)."""

from django.core.exceptions import ValidationError
from import_export.fields import Field
from import_export.widgets import IntegerWidget

from core.importing import (
    CASE_NUMBER,
    DepartmentWidget,
    ImportResource,
    check_case_number,
    chunks,
    day,
    set_state_for_import,
    text,
)
from core.models import CaseNumberCounter

from .models import Consultation


class ConsultationResource(ImportResource):
    case_number = text("case_number")
    kind = text("kind")
    department = Field(attribute="department", column_name="department", widget=DepartmentWidget())
    channel = text("channel")
    received_on = day("received_on")
    closed_on = day("closed_on")
    participants = Field(attribute="participants", column_name="participants", widget=IntegerWidget())
    topic = text("topic")
    resolved_fields = ("department",)
    number_series = (CaseNumberCounter, CASE_NUMBER)

    class Meta(ImportResource.Meta):
        model = Consultation
        import_id_fields = ("case_number",)
        fields = (
            "case_number",
            "kind",
            "department",
            "channel",
            "received_on",
            "closed_on",
            "participants",
            "topic",
        )

    def updatable_numbers(self, numbers):
        # Consultations keep no timeline: the flag says "as imported, untouched since".
        found = set()
        for part in chunks(sorted(set(numbers))):
            found |= set(
                Consultation.objects.filter(case_number__in=part, untouched_import=True).values_list(
                    "case_number", flat=True
                )
            )
        return found

    def derive(self, instance):
        errors = {}
        check_case_number(instance.case_number, errors)
        if errors:
            raise ValidationError(errors)
        set_state_for_import(instance, "closed" if instance.closed_on else "open")
        instance.untouched_import = True
