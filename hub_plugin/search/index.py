"""The hub's one search index: Whoosh, kept in the cache folder and updated per document by content hash."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.index import LockError

from ..read.cachefiles import dropped
from . import spelling
from .analysis import INDEXED_WORDS, SPELL_WORDS, WORD
from .documents import SearchDocument
from .schema import FACETS, SCHEMA_VERSION, TEXT_FIELDS, schema

SEGMENT_DOCUMENTS = 1000
LOCK_WAIT_SECONDS = 300  # two builds in one folder: the second waits for the first one's commit


def _fields(doc: SearchDocument) -> tuple[dict[str, Any], list[str]]:
    """What Whoosh indexes for ``doc``, and the words did-you-mean may suggest from it."""
    values: dict[str, Any] = {
        "id": doc.id, "hash": doc.hash,
        "data": {"url": doc.id, "kind": doc.kind, "title": doc.title, "summary": doc.summary,
                 "excerpt": doc.excerpt, "start": doc.start, "end": doc.end},
    }
    found = {name: WORD.findall(getattr(doc, name)) for name in TEXT_FIELDS}
    for name in TEXT_FIELDS:
        values[name] = INDEXED_WORDS.of(found[name])
    if doc.start is not None:
        values["start"] = doc.start
        values["end"] = doc.end if doc.end is not None else 9999
    for facet in FACETS:
        values[f"f_{facet}"] = ",".join(doc.facets.get(facet, []))
    return values, _spell_words(found["title"] + found["summary"] + found["body"])


def _spell_words(found: list[str]) -> list[str]:
    # Each word once: did-you-mean counts the pages a word is on, not how often.
    return list(dict.fromkeys(SPELL_WORDS.of(list(dict.fromkeys(found)))))


def update_index(index_dir: Path, docs: list[SearchDocument]) -> dict[str, int]:
    """Bring the index at ``index_dir`` in line with ``docs``, touching only what changed.

    The index is a cache: one that cannot be read (a truncated file, classes
    pickled by an older version of the hub) is built again from the documents.
    """
    directory = index_dir / f"v{SCHEMA_VERSION}"
    try:
        return _update(directory, docs)
    except LockError:
        raise  # another build is writing it: waiting (the writer's timeout) is all there is to do
    except Exception as exc:  # noqa: BLE001 - whatever Whoosh or pickle raise on a damaged file
        dropped(directory, f"the search index cannot be read: {exc.__class__.__name__}")
        _create(directory)
        return _update(directory, docs)


def _create(directory: Path) -> None:
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True, exist_ok=True)
    whoosh_index.create_in(str(directory), schema())


def _update(directory: Path, docs: list[SearchDocument]) -> dict[str, int]:
    if not whoosh_index.exists_in(str(directory)):
        _create(directory)
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
        writer = ix.writer(limitmb=256, timeout=LOCK_WAIT_SECONDS)  # another build may hold the lock
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
