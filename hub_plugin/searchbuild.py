"""Keeping the search index in step with the content, for builds and for ``hub search``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, NamedTuple

from .browse import BrowsePage
from .catalogue import Catalogue, HubPaths
from .urls import Urls

SEARCH_INDEX_URI = "search/hub-index.js"


def index_dir(cache_dir: Path, urls: Urls) -> Path:
    # Page URLs differ with and without directory URLs: one index for each.
    return cache_dir / ("search" if urls.directory_urls else "search-files")


def content_fingerprint(paths: HubPaths) -> str:
    """Names, sizes and times of every content file: cheap to take, changes with any edit."""
    digest = hashlib.sha1()
    from .catalogue import walk_files

    files = [path for path in walk_files(paths.content_dir) if path.suffix == ".md"] + [paths.taxonomy_file]
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def facet_labels(catalogue: Catalogue) -> dict[str, dict[str, str]]:
    from .browse import term_title
    from .search import KIND_LABELS

    labels: dict[str, dict[str, str]] = {"kind": dict(KIND_LABELS)}
    for vocabulary in ("themes", "modalities", "regions", "programmes", "status"):
        labels[vocabulary] = {term.id: term.label for term in catalogue.taxonomy[vocabulary]}
    labels["sdgs"] = {term.id: term_title(catalogue, "sdgs", term.id) for term in catalogue.taxonomy["sdgs"]}
    labels["countries"] = {code: term_title(catalogue, "countries", code)
                           for code in {partner.country for partner in catalogue.partners.values()}}
    labels["partners"] = {partner.id: partner.name for partner in catalogue.partners.values()}
    return labels


@dataclass
class SearchJob:
    """Everything indexing needs, picklable: it runs in a second process beside the page rendering."""

    documents: list
    directory: Path
    fingerprint: str
    labels: dict[str, dict[str, str]]


def prepare(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
            paths: HubPaths) -> SearchJob:
    from . import search

    terms = [(page.vocabulary, page.term_id) for page in pages if page.kind == "term"]
    return SearchJob(search.documents(catalogue, urls, terms), index_dir(cache_dir, urls),
                     content_fingerprint(paths), facet_labels(catalogue))


def update(job: SearchJob):
    """Update the Whoosh index by content hash; returns the open index."""
    from . import search

    counts = search.update_index(job.directory, job.documents)
    (job.directory / "fingerprint").write_text(job.fingerprint, encoding="utf-8")
    # What the last update did (documents, updated, removed), for people and tests to read.
    (job.directory / "last-update.json").write_text(json.dumps(counts, sort_keys=True), encoding="utf-8")
    return search.open_index(job.directory)


def run(job: SearchJob) -> str:
    """Update the index and export the browser's ``search/hub-index.js``."""
    from . import search

    from . import spelling

    ix = update(job)
    return search.export_browser_index(ix, job.labels, spelling.read_table(Path(ix.storage.folder)))


class SearchArguments(NamedTuple):
    """What ``prepare`` needs besides the catalogue, which the worker receives with the page parts."""

    urls: Urls
    pages: list[BrowsePage]
    cache_dir: Path
    paths: HubPaths


def prepare_and_run(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                    paths: HubPaths) -> str:
    """All of indexing, from the catalogue: a build runs it in its worker process (worker.py)."""
    return run(prepare(catalogue, urls, pages, cache_dir, paths))


def update_search_index(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                        paths: HubPaths):
    return update(prepare(catalogue, urls, pages, cache_dir, paths))
