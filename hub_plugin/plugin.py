"""The MkDocs adapter: hands MkDocs' events to the hub's core and nothing more."""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Optional

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .browse import BrowsePage, browse_pages
from .bytecode import MemoryBytecodeCache
from .catalogue import Catalogue, HubPaths, SourceCache, load_catalogue
from .config import HubConfig
from .csp import policy as csp_policy
from .diagnostics import Report
from .exports import EXPORT_PATHS
from .fragments import SharedFragments
from .gitfacts import GitFacts, collect as collect_git_facts
from .model import CaseStudy, Partner
from .options import OPTIONS
from .pageparts import PagePartsJob, PartsReader, subject_of
from .progress import Progress
from .related import RelatedSettings
from .render import Renderer
from .sanitize import clean_body
from .searchbuild import SearchArguments
from .servecache import CachedPage, PageOutputs, Renderings
from .urls import Urls
from .wikilinks import replace_wikilinks
from .worker import Worker, outcome, submit_build_task, wait_for_parts

log = logging.getLogger("mkdocs.plugins.hub")
ASSETS = Path(__file__).parent / "assets"
THEME = Path(__file__).parent / "theme"
ASSET_URI = "assets/hub"
CONTRIBUTE_BUTTON = "<!-- hub:contribute-button -->"


class HubPlugin(BasePlugin[HubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._reset()
        # Kept across the builds of one `mkdocs serve`: what did not change is not redone.
        self.sources: SourceCache = {}
        self.worker = Worker()
        self.serving = False
        self.renderings = Renderings()
        self.page_outputs = PageOutputs()
        self.compiled_templates = MemoryBytecodeCache()
        self.progress = Progress()

    def _reset(self) -> None:
        # Everything a build derives; emptied at every build so that
        # `mkdocs serve` never shows a page from the previous content.
        self.catalogue: Optional[Catalogue] = None
        self.renderer: Optional[Renderer] = None
        self.browse: dict[str, BrowsePage] = {}
        self.git: Optional[GitFacts] = None
        self.in_nav: set[str] = set()
        self.task = None
        self.parts_dir: Optional[Path] = None
        self.parts: Optional[PartsReader] = None
        self.part_index: dict[str, int] = {}
        self.csp_meta: dict[str, str] = {}  # policy -> its <meta> element

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this event at all keeps one plugin instance across the
        # rebuilds of `mkdocs serve`, and with it the caches of unchanged files.
        # Renderings are kept only there: a one-off build would hold them for nothing.
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name, option in OPTIONS.items():  # MkDocs lets `true` pass as a number: `hub check` does not
            problem = option.problem(self.config[name])
            if problem:
                raise PluginError(f"{problem} (in {config.config_file_path or 'mkdocs.yml'})")
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        self.paths = HubPaths(root.resolve(), Path(config.docs_dir).resolve(), (root / self.config.taxonomy).resolve())
        self.urls = Urls(directory_urls=config.use_directory_urls)
        self.repo_url = config.repo_url
        # The theme override adds the hub's search box to every page's header.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        for name in ("search", "material/search"):
            if name in config.plugins:
                log.warning("The '%s' plugin is on beside the hub's own search; remove it from mkdocs.yml "
                            "so that readers get one search, which also works from disk.", name)
        for stylesheet in sorted(ASSETS.glob("*.css")):
            uri = f"{ASSET_URI}/{stylesheet.name}"
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site_dir: bad content stops the build
        # while the previous site is still whole.
        self._remove_parts()
        self._reset()
        report = Report()
        with self.progress.phase("reading and checking the content"):
            catalogue = load_catalogue(self.paths, report, sources=self.sources if self.serving else None)
        if report.items:
            sys.stderr.write(report.format() + "\n")
            sys.stderr.flush()
        if report.has_errors:
            raise PluginError(f"The content has {report.summary()}; fix the lines above (run 'hub check' to see them again).")
        self.catalogue = catalogue
        self.git = self._git_facts()
        content_folder = (self.git.relative(self.paths.content_dir) if self.git else None) \
            or self.paths.display(self.paths.content_dir)
        self.renderer = Renderer(catalogue, self.urls, content_folder, self.compiled_templates)
        self.browse = {page.src_uri: page for page in browse_pages(catalogue)}

    def _git_facts(self) -> Optional[GitFacts]:
        if not self.config.git_facts:
            return None
        facts = collect_git_facts(self.paths.content_dir, self.paths.root / self.config.cache_dir)
        if facts is not None and facts.shallow:
            message = ("This is a shallow Git clone, so 'first published' dates and editors would be wrong. "
                       "Fetch the full history: git fetch --unshallow (in GitHub Actions: actions/checkout "
                       "with fetch-depth: 0).")
            if os.environ.get("CI"):
                raise PluginError(message)
            log.warning(message)
        return facts

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalogue is not None
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file():
                uri = f"{ASSET_URI}/{asset.relative_to(ASSETS).as_posix()}"
                files.append(File.generated(config, uri, abs_src_path=str(asset)))
        for src_uri, page in list(self.browse.items()):
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=""))
            else:  # a hand-written page wins
                del self.browse[src_uri]
        self.progress.start("rendering pages", len(files.documentation_pages()))
        for path in EXPORT_PATHS:  # known to MkDocs, so that pages' links to them resolve; written at the end
            files.append(File.generated(config, path, content=""))
        for file in files.documentation_pages():
            if self.serving and file.page is None and any(subject_of(self.catalogue, file.src_uri)):
                CachedPage(file, config, self.renderings)
        self._start_worker(files)
        return files

    def _start_worker(self, files: Files) -> None:
        # The pages' parts, then the search index, in a second process (worker.py).
        assert self.catalogue is not None
        pages = [(file.src_uri, file.url, file.abs_src_path or "") for file in files.documentation_pages()
                 if any(subject_of(self.catalogue, file.src_uri)) or file.src_uri in self.browse]
        assert self.renderer is not None
        job = PagePartsJob(self.catalogue, self.urls, self.renderer.content_folder,
                           RelatedSettings(top_k=self.config.related_top_k),
                           self.browse, self.git, self.repo_url, self.config.repo_branch, pages)
        self.part_index = {src_uri: index for index, (src_uri, _, _) in enumerate(pages)}
        self.parts_dir = Path(tempfile.mkdtemp(prefix="hub-parts-"))
        self.parts = PartsReader(self.parts_dir)
        search = SearchArguments(self.urls, list(self.browse.values()), self.paths.root / self.config.cache_dir,
                                 self.paths)
        self.task = submit_build_task(self.worker, job, self.parts_dir, search)

    def _remove_parts(self) -> None:
        if self.parts is not None:
            self.parts.close()
            self.parts = None
        if self.parts_dir is not None:
            shutil.rmtree(self.parts_dir, ignore_errors=True)
            self.parts_dir = None

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.in_nav = {page.file.src_uri for page in nav.pages}
        if self.serving:  # pages are rendered next
            self.renderings.start_build(config, files)
            self.page_outputs.start_build(config, nav)
        return nav

    def on_env(self, env, config: MkDocsConfig, files: Files):
        # Pages outside the navigation share its HTML, one rendering per folder (see fragments.py).
        env.add_extension(SharedFragments)
        env.bytecode_cache = self.compiled_templates
        env.globals["hub_nav_key"] = self._nav_key
        env.globals["hub_earlier_output"] = self._earlier_output
        return env

    def _earlier_output(self, page: Page) -> Optional[Markup]:
        page.hub_output_key = self.page_outputs.key(page)  # type: ignore[attr-defined]
        earlier = self.page_outputs.output(page.hub_output_key)  # type: ignore[attr-defined]
        return Markup(earlier) if earlier is not None else None

    def _nav_key(self, page: Optional[Page]) -> Optional[tuple[str, bool]]:
        # Links are made relative to the page's folder ("../" from countries/ar/
        # to countries/), so pages share the navigation with their siblings only.
        if page is None or page.url is None or page.file.src_uri in self.in_nav:
            return None
        return posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/")

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> Optional[str]:
        # The catalogue has read and checked this file already: hand MkDocs the
        # body, so that it neither reads the file again nor re-parses the front
        # matter. The leading blank line keeps MkDocs from taking a body's first
        # line for front matter ("---") or for a MultiMarkdown "Key: value" line.
        case_study, partner = self._subject(page)
        subject = case_study or partner
        return "\n" + subject.body if subject else None

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Replace MkDocs' own reading of the front matter with the validated
        # model, escaped: the theme's templates do not escape page.meta.
        assert self.catalogue is not None
        case_study, partner = self._subject(page)
        browse = self.browse.get(page.file.src_uri)
        if case_study:
            page.meta = {"title": escape(case_study.title), "description": escape(case_study.summary)}
        elif partner:
            page.meta = {"title": escape(partner.name), "description": escape(f"Case studies with {partner.name}")}
        elif browse:
            page.meta = {"title": escape(browse.title)}
        return replace_wikilinks(markdown, self.catalogue, page.file.src_uri)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.renderer is not None
        self.progress.tick()
        if self.serving and page.file.src_uri not in self.in_nav and "template" not in page.meta:
            page.meta["template"] = "hub-page.html"  # the theme's output is reused while unchanged
        if any(self._subject(page)):
            return clean_body(html)  # the hub's parts come around it in on_page_context
        if page.is_homepage:
            return html + self.renderer.home(page.url)
        if CONTRIBUTE_BUTTON in html:
            button = self.renderer.contribute_button(self.repo_url, self.config.repo_branch)
            return html.replace(CONTRIBUTE_BUTTON, button, 1)
        return html

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        index = self.part_index.get(page.file.src_uri)
        if index is None or self.parts is None:
            return context
        try:
            wait_for_parts(self.task, self.parts, index, "The hub's parts of the pages could not be rendered")
        except RuntimeError as exc:
            raise PluginError(str(exc)) from exc
        parts = self.parts.read(index)
        if parts.before or parts.after:
            page.hub_own_content = page.content  # type: ignore[attr-defined]
            page.content = parts.before + (page.content or "") + parts.after
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        with self.progress.phase("finishing the search index"):
            try:
                written = outcome(self.task, "The search index could not be built")
            except RuntimeError as exc:
                raise PluginError(str(exc)) from exc
            finally:
                if not self.serving:  # under `mkdocs serve` the process stays for the next build, until shutdown
                    self.worker.close()
                self._remove_parts()
        for path, text in written.items():  # the search index and the open-data files
            target = Path(config.site_dir) / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.renderings.end_build()
        self.page_outputs.end_build()

    def on_build_error(self, error: Exception) -> None:
        self.worker.close(wait=False)
        self._remove_parts()

    def on_shutdown(self) -> None:
        self.worker.close()
        self._remove_parts()

    @event_priority(-100)  # last: after every other plugin has changed the page
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        key = getattr(page, "hub_output_key", None)
        if key is not None:
            self.page_outputs.keep(key, output)
        if hasattr(page, "hub_own_content"):
            # MkDocs keeps every page's content to the end of the build; the parts
            # are in the output now, and need not stay in memory with the content.
            page.content = page.hub_own_content
            del page.hub_own_content
        return self._with_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # Theme pages that are not Markdown pages, like 404.html.
        return self._with_policy(output_content) if template_name.endswith(".html") else output_content

    def _with_policy(self, output: str) -> str:
        head = output.find("<head>")
        if head < 0 or self.renderer is None:
            return output
        policy = csp_policy(output)
        meta = self.csp_meta.get(policy)
        if meta is None:  # pages share a handful of policies: render each once
            meta = self.csp_meta[policy] = self.renderer.render("csp_meta.html", "", policy=policy)
        position = head + len("<head>")
        return output[:position] + meta + output[position:]

    def _subject(self, page: Page) -> tuple[Optional[CaseStudy], Optional[Partner]]:
        """The case study or partner a page shows, if any."""
        if self.catalogue is None:
            return None, None
        return subject_of(self.catalogue, page.file.src_uri)

