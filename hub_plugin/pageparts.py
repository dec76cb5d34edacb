"""The hub's parts of every page (fact boxes, links, listings), rendered for all pages in one go.

They depend on the catalogue, not on the page's Markdown, so they are
rendered in the worker process (``worker.py``) while MkDocs converts the
Markdown on the first core; the host puts each page's parts around its
content just before the theme renders it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .browse import BrowsePage
from .catalogue import CASE_STUDIES_DIR, PARTNERS_DIR, Catalogue
from .gitfacts import GitFacts, forge_links
from .render import Renderer
from .urls import Urls


@dataclass(frozen=True)
class PageParts:
    before: str = ""  # above the page's own text (a case study's facts)
    after: str = ""   # below it (links, listings)


@dataclass
class PagePartsJob:
    """Everything rendering the parts needs, picklable."""

    catalogue: Catalogue
    urls: Urls
    content_folder: str
    related: dict[str, list[tuple[str, float]]]
    browse: dict[str, BrowsePage]
    git: Optional[GitFacts] = None
    repo_url: Optional[str] = None
    branch: str = "main"
    pages: list[tuple[str, str, str]] = field(default_factory=list)  # src_uri, page URL, source file


def subject_of(catalogue: Catalogue, src_uri: str) -> tuple[Optional[object], Optional[object]]:
    """The case study or the partner a page at ``src_uri`` shows, if any."""
    folder, _, name = src_uri.rpartition("/")
    stem = name.removesuffix(".md")
    if folder == CASE_STUDIES_DIR:
        return catalogue.case_studies.get(stem), None
    if folder == PARTNERS_DIR:
        return None, catalogue.partners.get(stem)
    return None, None


def history(job: PagePartsJob, source: Optional[str]) -> dict:
    """Git facts and forge links of a page's source file, for the templates."""
    path = Path(source) if source else None
    relative = job.git.relative(path) if job.git and path else None
    return {"history": job.git.files.get(relative) if job.git and relative else None,
            **forge_links(job.repo_url, job.branch, relative)}


def render_page_parts(job: PagePartsJob) -> dict[str, PageParts]:
    """Each page's parts, by source URI; pages without any are left out."""
    renderer = Renderer(job.catalogue, job.urls, job.content_folder)
    parts: dict[str, PageParts] = {}
    for src_uri, url, source in job.pages:
        case_study, partner = subject_of(job.catalogue, src_uri)
        browse = job.browse.get(src_uri)
        if case_study is not None:
            parts[src_uri] = PageParts(
                renderer.case_study_facts(case_study, url, **history(job, source)),
                renderer.case_study_links(case_study, url, job.related.get(case_study.slug, [])))
        elif partner is not None:
            parts[src_uri] = PageParts(after=renderer.partner_page(partner, url, **history(job, source)))
        elif browse is not None:
            parts[src_uri] = PageParts(after=renderer.browse_page(browse, url))
    return parts
