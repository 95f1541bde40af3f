"""The light markup of the yearly report's texts (chapters, foreword, recommendations, examples).

What the secretariat may write, and nothing else:

- paragraphs, separated by a blank line; a single line break stays a line break;
- ``## Heading`` on its own line: a heading within the chapter;
- lines starting with ``- `` (or ``* ``): a bulleted list;
- lines starting with ``> ``: a quotation;
- ``*emphasis*`` and ``**strong**`` within a line;
- ``[[name]]`` alone on a line: one of the report's generated parts (``INSERTS``) placed there.

Everything else is text. The text never passes through as markup: each piece is escaped for
reportlab's paragraph parser (``to_reportlab``) or for HTML (``to_html``, Django's escaping) at
the moment it is rendered, so "<b>", "&amp;" or "<font" typed by someone shows as written.
"""

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pdf import escape_markup

# The generated parts a chapter may place, by the name written between [[ ]].
INSERTS = {
    "tal": gettext_lazy("The year in figures"),
    "anbefalinger": gettext_lazy("Recommendations"),
    "eksempler": gettext_lazy("Examples"),
    "resultater": gettext_lazy("Selected results"),
    "undersoegelser": gettext_lazy("Investigations covering several departments"),
    "whistleblower": gettext_lazy("The whistleblower scheme"),
}

Span = tuple[str, str]  # (style, text); style is "", "em" or "strong"

_INSERT = re.compile(r"^\[\[\s*([^\]]*?)\s*\]\]$")
_INLINE = re.compile(r"\*\*(?P<strong>[^*\n]+?)\*\*|\*(?P<em>[^*\s][^*\n]*?)\*")
_BULLET = re.compile(r"^[-*] +")


@dataclass
class Block:
    kind: str  # "p", "h", "ul", "quote", "insert"
    lines: list[list[Span]] = field(default_factory=list)  # "ul": one line per item
    name: str = ""  # "insert": the part's name

    @property
    def plain(self) -> str:
        return " ".join(text for line in self.lines for _style, text in line)


def spans(text: str) -> list[Span]:
    """``text`` cut into plain, emphasised and strong pieces."""
    out, at = [], 0
    for match in _INLINE.finditer(text):
        if match.start() > at:
            out.append(("", text[at : match.start()]))
        if match.group("strong") is not None:
            out.append(("strong", match.group("strong")))
        else:
            out.append(("em", match.group("em")))
        at = match.end()
    if at < len(text):
        out.append(("", text[at:]))
    return out


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    chunk: list[str] = []

    def flush():
        if chunk:
            blocks.extend(_chunk(chunk))
            chunk.clear()

    for line in lines:
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("## ") or _INSERT.match(stripped):
            # A heading or a part stands on its own, blank lines around it or not.
            flush()
            chunk.append(stripped)
            flush()
        else:
            chunk.append(stripped)
    flush()
    return blocks


def _chunk(lines: list[str]) -> list[Block]:
    first = lines[0]
    if len(lines) == 1 and first.startswith("## "):
        return [Block("h", [spans(first[3:].strip())])]
    if len(lines) == 1 and (match := _INSERT.match(first)):
        return [Block("insert", name=match.group(1).lower())]
    if all(_BULLET.match(line) for line in lines):
        return [Block("ul", [spans(_BULLET.sub("", line)) for line in lines])]
    if all(line.startswith(">") for line in lines):
        return [Block("quote", [spans(line[1:].strip()) for line in lines])]
    return [Block("p", [spans(line) for line in lines])]


def inserts(text: str) -> list[str]:
    return [block.name for block in parse(text) if block.kind == "insert"]


def validate(text: str) -> None:
    """A form's check: every ``[[name]]`` is a known part, once."""
    names = inserts(text)
    unknown = [n for n in names if n not in INSERTS]
    if unknown:
        raise ValidationError(
            _("Unknown part [[%(name)s]]. The parts are: %(known)s.")
            % {"name": unknown[0], "known": ", ".join(f"[[{n}]]" for n in INSERTS)}
        )
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValidationError(_("The part [[%(name)s]] is placed twice.") % {"name": twice[0]})


# reportlab ---------------------------------------------------------------------------------

_RL = {"": "{}", "em": "<i>{}</i>", "strong": "<b>{}</b>"}


def line_to_reportlab(line: list[Span]) -> str:
    return "".join(_RL[style].format(escape_markup(text)) for style, text in line)


def to_reportlab(block: Block) -> str:
    """The block's text as reportlab paragraph markup (lines joined by line breaks)."""
    return "<br/>".join(line_to_reportlab(line) for line in block.lines)


# HTML --------------------------------------------------------------------------------------


def line_to_html(line: list[Span]):
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<em>{}</em>", text) if style == "em" else format_html("<strong>{}</strong>", text),)
            if style
            else (text,)
            for style, text in line
        ),
    )


def to_html(block: Block):
    return format_html_join(mark_safe("<br>"), "{}", ((line_to_html(line),) for line in block.lines))
