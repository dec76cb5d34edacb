"""Keeping the search index in step with the content, for builds and for ``hub search``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from ..derive.browse import BrowsePage
from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.vocabularies import CARRIED, KIND_FACET
from ..read.cachefiles import exclusive, write_atomically
from ..read.files import markdown_file_stats
from ..read.pathnames import HubPaths
from . import documents, export, index, spelling
from .stemmers import analysed_as

SEARCH_INDEX_URI = f"search/{export.INDEX_NAME}.js"  # the head; its pieces are in a folder beside it


def index_dir(cache_dir: Path, urls: Urls, language: str = "en") -> Path:
    # Page URLs differ with and without directory URLs, and by edition: one index for each.
    name = "search" if urls.directory_urls else "search-files"
    return cache_dir / (name if not urls.prefix else f"{name}-{language}")


def content_fingerprint(paths: HubPaths) -> str:
    """Names, sizes and times of every content file: cheap to take, changes with any edit."""
    digest = hashlib.sha1()
    for path, size, modified in markdown_file_stats(paths.content_dir):
        digest.update(f"{path}\0{size}\0{modified}\n".encode())
    try:
        stat = paths.taxonomy_file.stat()
        digest.update(f"{paths.taxonomy_file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    except OSError:
        pass
    return digest.hexdigest()


def facet_labels(catalogue: Catalogue, language: str = "en") -> dict[str, dict[str, str]]:
    """What Explore's filters show for each value, in the edition's language: "ODD 11 : ...", a country's name."""
    labels: dict[str, dict[str, str]] = {KIND_FACET: documents.kind_labels(language)}
    for spec in CARRIED:
        labels[spec.id] = {term_id: documents.term_title(catalogue, spec, term_id, language)
                           for term_id in catalogue.known_ids(spec.id)}
    return labels


@dataclass
class SearchJob:
    """Everything indexing needs, picklable: it runs in a second process beside the page rendering."""

    documents: list
    directory: Path
    fingerprint: str
    labels: dict[str, dict[str, str]]
    newest: list[str]  # case-study pages, the most recently added first: what Explore lists before a search
    prefix: str = ""   # the edition's folder: its index is exported below it
    language: str = "en"  # the language its text is analysed in: stemmers.analysed_as the edition's


def prepare(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
            paths: HubPaths, newest: Iterable[str] = (), language: str = "en") -> SearchJob:
    terms = [(page.vocabulary, page.term_id) for page in pages
             if page.kind == "term" and page.vocabulary and page.term_id]
    return SearchJob(documents.documents(catalogue, urls, terms, language), index_dir(cache_dir, urls, language),
                     content_fingerprint(paths), facet_labels(catalogue, language),
                     [urls.case_study(slug) for slug in newest], urls.prefix, analysed_as(language))


def update(job: SearchJob):
    """Update the Whoosh index by content hash; returns the open index."""
    counts = index.update_index(job.directory, job.documents, job.language)
    write_atomically(job.directory / "fingerprint", job.fingerprint)
    # What the last update did (documents, updated, removed), for people and tests to read.
    write_atomically(job.directory / "last-update.json", json.dumps(counts, sort_keys=True))
    return index.open_index(job.directory)


def run(job: SearchJob) -> dict[str, str]:
    """Update the index and export the browser's ``search/hub-index.js`` and its pieces, by site path."""
    with exclusive(job.directory):  # another build in this folder would otherwise remake the index under this one
        ix = update(job)
        files = export.export_browser_index(ix, job.labels, spelling.read_table(Path(ix.storage.folder)), job.newest)
    return {job.prefix + path: text for path, text in files.items()}


class SearchArguments(NamedTuple):
    """What ``prepare`` needs besides the catalogue, which the worker receives with the page parts."""

    urls: Urls
    pages: list[BrowsePage]
    cache_dir: Path
    paths: HubPaths
    newest: list[str]  # case-study slugs, the most recently added first
    language: str = "en"  # the edition's


def prepare_and_run(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                    paths: HubPaths, newest: Iterable[str] = (), language: str = "en") -> dict[str, str]:
    """All of indexing, from the catalogue: a build runs it in its worker process (worker.py)."""
    return run(prepare(catalogue, urls, pages, cache_dir, paths, newest, language))


def update_search_index(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                        paths: HubPaths, language: str = "en"):
    """The edition's index (``urls`` with its folder, ``language`` its own), updated; for ``hub search``."""
    job = prepare(catalogue, urls, pages, cache_dir, paths, language=language)
    with exclusive(job.directory):
        return update(job)
