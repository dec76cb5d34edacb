"""The browser's index, in pieces: ``search/<name>.js`` (the head) and ``search/<name>-<hash>/<piece>.js``.

Every file is a classic script (no module, no fetch), so that it loads from
``file://`` too. The head (``window.HUB_INDEX=JSON.parse(...)``) holds what
every search needs and is small: the fields, boosts and average lengths BM25F
scores with, the facets with their values and labels, and where each term is
(the first term of each term piece). The pieces are loaded by the browser only
when a search needs them, each calling ``hubSearchPiece(key, data)``:

- ``table``: the compact table of documents: each document's field lengths
  and period; every search needs it. It holds no text.
- ``f<i>``: each document's values of the facet at position ``i``: loaded for a
  filter on it, and for the counts beside each filter (drawn once the results
  are). ``newest``: the case studies, the most recently added first. Explore's
  opening (every case study, every filter with its counts) comes from these.
- ``t<i>``: the postings of a range of terms (in the order JavaScript compares
  strings), for every field, with each term's idf: a query loads the pieces of
  its own terms only, and the letters typed one by one fall in the same piece.
- ``d<i>``: what results show (address, title, summary, excerpt, period) for
  ``DOC_PIECE_DOCS`` documents: a page of results loads the pieces it shows.
- ``spell``: did-you-mean's table of words, loaded when a word is unknown.

The folder's name carries a hash of its content: a browser that cached pieces
of an older build never mixes them with a newer head. One index is one head and
one folder, named by ``name``: the editions in other languages get their own.
A small hub's pieces (under ``INLINE_CHARS`` in all) are written inside the
head instead: one file, which the same engine reads as it reads the pieces.

The head says how a query is analysed as the index was: its stop words (folded)
and, for an index not in English, its ``language`` (the engine stems with
``hubStemmers[language]``, ``stemmer-<language>.js``) and ``foldFirst`` (false:
the word is stemmed as written, then the stem folded). A head without them is
English: words folded, then stemmed by ``hubStem``.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterable
from math import log
from typing import Any

from .index import index_language
from .schema import FACETS, K1, SCHEMA_VERSION, TEXT_FIELDS, B
from .scoring import LiveBM25F, live_average_length
from .stemmers import MIN_LENGTH, analysis_for

EXPORT_FORMAT = 2  # 2: the head and pieces loaded when needed (1: one file holding everything)
INDEX_NAME = "hub-index"
TERM_PIECE_CHARS = 24_000  # postings per term piece, before compression (about 8 KB gzipped)
DOC_PIECE_DOCS = 8         # results shown per page are scattered: small pieces, so a page reads little
# Pieces this small in all (about 40 KB gzipped: a hub of a few dozen case studies) stay in the head:
# one file costs less than the pieces' round trips, and the first result needs most of it anyway.
INLINE_CHARS = 160_000
# Field lengths as one character per document: Whoosh keeps a length as one byte (256 values at most),
# and a field's lengths use far fewer. No quote, backslash, <, > or &: nothing to escape.
LENGTH_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#$%()*+,-./:;=?@[]^_{|}~"
YEAR_WIDTH = 3  # base 36: years up to 46655; "000" is no year


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


def js_order(term: str) -> bytes:
    """The order in which JavaScript compares strings (UTF-16 code units), which the browser's
    binary search over the pieces' first terms relies on; Python's differs beyond U+FFFF."""
    return term.encode("utf-16-be")


def _facet_column(rows: list[list[int]]) -> str:
    """One facet's values for every document: ``a.b,c,,d`` in base 36 (documents by commas)."""
    return ",".join(".".join(_base36(value) for value in row) for row in rows)


def _length_column(lengths: list[int]) -> dict[str, Any]:
    """A field's lengths as the distinct values and one or two characters per document."""
    values = sorted(set(lengths))
    width = 1 if len(values) <= len(LENGTH_DIGITS) else 2
    base = len(LENGTH_DIGITS)
    code = {value: i for i, value in enumerate(values)}
    if width == 1:
        text = "".join(LENGTH_DIGITS[code[length]] for length in lengths)
    else:
        text = "".join(LENGTH_DIGITS[code[length] // base] + LENGTH_DIGITS[code[length] % base] for length in lengths)
    return {"values": values, "width": width, "codes": text}


def _years(values: list[int | None]) -> str:
    return "".join(_base36(value).rjust(YEAR_WIDTH, "0") if value else "0" * YEAR_WIDTH for value in values)


def _term_pieces(terms: list[dict[str, str]]) -> tuple[list[str], list[list[dict[str, str]]]]:
    """The terms of every field cut, in JavaScript's order, into pieces of about ``TERM_PIECE_CHARS``:
    the first term of each piece, and each piece's terms by field."""
    every = sorted({term for field in terms for term in field}, key=js_order)
    fences: list[str] = []
    pieces: list[list[dict[str, str]]] = []
    size = TERM_PIECE_CHARS
    for term in every:
        if size >= TERM_PIECE_CHARS:
            fences.append(term)
            pieces.append([{} for _ in terms])
            size = 0
        for number, field in enumerate(terms):
            if term in field:
                pieces[-1][number][term] = field[term]
                size += len(term) + len(field[term]) + 6
    return fences, pieces


def _json(value: Any) -> str:
    """``value`` as a JavaScript string literal of its JSON: ``JSON.parse`` of one string is much
    faster for a browser than the same data written as an object literal. Nothing in it can close
    a script element or start markup."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return json.dumps(text, ensure_ascii=False).replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def export_browser_index(ix, facet_labels: dict[str, dict[str, str]], spell: dict[str, int],
                         newest: Iterable[str] = (), name: str = INDEX_NAME,
                         inline_chars: int = INLINE_CHARS) -> dict[str, str]:
    """The browser's index, by site path: the head ``search/<name>.js`` and its pieces, numbers from Whoosh.

    ``newest`` are page URLs in the order Explore lists them before anything is asked.
    """
    fields = list(TEXT_FIELDS)
    language = index_language(ix)
    analysis = analysis_for(language)
    with ix.searcher(weighting=LiveBM25F(B=B, K1=K1)) as searcher:
        reader = searcher.reader()
        # In page-path order: the same content gives the same files, whatever the
        # index's history; the browser breaks ties by this order as Whoosh does by path.
        docnums = sorted(reader.all_doc_ids(), key=lambda docnum: reader.stored_fields(docnum)["id"])
        position = {docnum: index for index, docnum in enumerate(docnums)}
        stored = {docnum: reader.stored_fields(docnum) for docnum in docnums}
        docs = []
        facet_values: dict[str, list[str]] = {facet: [] for facet in FACETS}
        facet_index: dict[str, dict[str, int]] = {facet: {} for facet in FACETS}
        facet_rows: dict[str, list[list[int]]] = {facet: [] for facet in FACETS}
        for docnum in docnums:
            data = stored[docnum]["data"]
            docs.append([data["url"], data["kind"], data["title"], data["summary"], data["excerpt"],
                         data["start"], data["end"]])
            for facet in FACETS:
                values = [v for v in (stored[docnum].get(f"f_{facet}") or "").split(",") if v]
                indexes = []
                for value in values:
                    if value not in facet_index[facet]:
                        facet_index[facet][value] = len(facet_values[facet])
                        facet_values[facet].append(value)
                    indexes.append(facet_index[facet][value])
                facet_rows[facet].append(indexes)
        # 0 for a page without text in the field (Whoosh says None or the default, depending on
        # what else its segment holds); only pages with a posting in the field use the length.
        lengths = [[reader.doc_field_length(docnum, field, 0) or 0 for docnum in docnums] for field in fields]
        avgfl = [live_average_length(searcher, field) for field in fields]
        terms = []
        live_count = searcher.doc_count()
        for field in fields:
            postings = _live_postings(reader, field, position)
            # LiveBM25F.idf, from the live documents just read
            terms.append({term: _encode_postings(log(live_count / (len(packed) + 1)) + 1,
                                                 [(value >> _COUNT_BITS, value & _MASK) for value in sorted(packed)])
                          for term, packed in postings.items()})
    at = {doc[0]: index for index, doc in enumerate(docs)}
    fences, term_pieces = _term_pieces(terms)
    pieces: dict[str, Any] = {
        "table": {"lengths": [_length_column(column) for column in lengths],
                  "starts": _years([doc[5] for doc in docs]), "ends": _years([doc[6] for doc in docs])},
        "newest": [at[url] for url in newest if url in at],
        "spell": spell,
    }
    pieces.update((f"f{number}", _facet_column(facet_rows[facet])) for number, facet in enumerate(FACETS))
    pieces.update((f"t{number}", piece) for number, piece in enumerate(term_pieces))
    pieces.update((f"d{start // DOC_PIECE_DOCS}", docs[start:start + DOC_PIECE_DOCS])
                  for start in range(0, len(docs), DOC_PIECE_DOCS))
    texts = {piece: _json(payload) for piece, payload in pieces.items()}
    digest = hashlib.sha1()
    for piece, text in texts.items():
        digest.update(f"{piece}\0{text}\0".encode())
    folder = f"{name}-{digest.hexdigest()[:12]}"
    inline = sum(len(text) for text in texts.values()) <= inline_chars
    labels = {facet: [facet_labels.get(facet, {}).get(value, value) for value in facet_values[facet]] for facet in FACETS}
    head = {
        "version": SCHEMA_VERSION, "format": EXPORT_FORMAT, "name": name, "folder": folder,
        "count": len(docs), "fields": fields, "boosts": [TEXT_FIELDS[field] for field in fields],
        "B": B, "K1": K1, "avgfl": avgfl, "stop": sorted(analysis.stop_words), "minsize": MIN_LENGTH,
        "facets": list(FACETS), "facetValues": facet_values, "facetLabels": labels,
        "termFences": fences, "docPieceSize": DOC_PIECE_DOCS,
        "inline": pieces if inline else None,
    }
    if language != "en":  # an English head says nothing of its language: it is what it was before the editions
        head.update(language=language, foldFirst=analysis.fold_first)
    files = {f"search/{name}.js": f"window.HUB_INDEX=JSON.parse({_json(head)});\n"}
    if not inline:
        files.update((f"search/{folder}/{piece}.js", f'hubSearchPiece("{folder}/{piece}",JSON.parse({text}));\n')
                     for piece, text in texts.items())
    return files
