from django.utils.translation import gettext_lazy as _

from core.models import NumberCounter


class ReportNumberCounter(NumberCounter):
    """The scheme's own number series ``WB-YYYY-NNNN``.

    A separate table from the shared case series, so that neither the numbers nor the count of
    reports per year can be read from anything outside the whistleblower app.
    """

    class Meta:
        verbose_name = _("report number counter")
        verbose_name_plural = _("report number counters")
