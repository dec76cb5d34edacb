"""Answering a query from the Whoosh index: matches, ranking, filters, snippets and did-you-mean."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from whoosh import query as Q

from . import spelling
from .analysis import WORD, analyse, fold
from .index import index_language, keep_average_lengths, prime_average_lengths
from .schema import K1, TEXT_FIELDS, B
from .scoring import LiveBM25F
from .stemmers import stems, stop_words


def build_query(text: str, language: str = "en") -> Q.Query | None:
    """Every term of ``text`` (analysed in ``language``, the index's), each in any text field."""
    terms = analyse(text, language)
    if not terms:
        return None
    return Q.And([Q.Or([Q.Term(name, term, boost=boost) for name, boost in TEXT_FIELDS.items()]) for term in terms])


def build_filter(filters: dict[str, list[str]], years: tuple[int | None, int | None] = (None, None)) -> Q.Query | None:
    """AND across facets, OR within one; a period overlapping the years asked for."""
    parts: list[Q.Query] = []
    for facet, values in sorted(filters.items()):
        if values:
            parts.append(Q.Or([Q.Term(f"f_{facet}", value) for value in values]))
    since, until = years
    if since is not None:
        parts.append(Q.NumericRange("end", since, None))
    if until is not None:
        parts.append(Q.NumericRange("start", None, until))
    return Q.And(parts) if parts else None


@dataclass
class SearchResult:
    url: str
    kind: str
    title: str
    summary: str
    score: float
    snippet: str


def search(ix, text: str, filters: dict[str, list[str]] | None = None, limit: int = 10,
           years: tuple[int | None, int | None] = (None, None)) -> tuple[list[SearchResult], str | None]:
    """Ranked results and, when a word matches nothing, a "did you mean" query; the text is analysed in the
    language the index was (``index.index_language``)."""
    language = index_language(ix)
    query = build_query(text, language)
    filter_query = build_filter(filters or {}, years)
    with ix.searcher(weighting=LiveBM25F(B=B, K1=K1)) as searcher:
        if query is None:
            query = Q.Every() if filter_query is not None else None  # every document scores 1
        if query is None:
            return [], None
        primed = prime_average_lengths(searcher, Path(ix.storage.folder))
        # Ties go to the smaller page path, so that results (and the browser's, which
        # agree) do not depend on the order documents entered the index. The paths come
        # from the sortable column: a hit's stored fields (its excerpt...) are read only
        # for the results shown.
        ids = searcher.reader().column_reader("id")
        found = searcher.search(query, filter=filter_query, limit=None)
        top = sorted(found.items(), key=lambda item: (-(item[1] or 0.0), ids[item[0]]))[:limit]
        if not primed:  # an index a build of an older hub wrote: the next query in a new process is quicker
            keep_average_lengths(searcher, Path(ix.storage.folder))
        results = []
        for docnum, score in top:
            data = searcher.stored_fields(docnum)["data"]
            passage = data["excerpt"] if mentions(data["excerpt"], text, language) else data["summary"]
            results.append(SearchResult(data["url"], data["kind"], data["title"], data["summary"],
                                        round(score or 0.0, 6), highlight(passage or data["summary"], text,
                                                                          language=language)))
        return results, suggestion(searcher, text, lambda: spelling.read_table(Path(ix.storage.folder)), language)


def suggestion(searcher, text: str, read_table: Callable[[], dict[str, int]], language: str = "en") -> str | None:
    """The query with each unknown word replaced by the closest word written in the edition.

    A word is known when its term (of the word as typed: French and Spanish stem it with its accents)
    is in the index; the table holds words lower-cased and folded, as a word is looked up in it.
    """
    stop = stop_words(language)
    changed = False
    corrected = []
    table: dict[str, int] | None = None  # read only when a word is unknown: most queries never need it
    for typed in WORD.findall(text):
        word = fold(typed.lower())
        if (word in stop or len(word) < 3
                or all(any(searcher.doc_frequency(name, term) for name in TEXT_FIELDS)
                       for term in analyse(typed, language))):
            corrected.append(word)  # known, or another form of a known word
            continue
        if table is None:
            table = read_table()
        found = None if word in table else spelling.closest(word, table)
        corrected.append(found or word)
        changed = changed or bool(found)
    return " ".join(corrected) if changed else None


def mentions(text: str, query: str, language: str = "en") -> bool:
    terms = set(analyse(query, language))
    return any(not terms.isdisjoint(stems(language, match.group(0))) for match in WORD.finditer(text or ""))


def highlight(text: str, query: str, width: int = 240, language: str = "en") -> str:
    """The passage of ``text`` around the first query term, with matches in [brackets]: the words whose
    stem (``stemmers.stems``, stop word or not, as ``hub-search.js`` marks them) is a query term."""
    terms = set(analyse(query, language))
    words = list(WORD.finditer(text))
    marked = [m for m in words if not terms.isdisjoint(stems(language, m.group(0)))]
    if not marked:
        return text[:width]
    start = max(0, marked[0].start() - width // 3)
    passage_end = min(len(text), start + width)
    out, position = [], start
    for match in marked:
        if match.start() < start or match.end() > passage_end:
            continue
        out.append(text[position:match.start()])
        out.append(f"[{match.group(0)}]")
        position = match.end()
    out.append(text[position:passage_end])
    return ("…" if start else "") + "".join(out) + ("…" if passage_end < len(text) else "")
