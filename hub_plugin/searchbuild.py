"""Keeping the search index in step with the content, for builds and for ``hub search``."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Optional

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
    files = sorted(paths.content_dir.rglob("*.md")) + [paths.taxonomy_file]
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


def update_search_index(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                        paths: HubPaths):
    """Update the Whoosh index by content hash; returns the open index."""
    from . import search

    terms = [(page.vocabulary, page.term_id) for page in pages if page.kind == "term"]
    directory = index_dir(cache_dir, urls)
    search.update_index(directory, search.documents(catalogue, urls, terms))
    (directory / "fingerprint").write_text(content_fingerprint(paths), encoding="utf-8")
    return search.open_index(directory)


def build_search_index(catalogue: Catalogue, urls: Urls, pages: Iterable[BrowsePage], cache_dir: Path,
                       paths: HubPaths, exported: Optional[dict[str, str]] = None) -> str:
    """The browser's ``search/hub-index.js``, exported from the updated Whoosh index.

    ``exported`` remembers the last export by index generation and labels, so a
    rebuild that changed no searchable text does not export again.
    """
    import json

    from . import search

    ix = update_search_index(catalogue, urls, pages, cache_dir, paths)
    labels = facet_labels(catalogue)
    key = f"{ix.latest_generation()}:{hashlib.sha1(json.dumps(labels, sort_keys=True).encode()).hexdigest()}"
    if exported is not None and key in exported:
        return exported[key]
    text = search.export_browser_index(ix, labels)
    if exported is not None:
        exported.clear()
        exported[key] = text
    return text
