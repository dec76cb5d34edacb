"""``search/hub-index.js``: the index as the browser engine reads it, with the numbers Whoosh scores with.

A classic script (no module, no fetch), so that it loads from ``file://`` too.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable
from math import log

from whoosh.analysis import STOP_WORDS

from .schema import FACETS, K1, SCHEMA_VERSION, TEXT_FIELDS, B
from .scoring import LiveBM25F, live_average_length


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


def export_browser_index(ix, facet_labels: dict[str, dict[str, str]], spell: dict[str, int],
                         newest: Iterable[str] = ()) -> str:
    """``search/hub-index.js``: the index as the browser engine reads it, numbers from Whoosh.

    ``newest`` are page URLs in the order Explore lists them before anything is asked.
    """
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
    at = {doc[0]: index for index, doc in enumerate(docs)}
    newest_docs = [at[url] for url in newest if url in at]
    labels = {facet: [facet_labels.get(facet, {}).get(value, value) for value in facet_values[facet]] for facet in FACETS}
    payload = {
        "version": SCHEMA_VERSION, "fields": fields, "boosts": [TEXT_FIELDS[name] for name in fields],
        "B": B, "K1": K1, "avgfl": avgfl, "docs": docs, "lengths": lengths, "terms": terms,
        "facets": list(FACETS), "facetValues": facet_values, "facetLabels": labels, "docFacets": doc_facets,
        "stop": sorted(STOP_WORDS), "minsize": 2, "spell": spell,
        "newest": newest_docs,
    }
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    # JSON.parse of one string literal is much faster for a browser than the
    # same data written as a JavaScript object literal.
    literal = json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.HUB_INDEX=JSON.parse({literal});\n"
