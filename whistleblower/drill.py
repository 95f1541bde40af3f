"""The restore drill's look at the whistleblower scheme: every report, identity, message and
file decrypted (as digests); a report that cannot be decrypted is counted, not shown."""

from ops.drill import digest

from .crypto import EncryptedTextField
from .models import Report, ReportFile, ReportPersons
from .services import report_file_content


def look(today: str) -> dict:
    reports, unreadable = {}, 0
    encrypted = [f.name for f in Report._meta.fields if isinstance(f, EncryptedTextField)]
    for pk, reference in Report.objects.order_by("pk").values_list("pk", "reference"):
        try:  # the content is decrypted as it is read
            report = Report.objects.get(pk=pk)
            content = {name: getattr(report, name) for name in encrypted}
            persons = ReportPersons.objects.filter(report=report).first()
            content["persons"] = (
                [persons.reporter_name, persons.reporter_contact, persons.third_persons] if persons else []
            )
            content["messages"] = list(report.messages.values_list("body", flat=True))
            files = [
                digest(report_file_content(stored)) for stored in ReportFile.objects.filter(report=report)
            ]
        except Exception:
            unreadable += 1
            continue
        has_content = bool(files) or any(content.values())
        reports[reference] = {"content": digest(content), "files": files, "has_content": has_content}
    return {"reports": reports, "unreadable": unreadable}
