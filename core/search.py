"""Search across the case kinds (``/soeg/``) and in the case queues.

On PostgreSQL the words of texts (summaries, names, notes) are matched by full-text search with
the Danish configuration, so "kørestolen" finds "kørestol"; SQLite, the embedded default, gets a
plain fallback: every word must stand somewhere in those texts. Identifiers (case numbers,
e-mail addresses) are matched as they are written.

Apps contribute sources through a ``search_sources`` attribute on their AppConfig (a tuple of
``SearchSource``), so core never imports the apps above it. The whistleblower unit's app
contributes none: nothing of a report can ever be found here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import CaseNote

MAX_QUERY = 200


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def matching(
    qs: QuerySet,
    q: str,
    *,
    words=(),
    identifiers=(),
    note_field: str | None = None,
    texts=(),
    also: Q | None = None,
) -> QuerySet:
    """``qs`` narrowed to rows where ``q`` matches: the words of ``words`` fields, of the rows'
    notes (through ``note_field`` on ``core.CaseNote``) or of other texts (``texts``: triples of
    a queryset, its field pointing at the row, and its text field), a part of an ``identifiers``
    field, or the condition ``also``. A constant number of queries whatever the data."""
    q = " ".join(q.split())[:MAX_QUERY]
    if not q:
        return qs
    condition = also or Q()
    for name in identifiers:
        condition |= Q(**{f"{name}__icontains": q})
    related = list(texts)
    if note_field:
        related.append((CaseNote.objects.all(), note_field, "text"))
    if is_postgresql():
        query = SearchQuery(q, config="danish", search_type="websearch")
        if words:
            qs = qs.annotate(_words=SearchVector(*words, config="danish"))
            condition |= Q(_words=query)
        for rows, link, field in related:
            rows = rows.filter(**{link: OuterRef("pk")}).annotate(_words=SearchVector(field, config="danish"))
            condition |= Q(Exists(rows.filter(_words=query)))
    else:
        every_word = Q()
        for word in q.split():
            every_word &= Q.create([(f"{name}__icontains", word) for name in words], connector=Q.OR)
        if words:
            condition |= every_word
        for rows, link, field in related:
            in_text = Q()
            for word in q.split():
                in_text &= Q(**{f"{field}__icontains": word})
            condition |= Q(Exists(rows.filter(**{link: OuterRef("pk")}).filter(in_text)))
    return qs.filter(condition)


@dataclass(frozen=True)
class SearchSource:
    """One kind of case the search looks in: ``find(user, q)`` gives the matching queryset
    (visible to ``user`` only), ``row(obj)`` what the result list shows of one."""

    key: str
    label: str
    find: Callable
    row: Callable
    allowed: Callable
    order: int = 100


PER_SOURCE = 50


def search(user, q: str) -> list[dict]:
    """Per source the user may search: the hit count and the first ``PER_SOURCE`` hits. Two
    queries per source."""
    sections = []
    sources = sorted(
        (s for config in apps.get_app_configs() for s in getattr(config, "search_sources", ())),
        key=lambda s: s.order,
    )
    for source in sources:
        if not source.allowed(user):
            continue
        qs = source.find(user, q)
        count = qs.count()
        sections.append(
            {
                "key": source.key,
                "label": source.label,
                "count": count,
                "rows": [source.row(obj) for obj in qs[:PER_SOURCE]] if count else [],
            }
        )
    return sections
