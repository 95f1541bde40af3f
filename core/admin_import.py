"""The admin's import pages for the case formats (DOMAIN §8), on the same path as the command.

django-import-export's own two-step flow is replaced here, because as shipped it imports the
good rows of a file that has a bad row (its confirm step does not roll back on validation
errors), reads whatever file the confirm form names in the server's temporary folder (the
name is a hidden field), leaves the uploads of failed dry runs behind, and shows tracebacks.

Here both steps call ``core.importing.run_import`` — all rows or none, Danish messages per
row — exactly like ``import_data``. The upload waits for the confirmation in the private
folder under a random name that only a signed token (bound to the user, the format and one
hour) refers to; it is deleted after the confirmation, after a failed check, and at the latest
a day later. The waiting file is kept through the private storage (a folder or the shared
bucket), so the confirmation may reach another web server than the upload.
"""

import logging
import uuid
from datetime import timedelta
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from import_export.admin import ImportMixin

from ops.uploads import private_storage

from .importing import ImportFileError, ImportSummary, parse_dataset, run_import
from .permissions import can_import_case_data

log = logging.getLogger(__name__)

TOKEN_SALT = "core.admin_import"  # noqa: S105 - a signing salt, not a secret
TOKEN_MAX_AGE = 60 * 60
PENDING_MAX_AGE = 24 * 60 * 60
SUFFIXES = (".csv", ".xlsx")


class ImportUploadForm(forms.Form):
    import_file = forms.FileField(
        label=gettext_lazy("File (CSV or XLSX)"),
        help_text=gettext_lazy("UTF-8 CSV with a header row, or XLSX with the same headers."),
    )

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if Path(upload.name).suffix.lower() not in SUFFIXES:
            raise forms.ValidationError(_("Give a .csv or .xlsx file."))
        return upload


PENDING = "import-pending"


def _remove_stale_uploads() -> None:
    storage = private_storage()
    cutoff = timezone.now() - timedelta(seconds=PENDING_MAX_AGE)
    try:
        _folders, names = storage.listdir(PENDING)
    except FileNotFoundError:
        return
    for name in names:
        try:  # another server may have taken it since the listing
            if storage.get_modified_time(f"{PENDING}/{name}") < cutoff:
                storage.delete(f"{PENDING}/{name}")
        except (FileNotFoundError, OSError):
            continue


def _check(resource, name: str, *, dry_run: bool) -> ImportSummary:
    try:
        with private_storage().open(name, "rb") as handle:
            dataset = parse_dataset(handle.read(), Path(name).suffix)
        return run_import(resource, dataset, dry_run=dry_run)
    except ImportFileError as exc:
        return ImportSummary(errors=[(None, None, str(exc))])
    except DatabaseError as exc:
        # Never a traceback on the page, and no cell values in the log.
        log.warning("Admin import refused by the database: %s", type(exc).__name__)
        return ImportSummary(errors=[(None, None, _("The database refused the file. Nothing was imported."))])


class SafeImportMixin(ImportMixin):
    import_template_name = "admin/core/import.html"

    def _resource(self, request):
        return self.get_import_resource_classes(request)[0]()

    def _render(self, request, **context):
        resource = self._resource(request)
        context.update(
            self.admin_site.each_context(request),
            title=_("Import"),
            opts=self.model._meta,
            columns=resource.required_columns(),
        )
        request.current_app = self.admin_site.name
        status = 400 if context.get("summary") and context["summary"].errors else 200
        return TemplateResponse(request, [self.import_template_name], context, status=status)

    def import_action(self, request, **kwargs):
        """Step 1: upload, and a dry run of the whole file (nothing is written)."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        _remove_stale_uploads()
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            return self._render(request, form=form)
        upload = form.cleaned_data["import_file"]
        storage = private_storage()
        wanted = f"{PENDING}/{uuid.uuid4().hex}{Path(upload.name).suffix.lower()}"
        stored = storage.save(wanted, upload)
        summary = _check(self._resource(request), stored, dry_run=True)
        if not summary.ok:
            storage.delete(stored)
            return self._render(request, form=ImportUploadForm(), summary=summary)
        token = signing.dumps(
            {"file": Path(stored).name, "user": request.user.pk, "model": self.model._meta.label},
            salt=TOKEN_SALT,
        )
        return self._render(request, summary=summary, token=token, file_name=upload.name)

    @method_decorator(require_POST)
    def process_import(self, request, **kwargs):
        """Step 2: the confirmed import — all rows or none, as in the dry run."""
        if not self.has_import_permission(request):
            raise PermissionDenied
        try:
            ticket = signing.loads(request.POST.get("token", ""), salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        except signing.BadSignature:
            ticket = None
        if (
            not isinstance(ticket, dict)
            or ticket.get("user") != request.user.pk
            or ticket.get("model") != self.model._meta.label
        ):
            summary = ImportSummary(
                errors=[(None, None, _("The import has expired. Upload the file again."))]
            )
            return self._render(request, form=ImportUploadForm(), summary=summary)
        # The name comes from the signed token only, and is a bare random name in our folder.
        storage = private_storage()
        stored = f"{PENDING}/{Path(str(ticket['file'])).name}"
        if not storage.exists(stored):
            summary = ImportSummary(
                errors=[(None, None, _("The import has expired. Upload the file again."))]
            )
            return self._render(request, form=ImportUploadForm(), summary=summary)
        try:
            summary = _check(self._resource(request), stored, dry_run=False)
        finally:
            storage.delete(stored)
        if not summary.ok:
            return self._render(request, form=ImportUploadForm(), summary=summary)
        messages.success(
            request,
            _("Imported: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"new": summary.new, "updated": summary.updated, "unchanged": summary.unchanged},
        )
        info = self.model._meta.app_label, self.model._meta.model_name
        return HttpResponseRedirect(
            reverse(f"admin:{info[0]}_{info[1]}_changelist", current_app=self.admin_site.name)
        )


class CaseImportAdmin(SafeImportMixin, admin.ModelAdmin):
    """The admin's import page for a case format (DOMAIN §8), for the secretariat only.

    Codes and dates only, in the list and on the object page — never names, CPR numbers,
    addresses or free text (the secretariat handles no case) — and nothing can be edited here:
    cases are handled in the jurists' UI. Lookups in the URL are refused except the list's own
    filters, so ``?person_cpr__startswith=…`` cannot be used to test for a person."""

    list_display = ("case_number", "kind", "state", "received_on", "closed_on")
    list_filter = ("kind", "state")
    show_full_result_count = False
    # The object page: every field shown is a code, a date or a department.
    fields = ("case_number", "kind", "state", "received_on", "closed_on")

    def lookup_allowed(self, lookup, value, request=None):
        allowed = {name if isinstance(name, str) else name[0] for name in self.list_filter}
        return lookup.split("__", 1)[0] in allowed and super().lookup_allowed(lookup, value, request)

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_import_permission(self, request):
        return can_import_case_data(request.user)

    def has_view_permission(self, request, obj=None):
        return can_import_case_data(request.user)

    def has_module_permission(self, request):
        return can_import_case_data(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
