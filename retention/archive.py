"""The archive package of one batch: a zip, self-describing, for the municipality's archive to
collect from the private storage. Modelled on the ideas of the Danish archival version
(arkiveringsversion: tables, documents and an index, with checksums) without claiming to be
one:

    LÆSMIG.txt                      what the package is and how it is laid out (Danish)
    tabeller/<model>.csv            one table per kind of row, UTF-8, a header row
    tabeller/<model>.xml            the same rows as XML …
    tabeller/<model>.xsd            … and the XML Schema they follow (column types)
    dokumenter/<case>/oversigt.pdf  the case's record: every field and row, tagged PDF/UA
    dokumenter/<case>/<n>-…         the case's documents as stored (letters as sent, files)
    dokumenter/indeks.csv           every document: case, file, title, date
    manifest-sha256.txt             a SHA-256 checksum of every other file (``sha256sum -c``)
"""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from xml.etree import ElementTree as ET

from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ops.documents import CaseFile, render_case_file
from ops.uploads import private_storage

from .cases import KINDS, NOT_ARCHIVED

# Characters XML 1.0 cannot carry (control characters but tab, newline, return).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

XSD_TYPES = {
    models.DateField: "xs:date",
    models.DateTimeField: "xs:dateTime",
    models.BooleanField: "xs:boolean",
    models.IntegerField: "xs:integer",
    models.BigIntegerField: "xs:integer",
    models.PositiveIntegerField: "xs:integer",
    models.PositiveSmallIntegerField: "xs:integer",
    models.PositiveBigIntegerField: "xs:integer",
    models.SmallIntegerField: "xs:integer",
    models.BigAutoField: "xs:integer",
    models.AutoField: "xs:integer",
}


def _table_name(model) -> str:
    return model._meta.label_lower.replace(".", "_")


def _columns(model) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in NOT_ARCHIVED.get(model, ())]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _xsd(model) -> bytes:
    root = ET.Element(
        "xs:schema", {"xmlns:xs": "http://www.w3.org/2001/XMLSchema", "elementFormDefault": "qualified"}
    )
    table = ET.SubElement(root, "xs:element", name=_table_name(model))
    rows = ET.SubElement(ET.SubElement(table, "xs:complexType"), "xs:sequence")
    row = ET.SubElement(rows, "xs:element", name="row", minOccurs="0", maxOccurs="unbounded")
    columns = ET.SubElement(ET.SubElement(row, "xs:complexType"), "xs:sequence")
    for field in _columns(model):
        kind = "xs:integer" if field.is_relation else XSD_TYPES.get(type(field), "xs:string")
        ET.SubElement(columns, "xs:element", name=field.attname, type=kind, minOccurs="0", nillable="true")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _xml(model, rows: list[dict]) -> bytes:
    root = ET.Element(_table_name(model), {"xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance"})
    for values in rows:
        row = ET.SubElement(root, "row")
        for field in _columns(model):
            cell = ET.SubElement(row, field.attname)
            value = values[field.attname]
            if value is None:
                cell.set("xsi:nil", "true")
            else:
                cell.text = NOT_XML.sub("", _text(value))
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _csv(model, rows: list[dict]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [field.attname for field in _columns(model)]
    writer.writerow(names)
    for values in rows:
        writer.writerow([_text(values[name]) for name in names])
    return out.getvalue().encode("utf-8")


def _safe(name: str) -> str:
    """A file name for inside the zip: letters, digits, dot, dash; never a path."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._")
    return cleaned[:80] or "dokument"


def _file_name(title: str) -> str:
    """A document's file name from its title: a file keeps its extension, a letter is a PDF."""
    stem, dot, extension = title.rpartition(".")
    if dot and extension.isalnum() and len(extension) <= 5:
        return f"{_safe(stem)}.{extension.lower()}"
    return f"{_safe(title)}.pdf"


def _record_pdf(kind, case, tables: dict, documents: list[list[str]]) -> bytes:
    """The case's record: its fields, its documents and every row that belongs to it."""
    facts = [(str(f.verbose_name), _text(getattr(case, f.attname))) for f in _columns(kind.model)]
    rows = []
    for part in kind.parts:
        for values in tables.get(part.model, {}).get(case.pk, []):
            text = "; ".join(
                f"{f.verbose_name}: {_text(values[f.attname])}"
                for f in _columns(part.model)
                if values[f.attname] not in (None, "") and not f.is_relation and not f.primary_key
            )
            rows.append([str(part.model._meta.verbose_name), text])
    return render_case_file(
        CaseFile(
            title=_("The record of %(number)s, archived") % {"number": case.case_number},
            reference=case.case_number,
            printed=_("Archived %(when)s") % {"when": f"{timezone.localtime():%d.%m.%Y %H:%M}"},
            facts=facts,
            documents_heading=_("Documents"),
            documents_header=[_("No."), _("Date"), _("Document"), _("File in the package")],
            documents=documents,
            timeline_heading=_("Registrations on the case"),
            timeline_header=[_("Kind"), _("Content")],
            timeline=rows,
            empty=_("None."),
        )
    )


def build(package, cases: list[tuple[str, int]]) -> bytes:
    """The package's zip, from the cases' data as they are now (before any deletion), in Danish."""
    with translation.override("da"):
        return _build(package, cases)


def _build(package, cases: list[tuple[str, int]]) -> bytes:
    files: dict[str, bytes] = {}
    index = [["sagsnummer", "fil", "titel", "dato"]]
    storage = private_storage()
    by_kind: dict[str, list[int]] = {}
    for kind, case_id in cases:
        by_kind.setdefault(kind, []).append(case_id)
    # Rows by model across every kind of case in the package: the shared models (notes, access
    # requests, disqualifications) hold rows of complaints and supervisions alike, in one table.
    rows_by_model: dict = {}
    missing = []
    for kind_name, ids in by_kind.items():
        kind = KINDS[kind_name]
        rows_by_model.setdefault(kind.model, []).extend(
            kind.model.objects.filter(pk__in=ids).order_by("pk").values()
        )
        tables: dict = {}
        for part in kind.parts:
            part_rows = list(
                part.model.objects.filter(**{f"{part.to_case}__in": ids})
                .annotate(_case=models.F(part.to_case))
                .order_by("pk")
                .values()
            )
            for values in part_rows:
                tables.setdefault(part.model, {}).setdefault(values.pop("_case"), []).append(values)
                rows_by_model.setdefault(part.model, []).append(values)
        # Each kind of document once for the whole batch (not a query per case), by case.
        stored_by_case: dict = {}
        for doc in kind.documents:
            rows = (
                doc.model.objects.filter(**{f"{doc.to_case}__in": ids})
                .annotate(_case=models.F(doc.to_case))
                .order_by(doc.date_field, "pk")
            )
            for row in rows:
                stored_by_case.setdefault((doc, row._case), []).append(row)
        for case in kind.model.objects.filter(pk__in=ids).order_by("pk"):
            folder = f"dokumenter/{_safe(case.case_number)}"
            documents = []
            n = 0
            for doc in kind.documents:
                for row in stored_by_case.get((doc, case.pk), []):
                    file = getattr(row, doc.file_field)
                    if not file:
                        continue
                    n += 1
                    title = getattr(row, doc.title_field) or ""
                    path = f"{folder}/{n:03d}-{_file_name(title)}"
                    day = timezone.localtime(getattr(row, doc.date_field)).date().isoformat()
                    try:
                        with storage.open(file.name, "rb") as handle:
                            files[path] = handle.read()
                    except FileNotFoundError:
                        # A file lost from the storage must not stop every later run: the
                        # index says so, and the package goes on without it.
                        missing.append(path)
                        title = _("%(title)s (missing from the storage when archived)") % {"title": title}
                    documents.append([str(n), day, title, path.rsplit("/", 1)[-1]])
                    index.append([case.case_number, path, title, day])
            record = f"{folder}/sagsoversigt.pdf"
            files[record] = _record_pdf(kind, case, tables, documents)
            index.append([case.case_number, record, _("Case record"), timezone.localdate().isoformat()])
    for model, rows in rows_by_model.items():
        name = _table_name(model)
        ordered = sorted({values["id"]: values for values in rows}.values(), key=lambda v: v["id"])
        files[f"tabeller/{name}.csv"] = _csv(model, ordered)
        files[f"tabeller/{name}.xml"] = _xml(model, ordered)
        files[f"tabeller/{name}.xsd"] = _xsd(model)
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(index)
    files["dokumenter/indeks.csv"] = out.getvalue().encode("utf-8")
    files["LÆSMIG.txt"] = render_to_string(
        "retention/package_readme.txt",
        {"package": package, "cases": len(cases), "made": timezone.localtime(), "missing": missing},
    ).encode("utf-8")
    manifest = "".join(
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(files.items())
    )
    files["manifest-sha256.txt"] = manifest.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(files.items()):
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()
