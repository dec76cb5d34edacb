"""The hub's one search: a Whoosh index kept per document by content hash.

Whoosh decides what matches and how it ranks. The browser gets the same
index exported as a classic script (``search/hub-index.js``) with the
numbers Whoosh scores with (idf per term, field lengths, averages), so the
JavaScript engine ranks exactly as Whoosh does, from ``file://`` too.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from math import log
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from whoosh import index as whoosh_index
from whoosh import query as Q
from whoosh.analysis import STOP_WORDS, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang.porter2 import stem
from whoosh.scoring import BM25F
from whoosh.system import pack_uint

from .browse import term_title
from .catalogue import Catalogue
from .model import CaseStudy, Partner
from .schema import country_name
from . import spelling
from .urls import Urls

SCHEMA_VERSION = 6
# Query-time boosts: a title match outranks a passing mention in the text.
TEXT_FIELDS = {"title": 5.0, "summary": 2.5, "themes": 2.0, "partners": 2.0, "body": 1.0}
FACETS = ("kind", "themes", "modalities", "sdgs", "regions", "countries", "programmes", "partners", "status")
B, K1 = 0.75, 1.2
EXCERPT_CHARS = 280
SEGMENT_DOCUMENTS = 1000

class FoldAccents(Filter):
    """café → cafe, İzmir → izmir: readers type names without their accents.

    NFKD, then the combining diacritical marks (U+0300–U+036F) removed; the
    browser engine does exactly the same.
    """

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


def fold(text: str) -> str:
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))


_DIACRITICS = re.compile("[\u0300-\u036f]")
_WORDS = RegexTokenizer() | LowercaseFilter() | FoldAccents()
_ANALYZER = _WORDS | StopFilter(minsize=2) | StemFilter(stemfn=stem)

_WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")  # RegexTokenizer's expression, without its group


class WordMemo:
    """An analyzer's output for a text, from its output for each distinct word, computed once.

    Indexing 2,000 case studies sends two million words through the analyzer
    chain, one Python generator per filter per word, but only a few thousand
    distinct words. Every filter of the chains above looks at one token alone,
    so a word's output does not depend on its neighbours: the text is split
    as the tokenizer splits it, and each word analysed once. Whoosh indexes a
    list of words as it indexes the text they came from.
    """

    LIMIT = 500_000  # distinct words kept; beyond, the memo starts again

    def __init__(self, analyzer) -> None:
        self.analyzer = analyzer
        self.words: dict[str, Optional[str]] = {}

    def __call__(self, text: str) -> list[str]:
        return self.of(_WORD.findall(text))

    def of(self, found: list[str]) -> list[str]:
        """The output for words as the tokenizer found them in a text."""
        words = self.words
        new = set(found).difference(words)
        if new:
            if len(words) + len(new) > self.LIMIT:
                words.clear()
                new = set(found)
            for word in new:
                words[word] = self._analyse(word)
        return [word for word in map(words.__getitem__, found) if word is not None]

    def _analyse(self, word: str) -> Optional[str]:
        """The word's one token, or None when a filter drops it (a stop word)."""
        tokens = [token.text for token in self.analyzer(word, mode="index")]
        if len(tokens) > 1:  # the tokenizer found the word as one token: it cannot split it again
            raise ValueError(f"the analyzer split the word {word!r} into {tokens!r}")
        return tokens[0] if tokens else None


_INDEXED_WORDS = WordMemo(_ANALYZER)
_SPELL_WORDS = WordMemo(_WORDS)

KIND_LABELS = {"case-study": "Case study", "partner": "Partner", "term": "Browse page"}


class LiveBM25F(BM25F):
    """BM25F whose statistics (idf, average field length) count live documents only.

    Whoosh's own count documents deleted by updates until segments merge, so
    scores (and the exported index) would depend on the index's history.
    """

    def idf(self, searcher, fieldname: str, text: str) -> float:
        searcher = searcher.get_parent()
        reader = searcher.reader()
        try:
            frequency = sum(1 for docnum in reader.postings(fieldname, text).all_ids()
                            if not reader.is_deleted(docnum))
        except Exception:  # a term the field does not hold
            frequency = 0
        return log(searcher.doc_count() / (frequency + 1)) + 1  # export_browser_index computes it the same way

    def scorer(self, searcher, fieldname: str, text: str, qf: int = 1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        scorer.avgfl = live_average_length(searcher.get_parent(), fieldname)
        return scorer


def live_average_length(searcher, fieldname: str) -> float:
    cache = searcher.__dict__.setdefault("_hub_average_lengths", {})
    if fieldname not in cache:
        reader = searcher.reader()
        live = list(reader.all_doc_ids())
        total = sum(reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in live)
        cache[fieldname] = (total / len(live)) if live and total else 1
    return cache[fieldname]


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
        boost = self.format.field_boost
        for word, count in Counter(value).items():
            yield word.encode("utf-8"), count, float(count) * boost, pack_uint(count)


def schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True, sortable=True),
        "hash": STORED,
        "data": STORED,  # what a result shows: url, title, summary, excerpt, period
        "start": NUMERIC(stored=True),
        "end": NUMERIC(stored=True),
    }
    for name in TEXT_FIELDS:
        fields[name] = AnalysedText(analyzer=_ANALYZER, phrase=False)  # no phrase queries: positions unused
    for facet in FACETS:
        fields[f"f_{facet}"] = KEYWORD(stored=True, commas=True, lowercase=False, scorable=False)
    return Schema(**fields)


@dataclass
class SearchDocument:
    """One searchable page, as the index and the browser both see it."""

    id: str                      # the page's site path, like "case-studies/x/"
    kind: str
    title: str
    summary: str
    body: str
    themes: str = ""
    partners: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    start: Optional[int] = None
    end: Optional[int] = None

    @property
    def excerpt(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"

    @cached_property
    def hash(self) -> str:
        # Everything the index stores for the document, so that a change in
        # what is stored (the excerpt's length, say) updates it too. (A shallow
        # dict serialises as dataclasses.asdict would, without its deep copy.)
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        payload = json.dumps([SCHEMA_VERSION, values, self.excerpt], sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


_MARKDOWN_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\[(?:[a-z]+:)?([^\]|]+)\|([^\]]+)\]\]"), r"\2"),
    (re.compile(r"\[\[(?:[a-z]+:)?([^\]|]+)\]\]"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^[#>\-*+\s]+", re.M), ""),
    (re.compile(r"[*_`]{1,3}"), ""),
]


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees, for indexing and excerpts."""
    text = markdown
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _case_study_document(case_study: CaseStudy, catalogue: Catalogue, urls: Urls) -> SearchDocument:
    taxonomy = catalogue.taxonomy
    themes = catalogue.taxonomy["themes"]
    theme_ids = sorted({t for own in case_study.themes for t in [own, *themes.ancestors(own)]})
    body = " ".join([plain_text(case_study.body), *case_study.lessons, *(o.text for o in case_study.outcomes)])
    return SearchDocument(
        id=urls.case_study(case_study.slug), kind="case-study", title=case_study.title, summary=case_study.summary,
        body=body,
        themes=" ".join(taxonomy.label("themes", t) for t in case_study.themes),
        partners=" ".join(catalogue.partners[p].name for p in case_study.partner_ids() if p in catalogue.partners),
        facets={
            "kind": ["case-study"],
            "themes": theme_ids,
            "modalities": list(case_study.modalities),
            "sdgs": [str(goal) for goal in case_study.sdgs],
            "regions": catalogue.regions_of(case_study),
            "countries": catalogue.countries_of(case_study),
            "programmes": [case_study.programme] if case_study.programme else [],
            "partners": case_study.partner_ids(),
            "status": [case_study.status],
        },
        start=case_study.period.start.year if case_study.period else None,
        end=(case_study.period.end.year if case_study.period and case_study.period.end else None),
    )


def _partner_document(partner: Partner, catalogue: Catalogue, urls: Urls) -> SearchDocument:
    kind = catalogue.taxonomy.label("partner_kinds", partner.kind)
    region = catalogue.taxonomy.region_of_country.get(partner.country)
    return SearchDocument(
        id=urls.partner(partner.id), kind="partner", title=partner.name,
        summary=f"{kind} in {country_name(partner.country)}", body=plain_text(partner.body), partners=partner.name,
        facets={"kind": ["partner"], "countries": [partner.country], "regions": [region] if region else [],
                "partners": [partner.id]},
    )


def documents(catalogue: Catalogue, urls: Urls, browse_terms: Iterable[tuple[str, str]] = ()) -> list[SearchDocument]:
    """Every page a reader may search for: case studies, partners and term pages."""
    docs = [_case_study_document(catalogue.case_studies[slug], catalogue, urls) for slug in sorted(catalogue.case_studies)]
    docs += [_partner_document(catalogue.partners[pid], catalogue, urls) for pid in sorted(catalogue.partners)]
    for vocabulary, term_id in browse_terms:
        term = catalogue.taxonomy[vocabulary].terms.get(term_id)
        docs.append(SearchDocument(
            id=urls.term(vocabulary, term_id), kind="term", title=term_title(catalogue, vocabulary, term_id),
            summary=term.description if term else "", body="", facets={"kind": ["term"]}))
    return docs


def _fields(doc: SearchDocument) -> tuple[dict[str, Any], list[str]]:
    """What Whoosh indexes for ``doc``, and the words did-you-mean may suggest from it."""
    values: dict[str, Any] = {
        "id": doc.id, "hash": doc.hash,
        "data": {"url": doc.id, "kind": doc.kind, "title": doc.title, "summary": doc.summary,
                 "excerpt": doc.excerpt, "start": doc.start, "end": doc.end},
    }
    found = {name: _WORD.findall(getattr(doc, name)) for name in TEXT_FIELDS}
    for name in TEXT_FIELDS:
        values[name] = _INDEXED_WORDS.of(found[name])
    if doc.start is not None:
        values["start"] = doc.start
        values["end"] = doc.end if doc.end is not None else 9999
    for facet in FACETS:
        values[f"f_{facet}"] = ",".join(doc.facets.get(facet, []))
    return values, _spell_words(found["title"] + found["summary"] + found["body"])


def _spell_words(found: list[str]) -> list[str]:
    # Each word once: did-you-mean counts the pages a word is on, not how often.
    return list(dict.fromkeys(_SPELL_WORDS.of(list(dict.fromkeys(found)))))


def update_index(index_dir: Path, docs: list[SearchDocument]) -> dict[str, int]:
    """Bring the index at ``index_dir`` in line with ``docs``, touching only what changed."""
    directory = index_dir / f"v{SCHEMA_VERSION}"
    if not whoosh_index.exists_in(str(directory)):
        shutil.rmtree(directory, ignore_errors=True)
        directory.mkdir(parents=True, exist_ok=True)
        whoosh_index.create_in(str(directory), schema())
    ix = whoosh_index.open_dir(str(directory))
    with ix.searcher() as searcher:
        known = {fields["id"]: fields["hash"] for fields in searcher.all_stored_fields()}
    wanted = {doc.id: doc for doc in docs}
    changed = [doc for doc in docs if known.get(doc.id) != doc.hash]
    removed = sorted(set(known) - set(wanted))
    spell_words: dict[str, list[str]] = {}
    # A segment per batch of documents: Whoosh holds a segment's postings in
    # memory until it commits (about 40 MB per thousand case studies).
    batches = [changed[start:start + SEGMENT_DOCUMENTS] for start in range(0, len(changed), SEGMENT_DOCUMENTS)]
    for number, batch in enumerate(batches or ([[]] if removed else [])):
        writer = ix.writer(limitmb=256)
        for doc_id in removed if number == 0 else ():
            writer.delete_by_term("id", doc_id)
        for doc in batch:
            values, spell_words[doc.id] = _fields(doc)
            writer.update_document(**values)
        # No full merge: LiveBM25F scores from live documents only, so the
        # documents an update leaves deleted in older segments change nothing.
        writer.commit()

    def words_of(doc_id: str) -> list[str]:
        if doc_id in spell_words:
            return spell_words[doc_id]
        return _fields(wanted[doc_id])[1]  # the table lost the page (deleted by hand, say): read it again

    spelling.update_table(directory, [(doc.id, doc.hash) for doc in docs], words_of)
    return {"documents": len(docs), "updated": len(changed), "removed": len(removed)}


def open_index(index_dir: Path):
    directory = index_dir / f"v{SCHEMA_VERSION}"
    if not whoosh_index.exists_in(str(directory)):
        return None
    return whoosh_index.open_dir(str(directory))


def analyse(text: str) -> list[str]:
    """The terms a query matches: the same analysis as the indexed text (stop words go)."""
    seen: list[str] = []
    for token in _ANALYZER(text):
        if token.text not in seen:
            seen.append(token.text)
    return seen


def build_query(text: str) -> Optional[Q.Query]:
    terms = analyse(text)
    if not terms:
        return None
    return Q.And([Q.Or([Q.Term(name, term, boost=boost) for name, boost in TEXT_FIELDS.items()]) for term in terms])


def build_filter(filters: dict[str, list[str]], years: tuple[Optional[int], Optional[int]] = (None, None)) -> Optional[Q.Query]:
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


def search(ix, text: str, filters: Optional[dict[str, list[str]]] = None, limit: int = 10,
           years: tuple[Optional[int], Optional[int]] = (None, None)) -> tuple[list[SearchResult], Optional[str]]:
    """Ranked results and, when a word matches nothing, a "did you mean" query."""
    query = build_query(text)
    filter_query = build_filter(filters or {}, years)
    with ix.searcher(weighting=LiveBM25F(B=B, K1=K1)) as searcher:
        if query is None:
            query = Q.Every() if filter_query is not None else None  # every document scores 1
        if query is None:
            return [], None
        # Ties go to the smaller page path, so that results (and the browser's, which
        # agree) do not depend on the order documents entered the index.
        hits = sorted(searcher.search(query, filter=filter_query, limit=None),
                      key=lambda hit: (-hit.score, hit["id"]))[:limit]
        results = []
        for hit in hits:
            data = hit["data"]
            passage = data["excerpt"] if mentions(data["excerpt"], text) else data["summary"]
            results.append(SearchResult(data["url"], data["kind"], data["title"], data["summary"],
                                        round(hit.score, 6), highlight(passage or data["summary"], text)))
        return results, suggestion(searcher, text, lambda: spelling.read_table(Path(ix.storage.folder)))


def suggestion(searcher, text: str, read_table: Callable[[], dict[str, int]]) -> Optional[str]:
    """The query with each unknown word replaced by the closest word written in the hub."""
    words = [token.text for token in _WORDS(text)]
    changed = False
    corrected = []
    table: Optional[dict[str, int]] = None  # read only when a word is unknown: most queries never need it
    for word in words:
        if (word in STOP_WORDS or len(word) < 3
                or all(any(searcher.doc_frequency(name, term) for name in TEXT_FIELDS) for term in analyse(word))):
            corrected.append(word)  # known, or another form of a known word
            continue
        if table is None:
            table = read_table()
        found = None if word in table else spelling.closest(word, table)
        corrected.append(found or word)
        changed = changed or bool(found)
    return " ".join(corrected) if changed else None


def mentions(text: str, query: str) -> bool:
    terms = set(analyse(query))
    return any(stem(fold(match.group(0).lower())) in terms for match in _WORD.finditer(text or ""))


def highlight(text: str, query: str, width: int = 240) -> str:
    """The passage of ``text`` around the first query term, with matches in [brackets]."""
    terms = set(analyse(query))
    words = list(_WORD.finditer(text))
    marked = [m for m in words if stem(fold(m.group(0).lower())) in terms]
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


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
        if not number:
            return text


def _encode_postings(idf: float, pairs: list[tuple[int, int]]) -> str:
    """``idf;doc,tf,doc,tf…`` with documents as gaps, in base 36: a browser parses
    one string far faster than an array of numbers, and decodes a term only when
    a query asks for it."""
    numbers, previous = [], 0
    for doc, tf in pairs:
        numbers += [_base36(doc - previous), _base36(tf)]
        previous = doc
    return f"{idf!r};{','.join(numbers)}"


_COUNT_BITS = 20  # a term's count in one field of one page stays far below 2**20
_MASK = (1 << _COUNT_BITS) - 1


def _live_postings(reader, fieldname: str, position: dict[int, int]) -> dict[str, array]:
    """Each term's postings over live documents as ``position << _COUNT_BITS | count``, in
    document order once sorted. Read segment by segment (an update writes one segment per
    batch, and merging their term lists term by term costs more), packed in arrays so
    that the terms' postings, all held until written out, take 8 bytes each."""
    postings: dict[str, array] = {}
    for leaf, base in reader.leaf_readers():
        if fieldname not in leaf.indexed_field_names():
            continue
        for term_bytes in leaf.lexicon(fieldname):
            term = term_bytes.decode("utf-8") if isinstance(term_bytes, bytes) else term_bytes
            matcher = leaf.postings(fieldname, term)
            packed = postings.get(term)
            if packed is None:
                packed = postings[term] = array("q")
            while matcher.is_active():
                docnum = base + matcher.id()
                if docnum in position:
                    packed.append(position[docnum] << _COUNT_BITS | int(matcher.weight()))
                matcher.next()
    return {term: packed for term, packed in postings.items() if packed}


def export_browser_index(ix, facet_labels: dict[str, dict[str, str]], spell: dict[str, int]) -> str:
    """``search/hub-index.js``: the index as the browser engine reads it, numbers from Whoosh."""
    fields = list(TEXT_FIELDS)
    with ix.searcher(weighting=LiveBM25F(B=B, K1=K1)) as searcher:
        reader = searcher.reader()
        # In page-path order: the same content gives the same file, whatever the
        # index's history; the browser breaks ties by this order as Whoosh does by path.
        docnums = sorted(reader.all_doc_ids(), key=lambda docnum: reader.stored_fields(docnum)["id"])
        position = {docnum: index for index, docnum in enumerate(docnums)}
        stored = {docnum: reader.stored_fields(docnum) for docnum in docnums}
        docs = []
        facet_values: dict[str, list[str]] = {facet: [] for facet in FACETS}
        facet_index: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        doc_facets = []
        for docnum in docnums:
            data = stored[docnum]["data"]
            docs.append([data["url"], data["kind"], data["title"], data["summary"], data["excerpt"],
                         data["start"], data["end"]])
            per_doc = []
            for facet in FACETS:
                values = [v for v in (stored[docnum].get(f"f_{facet}") or "").split(",") if v]
                indexes = []
                for value in values:
                    if value not in facet_index[facet]:
                        facet_index[facet][value] = len(facet_values[facet])
                        facet_values[facet].append(value)
                    indexes.append(facet_index[facet][value])
                per_doc.append(indexes)
            doc_facets.append(per_doc)
        # 0 for a page without text in the field (Whoosh says None or the default, depending on
        # what else its segment holds); only pages with a posting in the field use the length.
        lengths = [[reader.doc_field_length(docnum, name, 0) or 0 for docnum in docnums] for name in fields]
        avgfl = [live_average_length(searcher, name) for name in fields]
        terms = []
        live_count = searcher.doc_count()
        for name in fields:
            postings = _live_postings(reader, name, position)
            # LiveBM25F.idf, from the live documents just read
            terms.append({term: _encode_postings(log(live_count / (len(packed) + 1)) + 1,
                                                 [(value >> _COUNT_BITS, value & _MASK) for value in sorted(packed)])
                          for term, packed in sorted(postings.items())})
    labels = {facet: [facet_labels.get(facet, {}).get(value, value) for value in facet_values[facet]] for facet in FACETS}
    payload = {
        "version": SCHEMA_VERSION, "fields": fields, "boosts": [TEXT_FIELDS[name] for name in fields],
        "B": B, "K1": K1, "avgfl": avgfl, "docs": docs, "lengths": lengths, "terms": terms,
        "facets": list(FACETS), "facetValues": facet_values, "facetLabels": labels, "docFacets": doc_facets,
        "stop": sorted(STOP_WORDS), "minsize": 2, "spell": spell,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # JSON.parse of one string literal is much faster for a browser than the
    # same data written as a JavaScript object literal.
    literal = json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.HUB_INDEX=JSON.parse({literal});\n"
