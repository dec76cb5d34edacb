"""The hub's parts of every page (fact boxes, links, listings), rendered for all pages in one go.

They depend on the catalogue, not on the page's Markdown, so they are
rendered in the worker process (``worker.py``) while MkDocs converts the
Markdown on the first core; the host puts each page's parts around its
content just before the theme renders it.
"""

from __future__ import annotations

import html
import os
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..derive.browse import BrowsePage
from ..derive.maps import PartnershipMaps
from ..derive.related import RelatedSettings, related_case_studies
from ..derive.urls import Urls
from ..git.history import GitFacts, forge_links
from ..model.catalogue import Catalogue
from ..model.codes import DEFAULT_LANGUAGE
from ..model.records import CaseStudy, Partner, Programme
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR, PROGRAMMES_DIR
from ..render.renderer import Renderer
from ..render.site import SiteInfo
from ..render.words import iso_date_words
from .editions import Edition, edition_of, language_name
from .mapcache import StoredMaps
from .partscache import PartsCache, PartsKeys

_SECTION = re.compile(r'<h2 id="(?P<id>[^"]+)">(?P<title>.*?)</h2>', re.S)
_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class PageParts:
    before: str = ""  # above the page's own text (a case study's facts)
    after: str = ""   # below it (links, listings)

    @staticmethod
    def sections(part: str) -> list[tuple[str, str]]:
        """(id, title) of the sections a part adds, for the page's table of contents."""
        return [(found.group("id"), html.unescape(" ".join(_TAG.sub("", found.group("title")).split())))
                for found in _SECTION.finditer(part)]


@dataclass
class PagePartsJob:
    """Everything rendering the parts needs, picklable."""

    catalogue: Catalogue
    urls: Urls
    content_folder: str
    related_settings: RelatedSettings  # related case studies are computed here, in the worker: only the parts use them
    browse: dict[str, BrowsePage]
    git: GitFacts | None = None
    repo_url: str | None = None
    branch: str = "main"
    pages: list[tuple[str, str, str]] = field(default_factory=list)  # src_uri, page URL, source file
    site: SiteInfo = field(default_factory=lambda: SiteInfo(name=""))
    published: dict[str, str] = field(default_factory=dict)  # slug -> first published (Git), for citations
    packs: bool = False  # briefing packs are made: term pages link to theirs
    editions: list[Edition] = field(default_factory=lambda: [Edition(DEFAULT_LANGUAGE, "")])
    behind: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)  # translations maybe out of date
    cache_dir: Path | None = None  # where the last build's parts are kept (``partscache``); None: not kept

    def settings(self) -> tuple:
        """What every page's parts depend on besides the catalogue and the page itself, for the cache's keys."""
        return (self.urls, self.content_folder, self.related_settings, self.repo_url, self.branch, self.site,
                sorted(self.published.items()), self.packs, self.editions, sorted(self.behind.items()))


Subject = CaseStudy | Partner | Programme  # a record whose own file is the page


def subject_of(catalogue: Catalogue, src_uri: str) -> Subject | None:
    """The case study, partner or programme the page at ``src_uri`` shows, if any."""
    folder, _, name = src_uri.rpartition("/")
    stem = name.removesuffix(".md")
    records: dict[str, dict[str, CaseStudy] | dict[str, Partner] | dict[str, Programme]] = {
        CASE_STUDIES_DIR: catalogue.case_studies, PARTNERS_DIR: catalogue.partners,
        PROGRAMMES_DIR: catalogue.programmes}
    return records[folder].get(stem) if folder in records else None


def history(job: PagePartsJob, source: str | None) -> dict:
    """Git facts and forge links of a page's source file, for the templates."""
    if job.git is None or not source:
        return {"history": None, **forge_links(job.repo_url, job.branch, None)}
    path = Path(source)
    return {"history": job.git.for_path(path), **forge_links(job.repo_url, job.branch, job.git.relative(path))}


def page_inputs(job: PagePartsJob, src_uri: str, url: str, facts: dict, subject: Subject | None) -> tuple[str, ...]:
    """What a page's own parts depend on besides the site's (``PartsKeys.site``), for keys: its address,
    edition, Git history, record and the record's translations."""
    translations = repr(sorted(job.catalogue.translations.get(subject.slug, {}).items())) \
        if isinstance(subject, CaseStudy) else ""
    return src_uri, url, edition_of(src_uri, job.editions)[0].language, repr(facts), repr(subject), translations


def _edition_note(job: PagePartsJob, renderer: Renderer, case_study: CaseStudy, url: str, edition: Edition) -> str:
    """Which language the page's text is in, and the editions where it is in their own language."""
    language = edition.language
    translation = job.catalogue.translation(case_study.slug, language)
    written_in = [other for other in job.editions if job.catalogue.written_in(case_study, other.language)]
    others = [{"language": other.language, "name": language_name(other.language),
               "url": job.urls.in_edition(other.prefix).case_study(case_study.slug)}
              for other in written_in if other != edition]
    behind = job.behind.get((case_study.slug, language)) if translation is not None else None
    if not others and translation is None and case_study.language == language:
        return ""
    return renderer.render(
        "_edition_note.html", url, others=others,
        original_language=(language_name(case_study.language, language)
                           if translation is None and case_study.language != language else None),
        edition_language_name=language_name(language, language),
        translated_from=language_name(case_study.language, language) if translation is not None else None,
        behind=[iso_date_words(day, language) for day in behind] if behind else None)


PARTS_FILE = "parts.html"    # every page's parts, one page after another
INDEX_FILE = "parts.index"   # per page: where its parts start, and the sizes of "before" and "after"
_RECORD = struct.Struct("<QQQ")


def render_page_parts(job: PagePartsJob, folder: Path) -> tuple[int, int]:
    """Write each page's parts to ``folder``, in the order of ``job.pages``; returns how many have parts,
    and how many of those came from the last build's (``partscache``).

    To files, not a returned dict: on a large hub the parts (listings of
    hundreds of cards) run to hundreds of megabytes, and neither process
    should hold them all at once. In order, and each page's record only once
    its parts are written: MkDocs lays pages out in the same order, so it
    can start on the first pages while the last are still being rendered.
    Two files appended to, not a file per page: creating and renaming
    thousands of small files cost a third of the rendering.
    """
    shared_maps = StoredMaps(job.catalogue, job.cache_dir) if job.cache_dir is not None else \
        PartnershipMaps(job.catalogue)
    renderers = {edition.language: Renderer(job.catalogue, job.urls.in_edition(edition.prefix), job.content_folder,
                                            published=job.published, site=job.site, packs=job.packs,
                                            language=edition.language, partnership_maps=shared_maps)
                 for edition in job.editions}
    related = related_case_studies(job.catalogue, job.related_settings)
    keys = PartsKeys(job.catalogue, job.settings(), job.browse, job.editions,
                     {language: renderer.urls for language, renderer in renderers.items()})
    written = 0
    offset = 0
    with (folder / PARTS_FILE).open("wb") as parts_file, (folder / INDEX_FILE).open("wb") as index_file, \
            PartsCache(job.cache_dir) as cache:
        for src_uri, url, source in job.pages:
            edition, base = edition_of(src_uri, job.editions)
            facts = history(job, source)
            subject = subject_of(job.catalogue, base)
            shown_related = related.get(subject.slug, []) if isinstance(subject, CaseStudy) else []
            key = keys.key(*page_inputs(job, src_uri, url, facts, subject), repr(shown_related))
            kept = cache.get(key, keys.texts)
            if kept is None:
                parts = _parts(job, renderers[edition.language], subject, shown_related, base, url, facts,
                               edition) or PageParts()
                kept = parts.before, parts.after
                cache.put(key, keys.shown(url, parts.before + parts.after), *kept)
            before, after = kept[0].encode("utf-8"), kept[1].encode("utf-8")
            parts_file.write(before + after)
            parts_file.flush()  # the text first, then the record that points to it
            index_file.write(_RECORD.pack(offset, len(before), len(after)))
            index_file.flush()
            offset += len(before) + len(after)
            written += bool(before or after)
    return written, cache.reused


class PartsReader:
    """The parts ``render_page_parts`` is writing to ``folder``, page by page as they come."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._index: BinaryIO | None = None
        self._parts: BinaryIO | None = None

    def ready(self, index: int) -> bool:
        """Whether the parts of the page at ``index`` of the job's pages are written."""
        if self._index is None:
            try:
                self._index = (self.folder / INDEX_FILE).open("rb")
            except FileNotFoundError:
                return False
        return os.fstat(self._index.fileno()).st_size >= (index + 1) * _RECORD.size

    def read(self, index: int) -> PageParts:
        assert self._index is not None, "ready() first"
        self._index.seek(index * _RECORD.size)
        offset, before, after = _RECORD.unpack(self._index.read(_RECORD.size))
        if self._parts is None:
            self._parts = (self.folder / PARTS_FILE).open("rb")
        self._parts.seek(offset)
        text = self._parts.read(before + after)
        return PageParts(text[:before].decode("utf-8"), text[before:].decode("utf-8"))

    def close(self) -> None:
        for handle in (self._index, self._parts):
            if handle is not None:
                handle.close()
        self._index = self._parts = None


def _parts(job: PagePartsJob, renderer: Renderer, subject: Subject | None, related: list[tuple[str, float]],
           src_uri: str, url: str, facts: dict, edition: Edition) -> PageParts | None:
    """The parts of the page at ``src_uri`` (its path in the default edition) in ``edition``: ``subject`` the
    record it shows, ``related`` the case studies related to it, ``facts`` its file's history."""
    if isinstance(subject, CaseStudy):
        note = _edition_note(job, renderer, subject, url, edition) if len(job.editions) > 1 else ""
        return PageParts(note + renderer.case_study_facts(subject, url, **facts),
                         renderer.case_study_links(subject, url, related))
    if isinstance(subject, Partner):
        return PageParts(after=renderer.partner_page(subject, url, **facts))
    if isinstance(subject, Programme):
        return PageParts(*renderer.programme_page(subject, url, **facts))
    browse = job.browse.get(src_uri)
    if browse is not None:
        return PageParts(after=renderer.browse_page(browse, url))
    return None
