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
from .model import CaseStudy, Partner
from .related import RelatedSettings, related_case_studies
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
    related_settings: RelatedSettings  # related case studies are computed here, in the worker: only the parts use them
    browse: dict[str, BrowsePage]
    git: Optional[GitFacts] = None
    repo_url: Optional[str] = None
    branch: str = "main"
    pages: list[tuple[str, str, str]] = field(default_factory=list)  # src_uri, page URL, source file


def subject_of(catalogue: Catalogue, src_uri: str) -> tuple[Optional[CaseStudy], Optional[Partner]]:
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
    if job.git is None or not source:
        return {"history": None, **forge_links(job.repo_url, job.branch, None)}
    path = Path(source)
    return {"history": job.git.for_path(path), **forge_links(job.repo_url, job.branch, job.git.relative(path))}


def render_page_parts(job: PagePartsJob, folder: Path) -> int:
    """Write each page's parts to ``folder``, one file per entry of ``job.pages``, in order; returns how many have parts.

    Files, not one returned dict: on a large hub the parts (listings of
    hundreds of cards) run to hundreds of megabytes, and neither process
    should hold them all at once. In order, and each file whole once it
    exists: MkDocs lays pages out in the same order, so it can start on the
    first pages while the last are still being rendered.
    """
    renderer = Renderer(job.catalogue, job.urls, job.content_folder)
    related = related_case_studies(job.catalogue, job.related_settings)
    written = 0
    for index, (src_uri, url, source) in enumerate(job.pages):
        parts = _parts(job, renderer, related, src_uri, url, source) or PageParts()
        staged = folder / f"{index}.part"
        staged.write_text(f"{len(parts.before)}\n{parts.before}{parts.after}", encoding="utf-8")
        staged.replace(part_file(folder, index))
        written += bool(parts.before or parts.after)
    return written


def part_file(folder: Path, index: int) -> Path:
    return folder / f"{index}.html"


def read_page_parts(folder: Path, index: int) -> PageParts:
    """The parts ``render_page_parts`` wrote for the page at ``index`` of the job's pages."""
    size, _, text = part_file(folder, index).read_text(encoding="utf-8").partition("\n")
    return PageParts(text[:int(size)], text[int(size):])


def _parts(job: PagePartsJob, renderer: Renderer, related: dict[str, list[tuple[str, float]]], src_uri: str,
           url: str, source: str) -> Optional[PageParts]:
    case_study, partner = subject_of(job.catalogue, src_uri)
    if case_study is not None:
        return PageParts(renderer.case_study_facts(case_study, url, **history(job, source)),
                         renderer.case_study_links(case_study, url, related.get(case_study.slug, [])))
    if partner is not None:
        return PageParts(after=renderer.partner_page(partner, url, **history(job, source)))
    browse = job.browse.get(src_uri)
    if browse is not None:
        return PageParts(after=renderer.browse_page(browse, url))
    return None
