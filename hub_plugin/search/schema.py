"""What the index holds: its fields, their boosts, the facets, and the version that says when it must be rebuilt."""

from __future__ import annotations

from collections import Counter
from typing import Any

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.system import pack_uint

from ..model.vocabularies import FACETS
from .analysis import analyzer_for

SCHEMA_VERSION = 7  # 7: the "standing" facet
# An index's language is kept beside it (index.LANGUAGE_FILE), not in this number, which the browser's head
# carries: an English edition's files stay what they were, and an index of no or another language is rebuilt.
# Query-time boosts: a title match outranks a passing mention in the text.
TEXT_FIELDS = {"title": 5.0, "summary": 2.5, "themes": 2.0, "partners": 2.0, "body": 1.0}
B, K1 = 0.75, 1.2

__all__ = ["B", "FACETS", "K1", "SCHEMA_VERSION", "TEXT_FIELDS", "AnalysedText", "schema"]


class AnalysedText(TEXT):
    """A text field given the words ``WordMemo`` analysed: counted at once (in C), not token by token.

    Whoosh's own path sends each word of a list through a token generator and
    counts it in Python; the postings are the same: for each distinct word,
    its count, a weight of count x field boost, and the count packed.
    """

    def index(self, value: Any, **kwargs: Any):
        if not isinstance(value, list):
            yield from super().index(value, **kwargs)
            return
        boost = self.format.field_boost if self.format else 1.0
        for word, count in Counter(value).items():
            yield word.encode("utf-8"), count, float(count) * boost, pack_uint(count)


def schema(language: str = "en") -> Schema:
    """The fields of an index whose text is analysed in ``language`` (``stemmers.analysed_as`` an edition's)."""
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True, sortable=True),
        "hash": STORED,
        "data": STORED,  # what a result shows: url, title, summary, excerpt, period
        "start": NUMERIC(stored=True),
        "end": NUMERIC(stored=True),
    }
    for name in TEXT_FIELDS:
        fields[name] = AnalysedText(analyzer=analyzer_for(language), phrase=False)  # no phrase queries: positions unused
    for facet in FACETS:
        fields[f"f_{facet}"] = KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
    return Schema(**fields)
