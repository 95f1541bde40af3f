"""The yearly report's charts: reportlab drawings rendered as SVG, placed inline in the report's
HTML — the same drawing in the web edition and in the PDF (DOMAIN §7).

Each chart is drawn for a narrow column (``WIDTH`` units, text ``FONT_SIZE`` units) and scales
with the page: at 375 px the text stays at 12 px or more, on a desktop the chart is shown at
most 1.5 times larger. A category's label stands on its own line above its bar, so long names
(departments, themes) wrap instead of shrinking. Every SVG has a title that says what it shows
and — for a short series — every number in words; the numbers also stand in the chart's table.
The SVG's ids are the chart's own, so many charts can share one page.
"""

import re
from pathlib import Path

from django.utils.html import escape
from django.utils.safestring import mark_safe
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont

from ops.documents import FONT_DIR, FONT_FAMILY

WIDTH = 320
FONT_SIZE = 13
FONT = "DejaVuSans"
pdfmetrics.registerFont(TTFont(FONT, str(Path(FONT_DIR) / "DejaVuSans.ttf")))
# The same family in the browser (DejaVu Sans, or Verdana, whose widths are close) and in the PDF.
SVG_FONTS = f"{FONT_FAMILY}, 'DejaVu Sans', Verdana, sans-serif"
COLORS = {
    "brand": colors.HexColor("#0b3a63"),
    "light": colors.HexColor("#2f6f9f"),
    "green": colors.HexColor("#1f6b3a"),
}
INK = colors.HexColor("#1f2937")
RULE = colors.HexColor("#6b7280")
# Up to this many categories (every chart of the report), the alternative text says every
# number: the PDF prints a chart without a table of its numbers.
SHORT_SERIES = 12


def _lines(label: str, width: float) -> list[str]:
    """``label`` broken into lines no wider than ``width``."""
    words, lines, line = label.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, FONT, FONT_SIZE) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines or [""]


def _horizontal(labels, values, texts, color) -> Drawing:
    top = max([v for v in values if v] or [1])
    value_room = max(stringWidth(t, FONT, FONT_SIZE) for t in texts) + 8
    bar_room = WIDTH - value_room
    line_height, bar_height, gap = FONT_SIZE * 1.3, 14, 10
    rows = [
        (_lines(str(label), WIDTH), value, text)
        for label, value, text in zip(labels, values, texts, strict=True)
    ]
    height = sum(len(lines) * line_height + bar_height + gap + 4 for lines, _v, _t in rows)
    drawing = Drawing(WIDTH, height)
    y = height
    for lines, value, text in rows:
        for line in lines:
            y -= line_height
            drawing.add(String(0, y + 3, line, fontName=FONT, fontSize=FONT_SIZE, fillColor=INK))
        y -= bar_height + 4
        length = bar_room * (value or 0) / top
        if length:
            drawing.add(Rect(0, y, length, bar_height, fillColor=color, strokeColor=None))
        drawing.add(String(length + 5, y + 2.5, text, fontName=FONT, fontSize=FONT_SIZE, fillColor=INK))
        y -= gap
    return drawing


def _vertical(labels, values, texts, color) -> Drawing:
    top = max([v for v in values if v] or [1])
    height, base, room = 190, 26, 190 - 26 - 24
    drawing = Drawing(WIDTH, height)
    slot = WIDTH / len(labels)
    bar = min(44, slot * 0.62)
    for i, (label, value, text) in enumerate(zip(labels, values, texts, strict=True)):
        middle = slot * i + slot / 2
        length = room * (value or 0) / top
        if length:
            drawing.add(Rect(middle - bar / 2, base, bar, length, fillColor=color, strokeColor=None))
        drawing.add(
            String(
                middle,
                base + length + 5,
                text,
                fontName=FONT,
                fontSize=FONT_SIZE,
                fillColor=INK,
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                middle, 8, str(label), fontName=FONT, fontSize=FONT_SIZE, fillColor=INK, textAnchor="middle"
            )
        )
    drawing.add(Line(0, base, WIDTH, base, strokeColor=RULE, strokeWidth=1))
    return drawing


def alt_text(title: str, labels, texts, *, unit: str = "") -> str:
    """What the chart shows, in words: every number of a short series; for a long one the
    largest and the smallest, and where the rest stand."""
    unit = f" {unit}" if unit else ""
    pairs = [f"{label}: {text}{unit}" for label, text in zip(labels, texts, strict=True)]
    if len(pairs) <= SHORT_SERIES:
        return f"{title}. " + "; ".join(pairs) + "."
    ranked = sorted(zip(labels, texts, strict=True), key=lambda pair: _number(pair[1]), reverse=True)
    return (
        f"{title}. {len(pairs)} kategorier. Størst: {ranked[0][0]} ({ranked[0][1]}{unit}); mindst: "
        f"{ranked[-1][0]} ({ranked[-1][1]}{unit}). Alle tal står i tabellen under diagrammet."
    )


def _number(text: str) -> float:
    digits = re.sub(r"[^\d,]", "", text).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return 0.0


def _hex(color) -> str:
    return "#" + color.hexval()[2:].rjust(6, "0")


def _svg_elements(drawing: Drawing) -> list[str]:
    """The drawing's shapes as SVG elements, y turned downwards: rectangles, lines and texts
    with presentation attributes only (the family and colour are the root's, inherited), so a
    chart is a few dozen plain elements, quick to lay out in a PDF of twenty-five of them."""
    height = drawing.height
    out = []
    for shape in drawing.contents:
        if isinstance(shape, Rect):
            out.append(
                f'<rect x="{shape.x:.1f}" y="{height - shape.y - shape.height:.1f}" '
                f'width="{shape.width:.1f}" height="{shape.height:.1f}" fill="{_hex(shape.fillColor)}"/>'
            )
        elif isinstance(shape, Line):
            out.append(
                f'<line x1="{shape.x1:.1f}" y1="{height - shape.y1:.1f}" x2="{shape.x2:.1f}" '
                f'y2="{height - shape.y2:.1f}" stroke="{_hex(shape.strokeColor)}" stroke-width="1"/>'
            )
        elif isinstance(shape, String):
            anchor = "" if shape.textAnchor == "start" else f' text-anchor="{shape.textAnchor}"'
            out.append(
                f'<text x="{shape.x:.1f}" y="{height - shape.y:.1f}"{anchor}>{escape(shape.text)}</text>'
            )
    return out


def svg(
    key: str, title: str, labels, values, texts, *, horizontal: bool, color: str = "brand", unit: str = ""
):
    """The chart as an inline ``<svg>`` element (safe HTML): ``role="img"``, named by its title
    (what it shows and its numbers), ids prefixed with ``key``."""
    key = escape(key)
    if labels:
        drawing = (_horizontal if horizontal else _vertical)(labels, values, texts, COLORS[color])
        name = alt_text(title, labels, texts, unit=unit)
    else:  # nothing to draw: said in words, never an empty frame
        drawing = Drawing(WIDTH, 30)
        drawing.add(String(0, 10, "Ingen tal at vise.", fontName=FONT, fontSize=FONT_SIZE, fillColor=INK))
        name = f"{title}. Ingen tal at vise."
    head = (
        f'<svg class="chart" viewBox="0 0 {drawing.width:g} {drawing.height:.1f}" '
        f'xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{key}-title" '
        f'font-family="{SVG_FONTS}" font-size="{FONT_SIZE}" fill="{_hex(INK)}">'
        f'<title id="{key}-title">{escape(name)}</title>'
    )
    # Every text is escaped above; nothing else comes from the data.
    return mark_safe(head + "".join(_svg_elements(drawing)) + "</svg>")  # noqa: S308
