"""The yearly report's light markup in templates (escaped by ``markup.to_html``)."""

from django import template

from annual_report import markup

register = template.Library()


@register.filter
def block_html(block):
    return markup.to_html(block)


@register.filter
def line_html(line):
    return markup.line_to_html(line)
