"""Import format ``whistleblower`` (DOMAIN §8): historical metadata only, never content."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.importing import ImportResource, chunks, day, set_state_for_import, text, untouched_imports

from .models import Matter, Report, ReportAction, ReportEvent, ReportNumberCounter, Theme

REFERENCE = re.compile(r"^WB-(\d{4})-(\d{4})$")


class ReportResource(ImportResource):
    number_field = "reference"
    reference = text("reference")
    received_on = day("received_on")
    channel = text("channel")
    scope = text("scope")
    rejection_reason = text("rejection_reason")
    closed_on = day("closed_on")
    list_columns = ("matters",)
    number_series = (ReportNumberCounter, REFERENCE)

    class Meta(ImportResource.Meta):
        model = Report
        import_id_fields = ("reference",)
        fields = ("reference", "received_on", "channel", "scope", "rejection_reason", "closed_on")

    def existing_lists(self, numbers):
        existing = {}
        for part in chunks(numbers):
            for reference, theme in Matter.objects.filter(report__reference__in=part).values_list(
                "report__reference", "theme"
            ):
                existing.setdefault(reference, []).append(theme)
        return {r: {"matters": sorted(themes)} for r, themes in existing.items()}

    def updatable_numbers(self, numbers):
        return untouched_imports(ReportEvent.objects.all(), "report__reference", numbers)

    def clean_list(self, column, values):
        unknown = [v for v in values if v not in Theme.values]
        if unknown:
            raise ValueError(_("Unknown theme code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        if not values:
            raise ValueError(_("A report has at least one matter."))
        return values

    def derive(self, instance):
        errors = {}
        if not REFERENCE.match(instance.reference or ""):
            errors["reference"] = [_("The reference must be of the form WB-YYYY-NNNN.")]
        if instance.scope == "rejected" and not instance.rejection_reason:
            errors["rejection_reason"] = [_("A rejected report needs the reason.")]
        if errors:
            raise ValidationError(errors)
        state = "received"
        if instance.closed_on:
            state = "rejected" if instance.scope == "rejected" else "closed"
        set_state_for_import(instance, state)

    def apply_lists(self, written):
        ids = [r.pk for r, _new in written]
        for part in chunks(ids):
            Matter.objects.filter(report_id__in=part).delete()
        Matter.objects.bulk_create(
            [Matter(report=r, theme=t) for r, _new in written for t in r._import_lists["matters"]],
            batch_size=2000,
        )

    def mark_imported(self, written):
        reports = [r for r, _new in written]
        for report in reports:
            report.refresh_next_due()  # the queue sorts on it
        Report.objects.bulk_update(reports, ["next_due"], batch_size=2000)
        ReportEvent.objects.bulk_create(
            [ReportEvent(report=r, action=ReportAction.IMPORTED, to_state=r.state) for r, _new in written],
            batch_size=2000,
        )
