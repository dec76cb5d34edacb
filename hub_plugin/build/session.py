"""One build of the hub, whichever site generator hosts it: start, the hub's share of each page, finish.

A host (``hosts/mkdocs``) creates a session per build and calls it from its
events: ``start`` reads and checks the content (and stops the build on an
error, before anything is written), ``start_parts`` hands the pages' parts,
the search index and the open-data files to the worker process, the page
methods give each page its source, metadata, Markdown, content and parts, and
``finish`` writes the files of the end into the site. What a host keeps between
builds (the worker process, parsed files, compiled templates) it passes in.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from ..check.loading import SourceCache, load_catalogue
from ..check.translations import translations_behind
from ..derive.browse import BrowsePage, browse_pages
from ..derive.packs import PackSubject
from ..derive.references import replace_citations
from ..derive.related import RelatedSettings
from ..derive.urls import Urls, links_from_edition
from ..derive.wikilinks import replace_wikilinks
from ..git.history import FileHistory, GitFacts
from ..git.history import collect as collect_git_facts
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Partner, Programme, Translation
from ..read.diagnostics import Diagnostic, Report
from ..read.pathnames import HubPaths
from ..render.csp import policy as csp_policy
from ..render.exports import EXPORT_PATHS
from ..render.i18n import translations
from ..render.packs import PACK_ASSETS
from ..render.packs import stylesheet as pack_stylesheet
from ..render.renderer import FEED, Renderer
from ..render.sanitize import clean_body
from ..render.site import SiteInfo
from ..search.job import SearchArguments, prepare_and_run
from ..search.scripts import browser_scripts
from .cachekeys import digest
from .editions import Edition, browse_title, edition_of, editions, language_name
from .frontcache import StoredFrontMatter
from .mapcache import StoredMaps
from .packs import PackError, pack_jobs, summary, weasyprint_version, write_packs
from .pageparts import PageParts, PagePartsJob, PartsReader, Subject, history, page_inputs, subject_of
from .partscache import PartsKeys
from .progress import Progress
from .publish import move_site_files, write_site_files
from .worker import OUTPUT_FOLDER, Worker, claim, outcome, submit_build_task, wait_for_parts

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ASSET_URI = "assets/hub"
CONTRIBUTE_BUTTON = "<!-- hub:contribute-button -->"
SEARCH_FAILED = "The search index could not be built"
SHALLOW_CLONE = ("This is a shallow Git clone, so 'first published' dates and editors would be wrong. "
                 "Fetch the full history: git fetch --unshallow (in GitHub Actions: actions/checkout "
                 "with fetch-depth: 0).")


def build_day() -> str:
    """Today (YYYY-MM-DD), or the day of SOURCE_DATE_EPOCH, so that a reproducible build stays one."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch and epoch.isdigit() else datetime.now(UTC)
    return moment.date().isoformat()


class BuildError(Exception):
    """The build must stop; the message says why, for the reader of the build log."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []  # the content's problems, when they stopped it


def asset_files() -> list[tuple[str, Path]]:
    """(site path, file) of every static asset: the stylesheet and the browser's search engine.

    Not the briefing packs' stylesheets (``assets/packs/``): the PDF writer reads them from the package.
    """
    return [(f"{ASSET_URI}/{asset.relative_to(ASSETS).as_posix()}", asset)
            for asset in sorted(ASSETS.rglob("*")) if asset.is_file() and PACK_ASSETS not in asset.parents]


def stylesheets() -> list[str]:
    return [f"{ASSET_URI}/{stylesheet.name}" for stylesheet in sorted(ASSETS.glob("*.css"))]


class BuildSession:
    """The hub's work in one build. Page methods take the page's source path in the content folder."""

    def __init__(self, paths: HubPaths, options: dict[str, Any], urls: Urls, *, repo_url: str | None,
                 worker: Worker, log: logging.Logger, progress: Progress | None = None,
                 sources: SourceCache | None = None, bytecode_cache: jinja2.BytecodeCache | None = None,
                 preview: bool = False, site: SiteInfo | None = None) -> None:
        self.paths = paths
        self.site = site or SiteInfo(name="")
        self.options = options
        self.urls = urls
        self.repo_url = repo_url
        self.worker = worker
        self.log = log
        self.progress = progress or Progress()
        self.sources = sources
        self.bytecode_cache = bytecode_cache
        self.preview = preview  # a local server's build, never published (see ``csp.policy``)
        self.browse: dict[str, BrowsePage] = {}
        self.git: GitFacts | None = None
        self.histories: dict[str, FileHistory] = {}  # slug -> Git history of its file
        self.task: Future[dict[str, str]] | None = None
        self.parts_dir: Path | None = None
        self.parts_reader: PartsReader | None = None
        self.part_index: dict[str, int] = {}
        self.search: list[SearchArguments] = []  # each edition's search index, made by whichever process claims it
        self.csp_meta: dict[str, str] = {}  # policy -> its <meta> element
        self._catalogue: Catalogue | None = None
        self._renderer: Renderer | None = None
        self.narratives: dict[str, str] = {}  # slug -> its page's narrative, for the briefing packs (packs: true)
        self.parts_reused = 0  # pages whose parts the worker took from the last build's, known once it is done
        self.editions: list[Edition] = editions(options.get("languages") or ["en"])
        self.renderers: dict[str, Renderer] = {}  # language -> the renderer of its edition
        self.untranslated_pages: set[str] = set()  # hand-written pages an edition shows in the default language
        self.parts_job: PagePartsJob | None = None
        self.pages_site = ""  # what every page's key holds (``page_key``)

    @property
    def catalogue(self) -> Catalogue:
        assert self._catalogue is not None, "start() first"
        return self._catalogue

    @property
    def renderer(self) -> Renderer:
        assert self._renderer is not None, "start() first"
        return self._renderer

    @property
    def languages(self) -> list[str]:
        return [edition.language for edition in self.editions]

    def edition_of(self, src_uri: str) -> tuple[Edition, str]:
        """The page's edition, and its path in the default edition (where its facts are found)."""
        return edition_of(src_uri, self.editions)

    @staticmethod
    def gettext(language: str):
        return translations(language).gettext

    def search_scripts(self, edition: Edition) -> tuple[str, ...]:
        """What a page of ``edition`` loads for search, in order: its language's stemmer, its index, the engine."""
        return browser_scripts(edition.language, edition.prefix)

    def _renderer_of(self, edition: Edition) -> Renderer:
        return self.renderers.get(edition.language) or self.renderer

    @property
    def cache_dir(self) -> Path:
        return self.paths.root / self.options["cache_dir"]

    # -- start -----------------------------------------------------------------------------

    def start(self) -> None:
        """Read and check the content; raises ``BuildError`` (after printing every problem) when it has errors."""
        report = Report()
        with self.progress.phase("reading and checking the content"):
            front_matter = StoredFrontMatter(self.cache_dir)
            catalogue = load_catalogue(self.paths, report, sources=self.sources, editions=self.languages,
                                       parse=front_matter.parse)
            front_matter.save()
        if report.items:  # every problem, as 'hub check' prints it
            sys.stderr.write(report.format() + "\n")
            sys.stderr.flush()
        if report.has_errors:
            raise BuildError(f"The content has {report.summary()}; fix the lines above "
                             "(run 'hub check' to see them again).", report.sorted())
        self._catalogue = catalogue
        if self.options["packs"]:  # before anything is written: a missing WeasyPrint stops the build here
            try:
                weasyprint_version()
            except PackError as exc:
                raise BuildError(str(exc)) from None
        self.git = self._git_facts()
        content_folder = (self.git.relative(self.paths.content_dir) if self.git else None) \
            or self.paths.display(self.paths.content_dir)
        self._renderer = Renderer(catalogue, self.urls, content_folder, self.bytecode_cache, self._published(catalogue),
                                  site=self.site, packs=self.options["packs"], language=self.editions[0].language,
                                  partnership_maps=StoredMaps(catalogue, self.cache_dir))
        self.renderers = {self.editions[0].language: self._renderer}
        for edition in self.editions[1:]:
            self.renderers[edition.language] = Renderer(
                catalogue, self.urls.in_edition(edition.prefix), content_folder, self.bytecode_cache,
                self._renderer.published, site=self.site, packs=self.options["packs"], language=edition.language,
                partnership_maps=self._renderer.maps)
        self.browse = {page.src_uri: page for page in browse_pages(catalogue)}

    def _git_facts(self) -> GitFacts | None:
        if not self.options["git_facts"]:
            return None
        facts = collect_git_facts(self.paths.content_dir, self.cache_dir)
        if facts is not None and facts.shallow:
            if os.environ.get("CI"):
                raise BuildError(SHALLOW_CLONE)
            self.log.warning(SHALLOW_CLONE)
        return facts

    def _histories(self, catalogue: Catalogue) -> dict[str, FileHistory]:
        """Slug -> each case study's Git history, looked up once: its first day, the feed and the packs read it."""
        if self.git is None:
            return {}
        found = {}
        for slug, case_study in catalogue.case_studies.items():
            history = self.git.for_path(self.paths.root / case_study.path)
            if history is not None:
                found[slug] = history
        return found

    def _published(self, catalogue: Catalogue) -> dict[str, str]:
        """Slug -> the day each case study's file was first committed, when the content is in Git."""
        self.histories = self._histories(catalogue)
        return {slug: history.first_published for slug, history in self.histories.items()}

    def generated_pages(self) -> list[str]:
        """Source paths of the pages the hub makes (browse pages), for the host to add to its files."""
        return list(self.browse)

    def hand_written(self, src_uri: str) -> None:
        """A page of the content folder takes the place of the browse page at ``src_uri``."""
        self.browse.pop(src_uri, None)

    def has_parts(self, src_uri: str) -> bool:
        """Whether the hub renders parts of the page at ``src_uri`` (a case study, a partner, a browse page)."""
        base = self.edition_of(src_uri)[1]
        return self.subject(base) is not None or base in self.browse

    def start_parts(self, pages: list[tuple[str, str, str]], site_dir: Path | None = None) -> None:
        """Hand the pages' parts, then the citations, the search index and the open data, to the worker process.

        ``pages`` are (source path, URL, source file) in the order the host lays pages out; ``site_dir`` the
        site folder, when the host has emptied it and the worker may write into it already.
        """
        job = PagePartsJob(self.catalogue, self.urls, self.renderer.content_folder,
                           RelatedSettings(top_k=self.options["related_top_k"]),
                           self.browse, self.git, self.repo_url, self.options["repo_branch"], pages,
                           self.site, self.renderer.published, packs=self.options["packs"], editions=self.editions,
                           behind=translations_behind(self.catalogue, self.git, self.paths.root),
                           cache_dir=self.cache_dir)
        self.part_index = {src_uri: index for index, (src_uri, _, _) in enumerate(pages)}
        self.parts_job = job
        keys = PartsKeys(self.catalogue, job.settings(), self.browse, self.editions,
                         {language: renderer.urls for language, renderer in self.renderers.items()})
        self.pages_site = digest(keys.site, *(f"{slug}\t{text}" for slug, text in sorted(keys.texts.items())),
                                 *sorted(self.untranslated_pages), repr(sorted(self.options.items())),
                                 repr(self.preview), repr(self.site))
        self.parts_dir = Path(tempfile.mkdtemp(prefix="hub-parts-"))
        self.parts_reader = PartsReader(self.parts_dir)
        newest = [case_study.slug for case_study in self.renderer.newest_published()]
        self.search = [SearchArguments(self.urls.in_edition(edition.prefix), list(self.browse.values()),
                                       self.cache_dir, self.paths, newest, edition.language)
                       for edition in self.editions]
        self.task = submit_build_task(self.worker, job, self.parts_dir, self.search, site_dir)

    # -- each page ---------------------------------------------------------------------------

    def page_key(self, src_uri: str, url: str, source_file: str, text: str) -> str:
        """A digest of everything the hub puts into the page at ``src_uri`` (its metadata, its Markdown as the
        host converts it, its content and parts), ``text`` being the Markdown the host has of it.

        Conservative: the site's part holds every case study's facts, titles and summaries, so an edit to any
        of those changes every page's key; an edit to one narrative changes only its own pages'. With this
        key and the host's settings unchanged, the page comes out as it did (``pagecache.Unchanged``).
        """
        assert self.parts_job is not None, "start_parts() first"
        facts = history(self.parts_job, source_file)
        subject = self.subject(src_uri)
        return digest(self.pages_site, *page_inputs(self.parts_job, src_uri, url, facts, subject), text)

    def subject(self, src_uri: str) -> Subject | None:
        """The case study, partner or programme the page at ``src_uri`` shows, if any, in whichever edition."""
        if self._catalogue is None:
            return None
        return subject_of(self._catalogue, self.edition_of(src_uri)[1])

    def _translation(self, src_uri: str) -> Translation | None:
        edition, base = self.edition_of(src_uri)
        subject = self.subject(base)
        return self.catalogue.translation(subject.slug, edition.language) if isinstance(subject, CaseStudy) else None

    def _text_language(self, src_uri: str) -> str:
        """The language the page's own text is written in: a translation's, a case study's original; a partner's,
        a programme's and a hand-written page the edition has no translation of are in the default language."""
        edition, base = self.edition_of(src_uri)
        subject = self.subject(base)
        translation = self._translation(src_uri)
        if translation is not None:
            return translation.language
        if isinstance(subject, CaseStudy):
            return subject.language
        if subject is not None or src_uri in self.untranslated_pages:
            return self.editions[0].language
        return edition.language

    def source(self, src_uri: str) -> str | None:
        """The page's Markdown when the hub has read it already (a case study's, partner's or programme's body).

        The leading blank line keeps a host from taking a body's first line for
        front matter ("---") or for a MultiMarkdown "Key: value" line.
        """
        subject = self.subject(src_uri)
        translation = self._translation(src_uri)
        return "\n" + (translation or subject).body if subject else None

    def metadata(self, src_uri: str, meta: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The page's title and description from the validated model, escaped (themes do not escape them),
        its edition's language and the same page in the other editions (the language switch)."""
        edition, base = self.edition_of(src_uri)
        found = dict(meta or {})
        subject = self.subject(base)
        browse = self.browse.get(base)
        _ = self.gettext(edition.language)
        if isinstance(subject, CaseStudy):
            text = self._translation(src_uri) or subject
            found.update(title=escape(text.title), description=escape(text.summary))
        elif isinstance(subject, Partner):
            found.update(title=escape(subject.name),
                         description=escape(_("Case studies with %(name)s") % {"name": subject.name}))
        elif isinstance(subject, Programme):
            found.update(title=escape(subject.name), description=escape(subject.summary))
        elif browse:
            found["title"] = escape(browse_title(self.catalogue, browse, edition.language))
        found["hub_language"] = edition.language
        text_language = self._text_language(src_uri)
        if text_language != edition.language:  # the theme's table of contents marks the text's headings so
            found["hub_text_language"] = text_language
        if len(self.editions) > 1:
            found["hub_alternates"] = self._alternates(base, edition)
        return found

    def _alternates(self, base: str, current: Edition) -> list[dict[str, Any]]:
        """The page in each edition: its address, the language's own name, whether its text is in that language."""
        subject = self.subject(base)
        alternates = []
        for edition in self.editions:
            if isinstance(subject, CaseStudy):
                own = self.catalogue.written_in(subject, edition.language)
            else:
                own = edition.is_default or edition.src_uri(base) not in self.untranslated_pages
            alternates.append({"language": edition.language, "name": language_name(edition.language),
                               "url": self.urls.for_source(edition.src_uri(base)), "current": edition == current,
                               "translated": own})
        return alternates

    def markdown(self, src_uri: str, markdown: str) -> str:
        """The Markdown with wikilinks turned into links to their target's source file, and a case study's
        citations ([@id]) into numbered references to its sources."""
        edition, base = self.edition_of(src_uri)
        markdown = replace_wikilinks(markdown, self.catalogue, base)  # relative links: the same in every edition
        markdown = links_from_edition(markdown, edition.prefix)  # but files other than pages are only at the root
        subject = self.subject(base)
        if not isinstance(subject, (CaseStudy, Programme)):
            return markdown
        renderer = self._renderer_of(edition)
        return replace_citations(markdown, subject,
                                 lambda references: renderer.render("_references.html", "", references=references))

    def content(self, src_uri: str, html: str, page_url: str, *, is_homepage: bool) -> str:
        """The page's HTML as the hub shows it: contributors' bodies sanitised, the home page's listings added."""
        self.progress.tick()
        edition, base = self.edition_of(src_uri)
        subject = self.subject(base)
        renderer = self._renderer_of(edition)
        if subject is not None:
            cleaned = clean_body(html)  # the hub's parts come around it with parts()
            self._keep_narrative(src_uri, cleaned)
            text_language = self._text_language(src_uri)
            if text_language != edition.language and cleaned.strip():
                return renderer.render("_other_language.html", page_url, language=text_language, html=Markup(cleaned))
            return cleaned
        if is_homepage or (base == "index.md" and not edition.is_default):
            html = html + renderer.home(page_url)
        elif CONTRIBUTE_BUTTON in html:
            button = renderer.contribute_button(self.repo_url, self.options["repo_branch"])
            html = html.replace(CONTRIBUTE_BUTTON, button, 1)
        text_language = self._text_language(src_uri)
        if text_language != edition.language:
            return renderer.render("_other_language.html", page_url, language=text_language, html=Markup(html))
        return html

    def _keep_narrative(self, src_uri: str, cleaned: str) -> None:
        """Keep the page's sanitised narrative when the briefing packs print it (a case study's, default edition)."""
        edition, base = self.edition_of(src_uri)
        subject = self.subject(base)
        if self.options["packs"] and edition.is_default and isinstance(subject, CaseStudy):
            self.narratives[subject.slug] = cleaned

    def content_unchanged(self, src_uri: str, html: str) -> None:
        """What ``content`` does besides returning the content, for a page the host takes whole from an
        earlier build: the briefing packs still need its narrative."""
        self.progress.tick()
        if self.subject(src_uri) is not None:
            self._keep_narrative(src_uri, clean_body(html))

    def parts(self, src_uri: str) -> PageParts | None:
        """The hub's parts of the page (before and after its own content), once the worker has written them."""
        index = self.part_index.get(src_uri)
        if index is None or self.parts_reader is None:
            return None
        try:
            wait_for_parts(self.task, self.parts_reader, index, "The hub's parts of the pages could not be rendered")
        except RuntimeError as exc:
            raise BuildError(str(exc)) from exc
        return self.parts_reader.read(index)

    def with_policy(self, output: str) -> str:
        """The page with its Content-Security-Policy ``<meta>`` first in its head (see ``csp.policy``)."""
        head = output.find("<head>")
        if head < 0 or self._renderer is None:
            return output
        policy = csp_policy(output, preview=self.preview)
        meta = self.csp_meta.get(policy)
        if meta is None:  # pages share a handful of policies: render each once
            meta = self.csp_meta[policy] = self._renderer.render("csp_meta.html", "", policy=policy)
        position = head + len("<head>")
        return output[:position] + meta + output[position:]

    # -- finish ----------------------------------------------------------------------------------

    def finish(self, site_dir: Path, *, keep_worker: bool) -> list[str]:
        """Write the files the build makes at its end into ``site_dir``: the editions' search indexes, the
        open data, the citations (the worker's) and the feed; their site paths."""
        with self.progress.phase("finishing the search index"):
            try:
                written = self._search_indexes_left(site_dir)
                from_worker = outcome(self.task, SEARCH_FAILED)
                self.parts_reused = from_worker.parts_reused
                if self.parts_dir is not None:
                    move_site_files(self.parts_dir / OUTPUT_FOLDER, from_worker.files, site_dir)
                return [*written, *from_worker.files, *from_worker.in_site, *write_site_files(site_dir, self._feed())]
            except RuntimeError as exc:
                raise BuildError(str(exc)) from exc
            finally:
                if not keep_worker:  # under `mkdocs serve` the process stays for the next build, until shutdown
                    self.worker.close()
                self.remove_parts()

    def _search_indexes_left(self, site_dir: Path) -> list[str]:
        """The editions' search indexes the worker has not started, made here meanwhile (``worker.claim``)."""
        written: list[str] = []
        if self.parts_dir is None or self.task is None:
            return written
        for arguments in reversed(self.search):
            if not claim(self.parts_dir, arguments.language):
                break  # the worker has them, from the first edition on: the rest are its too
            try:
                written += write_site_files(site_dir, prepare_and_run(self.catalogue, *arguments))
            except Exception as exc:  # as the worker's failure would be reported by ``outcome``
                raise RuntimeError(f"{SEARCH_FAILED}: {exc}") from exc
        return written

    def _feed(self) -> dict[str, str]:
        """The Atom feed of new case studies, by site path (the worker writes the citation files)."""
        updated = {slug: history.last_updated for slug, history in self.histories.items() if history.last_updated}
        return {FEED: self.renderer.feed(updated, build_day())}

    def write_packs(self, site_dir: Path) -> None:
        """The briefing packs (packs: true), into the site once its pages are written; ``BuildError`` (one line)
        when one cannot be made. Each is made again only when what it shows changed (``build/packs.py``)."""
        if not self.options["packs"] or self._catalogue is None:
            return
        with self.progress.phase("making the briefing packs"):
            try:
                jobs = pack_jobs(self.renderer, self.narratives, site_dir, self._pack_day)
                report = write_packs(jobs, pack_stylesheet(), site_dir, self.cache_dir)
            except PackError as exc:
                raise BuildError(str(exc)) from None
        self.log.info(summary(report))
        self.log.debug("Briefing packs made: %s", ", ".join(report.made) or "none")
        for key, refused in report.refused.items():
            self.log.warning("The briefing pack %s left out %d address(es) outside the built site, such as %s",
                             key, len(refused), refused[0])

    def _pack_day(self, subject: PackSubject) -> str:
        """The date a pack's content is of: its newest case study's last change in Git, else the build's day.

        Not simply the build's day: a pack whose case studies did not change stays the same file.
        """
        days = [history.last_updated or history.first_published for history in
                (self.histories.get(case_study.slug) for case_study in subject.case_studies) if history is not None]
        return max(days) if days else build_day()

    def remove_parts(self) -> None:
        if self.parts_reader is not None:
            self.parts_reader.close()
            self.parts_reader = None
        if self.parts_dir is not None:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            self.parts_dir = None


__all__ = ["ASSET_URI", "EXPORT_PATHS", "BuildError", "BuildSession", "asset_files", "stylesheets"]
