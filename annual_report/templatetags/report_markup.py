"""The yearly report's templates: the light markup (escaped by ``markup.to_html``), headings at
the level their place in the report gives them, and a figure by its name."""

from django import template
from django.utils.html import format_html

from annual_report import markup

register = template.Library()


@register.filter
def block_html(block, anchors=None):
    return markup.to_html(block, anchors)


@register.filter
def line_html(line, anchors=None):
    return markup.line_to_html(line, anchors)


@register.filter
def report_figure(report, name: str):
    """``[[figur:name]]`` → the report's figure (None for an unknown name)."""
    key = markup.FIGURES.get(name.removeprefix(markup.FIGURE_PREFIX), ("", ""))[0]
    return report.figures.get(key)


class HeadingNode(template.Node):
    def __init__(self, level, anchor, nodelist):
        self.level, self.anchor, self.nodelist = level, anchor, nodelist

    def render(self, context):
        level = min(max(int(self.level.resolve(context) or 3), 2), 6)
        anchor = self.anchor.resolve(context) or ""
        content = self.nodelist.render(context)
        if anchor:
            return format_html('<h{} id="{}">{}</h{}>', level, anchor, content, level)
        return format_html("<h{}>{}</h{}>", level, content, level)


@register.tag
def heading(parser, token):
    """``{% heading level anchor %}text{% endheading %}``: an h2–h6 at ``level``, with an id
    when ``anchor`` is not empty — so a part placed under a section gets the next level down,
    and no heading level is skipped."""
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% heading level anchor %}")
    nodelist = parser.parse(("endheading",))
    parser.delete_first_token()
    return HeadingNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)
