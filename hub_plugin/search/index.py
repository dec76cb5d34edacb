"""The hub's one search index: Whoosh, kept in the cache folder and updated per document by content hash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError

from ..read.cachefiles import dropped, read_text, write_atomically
from . import spelling
from .analysis import SPELL_WORDS, WORD, indexed_words
from .documents import SearchDocument
from .schema import FACETS, SCHEMA_VERSION, TEXT_FIELDS, schema
from .scoring import live_average_length

LANGUAGE_FILE = "language"  # the language the index's text is analysed in (stemmers.analysed_as the edition's)
AVERAGES_FILE = "average-lengths.json"  # each field's average length over live documents, for `hub search`
SEGMENT_DOCUMENTS = 1000
LOCK_WAIT_SECONDS = 300  # two builds in one folder: the second waits for the first one's commit


def _fields(doc: SearchDocument, language: str) -> tuple[dict[str, Any], list[str]]:
    """What Whoosh indexes for ``doc``, and the words did-you-mean may suggest from it."""
    values: dict[str, Any] = {
        "id": doc.id, "hash": doc.hash,
        "data": {"url": doc.id, "kind": doc.kind, "title": doc.title, "summary": doc.summary,
                 "excerpt": doc.excerpt, "start": doc.start, "end": doc.end},
    }
    found = {name: WORD.findall(getattr(doc, name)) for name in TEXT_FIELDS}
    terms = indexed_words(language)
    for name in TEXT_FIELDS:
        values[name] = terms.of(found[name])
    if doc.start is not None:
        values["start"] = doc.start
        values["end"] = doc.end if doc.end is not None else 9999
    for facet in FACETS:
        values[f"f_{facet}"] = ",".join(doc.facets.get(facet, []))
    return values, _spell_words(found["title"] + found["summary"] + found["body"])


def _spell_words(found: list[str]) -> list[str]:
    # Each word once: did-you-mean counts the pages a word is on, not how often.
    return list(dict.fromkeys(SPELL_WORDS.of(list(dict.fromkeys(found)))))


def update_index(index_dir: Path, docs: list[SearchDocument], language: str = "en") -> dict[str, int]:
    """Bring the index at ``index_dir`` in line with ``docs``, its text analysed in ``language`` (one of
    ``stemmers.LANGUAGES``), touching only what changed.

    The index is a cache: one that cannot be read (a truncated file, classes
    pickled by an older version of the hub) is built again from the documents,
    and so is one analysed in another language (or before indexes recorded theirs).
    """
    directory = index_dir / f"v{SCHEMA_VERSION}"
    try:
        return _update(directory, docs, language)
    except LockError:
        raise  # another build is writing it: waiting (the writer's timeout) is all there is to do
    except Exception as exc:  # noqa: BLE001 - whatever Whoosh or pickle raise on a damaged file
        dropped(directory, f"the search index cannot be read: {exc.__class__.__name__}")
        _create(directory, language)
        return _update(directory, docs, language)


def _create(directory: Path, language: str) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    whoosh_index.create_in(str(directory), schema(language))
    write_atomically(directory / LANGUAGE_FILE, language)


def recorded_language(directory: Path) -> str | None:
    """The language the index in ``directory`` (its ``v<SCHEMA_VERSION>`` folder) was analysed in;
    None when it says none (an index written before the editions had their own analysis)."""
    return read_text(directory / LANGUAGE_FILE)


def index_language(ix) -> str:
    """The language an open index's text is analysed in, which its queries must be analysed in too."""
    return recorded_language(Path(ix.storage.folder)) or "en"


def _update(directory: Path, docs: list[SearchDocument], language: str) -> dict[str, int]:
    if not whoosh_index.exists_in(str(directory)) or recorded_language(directory) != language:
        _create(directory, language)
    ix = whoosh_index.open_dir(str(directory))
    known: dict[str, str] = {}
    doubled: set[str] = set()  # a page indexed twice (an older hub indexed a programme as record and term page)
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            if fields["id"] in known:
                doubled.add(fields["id"])
            known[fields["id"]] = fields["hash"]
    wanted = {doc.id: doc for doc in docs}
    changed = [doc for doc in docs if known.get(doc.id) != doc.hash or doc.id in doubled]
    removed = sorted(set(known) - set(wanted))
    spell_words: dict[str, list[str]] = {}
    # A segment per batch of documents: Whoosh holds a segment's postings in
    # memory until it commits (about 40 MB per thousand case studies).
    batches = [changed[start:start + SEGMENT_DOCUMENTS] for start in range(0, len(changed), SEGMENT_DOCUMENTS)]
    for number, batch in enumerate(batches or ([[]] if removed else [])):
        writer = ix.writer(limitmb=256, timeout=LOCK_WAIT_SECONDS)  # another build may hold the lock
        for doc_id in removed if number == 0 else ():
            writer.delete_by_term("id", doc_id)
        for doc in batch:
            values, spell_words[doc.id] = _fields(doc, language)
            if doc.id in doubled:  # update_document replaces only the first document with the id
                writer.delete_by_term("id", doc.id)
                writer.add_document(**values)
            else:
                writer.update_document(**values)
        # No full merge: LiveBM25F scores from live documents only, so the
        # documents an update leaves deleted in older segments change nothing.
        writer.commit()

    def words_of(doc_id: str) -> list[str]:
        if doc_id in spell_words:
            return spell_words[doc_id]
        return _fields(wanted[doc_id], language)[1]  # the table lost the page (deleted by hand, say): read it again

    spelling.update_table(directory, [(doc.id, doc.hash) for doc in docs], words_of)
    _write_average_lengths(directory, ix)
    return {"documents": len(docs), "updated": len(changed), "removed": len(removed)}


def _generation(searcher) -> list:
    """Which commit of the index a file beside it describes: the generation ``searcher`` reads, its live count."""
    return [searcher.reader().generation(), searcher.doc_count()]


def _write_average_lengths(directory: Path, ix) -> None:
    """BM25F's average field lengths, kept beside the index: a query in a new process would otherwise
    read every document's length of every field (a third of a cold `hub search` at 2,000 case studies)."""
    with ix.searcher() as searcher:
        if not prime_average_lengths(searcher, directory):
            keep_average_lengths(searcher, directory)


def keep_average_lengths(searcher, directory: Path) -> None:
    """Write every field's average (``scoring.live_average_length``, which keeps those a query computed
    already) for the commit ``searcher`` reads."""
    averages = {name: live_average_length(searcher, name) for name in TEXT_FIELDS}
    write_atomically(directory / AVERAGES_FILE, json.dumps({"generation": _generation(searcher), "averages": averages}))


def _read_average_lengths(directory: Path, searcher) -> dict[str, float] | None:
    """The kept averages if they describe the commit ``searcher`` reads, else None (missing, damaged, stale)."""
    try:
        kept = json.loads((directory / AVERAGES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(kept, dict) or kept.get("generation") != _generation(searcher):
        return None
    averages = kept.get("averages")
    if not isinstance(averages, dict) or set(averages) != set(TEXT_FIELDS):
        return None
    if not all(isinstance(value, int | float) and not isinstance(value, bool) and value > 0 for value in averages.values()):
        return None
    return averages


def prime_average_lengths(searcher, directory: Path) -> bool:
    """Give ``searcher`` the kept averages (``scoring.live_average_length`` reads them from its cache) when
    they describe what it reads; False when they do not (they are then computed from every document)."""
    averages = _read_average_lengths(directory, searcher)
    if averages is not None:
        searcher.__dict__.setdefault("_hub_average_lengths", {}).update(averages)
    return averages is not None


def open_index(index_dir: Path, language: str | None = None):
    """The index at ``index_dir``; None when there is none, or (``language`` given) one analysed otherwise."""
    directory = index_dir / f"v{SCHEMA_VERSION}"
    if not whoosh_index.exists_in(str(directory)):
        return None
    if language is not None and recorded_language(directory) != language:
        return None
    return whoosh_index.open_dir(str(directory))
