"""The light markup of the yearly report's texts (chapters, foreword, recommendations, examples).

What the secretariat may write, and nothing else (the edit form's help says the same):

- paragraphs, separated by a blank line; a single line break stays a line break;
- ``## Heading`` / ``### Sub-heading`` on their own line: a section of the chapter and a part of
  a section (each gets an anchor from its words: "Mægling i praksis" → ``maegling-i-praksis``);
- lines starting with ``- `` (or ``* ``): a bulleted list; ``1. ``, ``2. ``: a numbered list;
- lines starting with ``> ``: a quotation; a last line ``> — who`` says who said it;
- ``::: Heading`` … ``:::``: a fact box (set apart), holding paragraphs and lists;
- a table: lines starting with ``|``, the first row the header, the second ``|---|---|``;
- within a line: ``*emphasis*``, ``**strong**``, ``[text](https://…)`` — a link, to http,
  https and mailto addresses only (anything else stays text) — and ``[[side:anchor]]``, a
  reference to another place of the report: its heading, and in the PDF its page;
- ``[[name]]`` alone on a line: one of the report's generated parts (``PARTS``) or figures
  (``[[figur:name]]``, ``FIGURES``) placed there. Each may be placed once.

Everything else is text. Nothing written passes through as HTML: every piece is escaped by
Django (``to_html``) when it is rendered, so "<b>" or "&amp;" typed by someone shows as written.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The generated parts a chapter may place, by the name written between [[ ]].
PARTS = {
    "tal": gettext_lazy("The year's figures that are not placed one by one"),
    "anbefalinger": gettext_lazy("Recommendations"),
    "eksempler": gettext_lazy("Examples"),
    "resultater": gettext_lazy("Selected results"),
    "undersoegelser": gettext_lazy("Investigations covering several departments"),
    "whistleblower": gettext_lazy("The whistleblower scheme"),
}
# The year's figures, one by one ([[figur:name]]): name → the figure's key in the report.
FIGURES = {
    "henvendelser": ("inquiries", gettext_lazy("Table: inquiries in the report year")),
    "klager-pr-aar": ("per_year", gettext_lazy("Chart: complaints per report year")),
    "klager-pr-forvaltning": ("per_department", gettext_lazy("Chart: complaints per department")),
    "indsatser": ("efforts", gettext_lazy("Chart: cases closed, by track")),
    "sagsbehandlingstid": ("processing", gettext_lazy("Table: processing times")),
    "aktiviteter": ("activities", gettext_lazy("Table: activities")),
    "resultater": ("results", gettext_lazy("Table: results")),
    "tilfredshed": ("satisfaction", gettext_lazy("Table: satisfaction")),
    "generelle-fejl": ("systemic", gettext_lazy("Table: errors that reach further")),
    "diskrimination": ("discrimination", gettext_lazy("Table: complaints about discrimination")),
}
FIGURE_PREFIX = "figur:"


def insert_names() -> dict:
    """Every name that may stand between [[ ]] on a line of its own, with what it places."""
    return {**PARTS, **{FIGURE_PREFIX + name: label for name, (_key, label) in FIGURES.items()}}


@dataclass(frozen=True)
class Inline:
    kind: str  # "", "em", "strong", "link", "ref"
    text: str
    target: str = ""  # a link's address, a reference's anchor


@dataclass
class Block:
    kind: str  # "p", "h", "ul", "ol", "quote", "box", "table", "insert"
    lines: list[list[Inline]] = field(default_factory=list)  # lists: one per item; tables: cells
    name: str = ""  # "insert": the part's name; "box": the heading
    level: int = 0  # "h": 2 (##) or 3 (###)
    children: list["Block"] = field(default_factory=list)  # "box": its blocks
    rows: list[list[list[Inline]]] = field(default_factory=list)  # "table": body rows of cells
    source: str = ""  # "quote": who said it
    html_level: int = 0  # "h" and "insert": the heading level in the report (``assign_levels``)
    id: str = ""  # "h": its anchor, unique in the report (``content``); else its words' slug

    @property
    def plain(self) -> str:
        return " ".join(piece.text for line in self.lines for piece in line)

    @property
    def anchor(self) -> str:
        return (self.id or slug(self.plain)) if self.kind == "h" else ""

    @property
    def figure(self) -> str:
        """An insert of a figure: the figure's key in the report ("" otherwise)."""
        if self.kind == "insert" and self.name.startswith(FIGURE_PREFIX):
            return FIGURES.get(self.name[len(FIGURE_PREFIX) :], ("", ""))[0]
        return ""


_INSERT = re.compile(r"^\[\[\s*([^\]]*?)\s*\]\]$")
_INLINE = re.compile(
    r"\*\*(?P<strong>[^*\n]+?)\*\*"
    r"|\*(?P<em>[^*\s][^*\n]*?)\*"
    r"|\[\[side:(?P<ref>[a-z0-9-]+)\]\]"
    r"|\[(?P<link_text>[^\]\n]+)\]\((?P<link>[^)\s]+)\)"
)
_BULLET = re.compile(r"^[-*] +")
_NUMBER = re.compile(r"^\d{1,3}[.)] +")
_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
SAFE_LINK = re.compile(r"^(https?://[^\s<>\"']+|mailto:[^\s<>\"']+)$", re.IGNORECASE)
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"})


def slug(text: str) -> str:
    """ "Mægling som værktøj" → "maegling-som-vaerktoej": a heading's anchor."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(_DANISH)).strip("-")


def spans(text: str) -> list[Inline]:
    """``text`` cut into plain, emphasised, strong, linked and referring pieces."""
    out, at = [], 0
    for match in _INLINE.finditer(text):
        kind = match.lastgroup
        if kind == "link" and not SAFE_LINK.match(match.group("link")):
            continue  # not a link we make: it stays text as typed
        if match.start() > at:
            out.append(Inline("", text[at : match.start()]))
        if kind == "strong":
            out.append(Inline("strong", match.group("strong")))
        elif kind == "em":
            out.append(Inline("em", match.group("em")))
        elif kind == "ref":
            out.append(Inline("ref", match.group("ref"), match.group("ref")))
        else:
            out.append(Inline("link", match.group("link_text"), match.group("link")))
        at = match.end()
    if at < len(text):
        out.append(Inline("", text[at:]))
    return out


def parse(text: str) -> list[Block]:
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    blocks, _end = _parse(lines, 0, in_box=False)
    return blocks


def _parse(lines: list[str], at: int, *, in_box: bool) -> tuple[list[Block], int]:
    blocks: list[Block] = []
    chunk: list[str] = []

    def flush():
        if chunk:
            blocks.extend(_chunk(chunk))
            chunk.clear()

    while at < len(lines):
        stripped = lines[at].strip()
        at += 1
        if stripped == ":::" and in_box:
            flush()
            return blocks, at
        if stripped.startswith(":::") and not in_box and stripped[3:].strip():
            flush()
            children, at = _parse(lines, at, in_box=True)
            blocks.append(Block("box", name=stripped[3:].strip(), children=children))
        elif not stripped:
            flush()
        elif stripped.startswith(("## ", "### ")) or _is_insert(stripped):
            # A heading or a part stands on its own, blank lines around it or not.
            flush()
            chunk.append(stripped)
            flush()
        else:
            chunk.append(stripped)
    flush()
    return blocks, at


def _is_insert(line: str) -> bool:
    """``[[name]]`` alone on a line places a part; ``[[side:…]]`` alone is a reference."""
    match = _INSERT.match(line)
    return bool(match) and not match.group(1).lower().startswith("side:")


def _cells(line: str) -> list[list[Inline]]:
    return [spans(cell.strip()) for cell in line.strip().strip("|").split("|")]


def _chunk(lines: list[str]) -> list[Block]:
    first = lines[0]
    if len(lines) == 1 and first.startswith("### "):
        return [Block("h", [spans(first[4:].strip())], level=3)]
    if len(lines) == 1 and first.startswith("## "):
        return [Block("h", [spans(first[3:].strip())], level=2)]
    if len(lines) == 1 and _is_insert(first):
        return [Block("insert", name=_INSERT.match(first).group(1).lower())]
    if all(_BULLET.match(line) for line in lines):
        return [Block("ul", [spans(_BULLET.sub("", line)) for line in lines])]
    if all(_NUMBER.match(line) for line in lines):
        return [Block("ol", [spans(_NUMBER.sub("", line)) for line in lines])]
    if all(line.startswith(">") for line in lines):
        quoted = [line[1:].strip() for line in lines]
        source = ""
        if len(quoted) > 1 and quoted[-1].startswith(("—", "–", "-- ")):
            source = quoted.pop().lstrip("—–- ").strip()
        return [Block("quote", [spans(line) for line in quoted], source=source)]
    if len(lines) >= 2 and all(line.startswith("|") for line in lines) and _RULE.match(lines[1]):
        return [Block("table", _cells(lines[0]), rows=[_cells(line) for line in lines[2:]])]
    return [Block("p", [spans(line) for line in lines])]


def walk(blocks: list[Block]):
    """Every block, fact boxes' contents included."""
    for block in blocks:
        yield block
        yield from walk(block.children)


def assign_levels(blocks: list[Block], parent_level: int) -> list[Block]:
    """The HTML heading levels of ``blocks`` under a heading of ``parent_level``: ``##`` one
    level down, ``###`` two (never skipping a level), and a placed part one level below the
    heading it stands under. Returns ``blocks``."""
    last = parent_level
    for block in blocks:
        if block.kind == "h":
            block.html_level = min(parent_level + block.level - 1, last + 1, 6)
            last = block.html_level
        elif block.kind == "insert":
            block.html_level = min(last + 1, 6)
        assign_levels(block.children, last)
    return blocks


def inserts(text: str) -> list[str]:
    return [block.name for block in walk(parse(text)) if block.kind == "insert"]


def references(text: str) -> list[str]:
    """The anchors ``text`` refers to with [[side:…]]."""
    found = []
    for block in walk(parse(text)):
        for line in [*block.lines, *(cell for row in block.rows for cell in row)]:
            found += [piece.target for piece in line if piece.kind == "ref"]
    return found


def validate(text: str) -> None:
    """A form's check: every ``[[name]]`` is a known part or figure, once; every fact box is
    closed."""
    lines = [line.strip() for line in (text or "").splitlines()]
    opened = sum(1 for line in lines if line.startswith(":::") and line[3:].strip())
    closed = sum(1 for line in lines if line == ":::")
    if opened > closed:
        raise ValidationError(_('A fact box that starts with ":::" is not closed: end it with a line ":::".'))
    names = inserts(text)
    known = insert_names()
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(
            _("Unknown part [[%(name)s]]. The parts are: %(known)s.")
            % {"name": unknown[0], "known": ", ".join(f"[[{n}]]" for n in known)}
        )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError(_("The part [[%(name)s]] is placed twice.") % {"name": twice[0]})


# HTML --------------------------------------------------------------------------------------


def line_to_html(line: list[Inline], anchors: dict | None = None):
    """One line of inline pieces as HTML. A reference shows the heading it points to (from
    ``anchors``: anchor → heading); the print style sheet adds the page number."""
    anchors = anchors or {}

    def piece(p: Inline):
        if p.kind == "em":
            return format_html("<em>{}</em>", p.text)
        if p.kind == "strong":
            return format_html("<strong>{}</strong>", p.text)
        if p.kind == "link":
            return format_html('<a href="{}">{}</a>', p.target, p.text)
        if p.kind == "ref":
            if p.target not in anchors:
                return format_html("{}", p.text)
            return format_html('<a class="page-ref" href="#{}">{}</a>', p.target, anchors[p.target])
        return format_html("{}", p.text)

    return format_html_join("", "{}", ((piece(p),) for p in line))


def to_html(block: Block, anchors: dict | None = None):
    """A paragraph's or a quotation's lines, joined by line breaks."""
    return format_html_join(mark_safe("<br>"), "{}", ((line_to_html(line, anchors),) for line in block.lines))
