"""The Danish catalogue is complete and its compiled file matches it."""

import gettext
import re

from django.conf import settings

PO = settings.BASE_DIR / "locale" / "da" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def _unquote(line):
    return (
        line.split('"', 1)[1].rsplit('"', 1)[0].encode().decode("unicode_escape").encode("latin-1").decode()
    )


def parse_po(path):
    """(msgid, msgstr, fuzzy) per entry; plural entries give msgstr[0]."""
    entries, current, field, fuzzy = [], None, None, False
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current and current.get("msgid"):
                entries.append((current["msgid"], current.get("msgstr", ""), fuzzy))
            current, field, fuzzy = None, None, False
            continue
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith("#"):
            continue
        current = current or {}
        match = re.match(r'(msgid|msgstr(?:\[0\])?|msgid_plural|msgstr\[\d+\]|msgctxt)\s+"', line)
        if match:
            field = match.group(1).replace("[0]", "")
            current[field] = _unquote(line)
        elif line.startswith('"') and field:
            current[field] = current.get(field, "") + _unquote(line)
    return entries


def test_every_string_has_a_danish_translation():
    entries = parse_po(PO)
    assert len(entries) > 30
    missing = [msgid for msgid, msgstr, fuzzy in entries if not msgstr or fuzzy]
    assert missing == []


def test_compiled_catalogue_matches_the_po_file():
    catalogue = gettext.GNUTranslations(MO.open("rb"))
    stale = [
        msgid
        for msgid, msgstr, _f in parse_po(PO)
        if "%(" not in msgid and catalogue.gettext(msgid) != msgstr
    ]
    assert stale == []
