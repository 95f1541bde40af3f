"""The organisation: the municipality's departments, their units and contact persons."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """One of the municipality's seven departments (forvaltninger), DOMAIN §2.

    The codes are fixed and created by a data migration; the secretariat may edit names
    but never add or remove a department.
    """

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The official order of the seven departments in every table of the yearly report.
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit (enhed) within a department, e.g. "Borgercenter Handicap"."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__position", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="unit_unique_name_per_department"),
        ]

    def __str__(self):
        return f"{self.name} ({self.department.code})"


class ContactPerson(models.Model):
    """The Borgerrådgiver's direct entry into a department (kontaktperson)."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("department")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__position", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name} ({self.department.code})"
