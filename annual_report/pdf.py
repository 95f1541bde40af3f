"""The yearly report as a tagged PDF (PDF/UA-1): the web edition's HTML (``web.render_html``,
without the charts' tables, which the print rules hide) laid out for A4 by the print rules of
its own style sheet — a cover with the year and the office, the contents with page numbers,
running heads, page references, chapters on new pages, no heading left at the foot of a page
(ops.documents).

Laying out some forty pages takes WeasyPrint a second or two, so a PDF is kept in the cache
under the hash of the HTML it was made from: a preview asked for again, with nothing changed,
is not laid out again — and any change to a text, a figure or the style sheet changes the key.
"""

import hashlib

from django.core.cache import cache

from ops.documents import html_to_pdf

from . import content as c
from . import web

CACHE_SECONDS = 3600


def render(report: c.Report) -> bytes:
    html = web.render_html(report, stylesheet="css/beretning.css", for_print=True)
    # The style sheet is part of what the PDF is made from (a new release may change it).
    key = "beretning-pdf:" + hashlib.sha256(html.encode() + web.CSS.read_bytes()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def build_report(year: int, edition=None) -> bytes:
    return render(c.build(year, edition))
