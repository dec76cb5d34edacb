"""The MkDocs plugin: each event hands its work to the build session, and adds what only MkDocs needs.

What stays here is MkDocs' own: its files and pages, the theme's navigation
rendered once per folder (``fragments``), the caches ``mkdocs serve`` keeps
between rebuilds (``pagecache``, ``bytecode``), and, while serving, the page
that shows the content's errors in the browser instead of a server that hangs.
"""

from __future__ import annotations

import logging
import posixpath
import time
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure import StructureItem
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils.templates import TemplateContext

from ...build.editions import Edition, translated_page
from ...build.options import OPTIONS
from ...build.pageparts import PageParts
from ...build.progress import Progress
from ...build.publish import write_site_files
from ...build.session import EXPORT_PATHS, BuildError, BuildSession, asset_files, stylesheets
from ...build.worker import Worker
from ...check.loading import SourceCache
from ...derive.urls import Urls
from ...read.pathnames import HubPaths
from ...render.browser_messages import browser_messages_json
from ...render.errorpage import error_page
from ...render.site import SiteInfo
from ...search.scripts import browser_scripts
from .bytecode import MemoryBytecodeCache
from .config import HubConfig
from .fragments import SharedFragments
from .keptpages import KeptPages
from .oldsite import OldSite
from .pagecache import (
    WRITTEN_PAGE_EVENTS,
    CachedPage,
    Earlier,
    PageOutputs,
    Renderings,
    Unchanged,
    load_pages,
    other_page_handlers,
    save_pages,
)
from .setaside import SetAside, page_written

log = logging.getLogger("mkdocs.plugins.hub")
THEME = Path(__file__).resolve().parents[2] / "templates" / "material"
PAGE_TEMPLATE = "hub-page.html"
# MkDocs' server answers /livereload/EPOCH/ID once a build newer than EPOCH (milliseconds of the
# monotonic clock at its start) is done: the error page asks for one newer than the failed build.
RELOAD_SCRIPT = """<script>
(function poll() {{
  var request = new XMLHttpRequest();
  request.onload = function () {{ if (parseFloat(request.responseText) > {epoch}) location.reload(); else poll(); }};
  request.onerror = function () {{ setTimeout(poll, 1000); }};
  request.open("GET", "/livereload/{epoch}/" + Date.now());
  request.send();
}})();
</script>"""


class HubPlugin(BasePlugin[HubConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.session: BuildSession | None = None
        self.failure: BuildError | None = None  # while serving: the content's errors, shown in the browser
        self.failed_at = 0
        self.in_nav: set[str] = set()
        # Kept across the builds of one `mkdocs serve`: what did not change is not redone.
        self.sources: SourceCache = {}
        self.worker = Worker()
        self.serving = False
        self.dirty = False
        self.renderings = Renderings()
        self.page_outputs = PageOutputs()
        self.unchanged = Unchanged()
        self.old_site = OldSite()
        self.candidates: list[tuple[File, str]] = []  # the pages the hub makes, with their source file
        self.kept = KeptPages()  # pages whose file the last build wrote stays in the site folder
        self.pages_loaded = False  # the last process's renderings, read from the cache folder once
        self.compiled_templates = MemoryBytecodeCache()
        self.progress = Progress()
        self.edition_navs: dict[str, Navigation] = {}  # language -> the navigation of its edition
        self.set_aside: SetAside | None = None  # the pages' HTML between MkDocs' two passes

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this event at all keeps one plugin instance across the
        # rebuilds of `mkdocs serve`, and with it the caches of unchanged files;
        # a one-off build reads the renderings the last process left in the cache folder.
        self.serving = command == "serve"
        self.dirty = dirty  # MkDocs keeps the site folder and writes only what changed: so does the hub

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name, option in OPTIONS.items():  # MkDocs lets `true` pass as a number: `hub check` does not
            problem = option.problem(self.config[name])
            if problem:
                raise PluginError(f"{problem} (in {config.config_file_path or 'mkdocs.yml'})")
        # The theme override adds the hub's search box to every page's header.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
        for name in ("search", "material/search"):
            if name in config.plugins:
                log.warning("The '%s' plugin is on beside the hub's own search; remove it from mkdocs.yml "
                            "so that readers get one search, which also works from disk.", name)
        for uri in stylesheets():
            if uri not in config.extra_css:
                config.extra_css.append(uri)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        # Runs before MkDocs empties site_dir: bad content stops the build
        # while the previous site is still whole.
        if self.session is not None:
            self.session.remove_parts()
        root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        paths = HubPaths(root.resolve(), Path(config.docs_dir).resolve(), (root / self.config.taxonomy).resolve())
        self.session = BuildSession(
            paths, {name: self.config[name] for name in OPTIONS}, Urls(directory_urls=config.use_directory_urls),
            repo_url=config.repo_url, worker=self.worker, log=log, progress=self.progress, preview=self.serving,
            sources=self.sources if self.serving else None, bytecode_cache=self.compiled_templates,
            site=SiteInfo.from_config(config.site_name, config.site_url, config.site_description, config.extra))
        self.in_nav = set()
        self.failure = None
        self.compiled_templates.load(self.session.cache_dir)
        try:
            self.session.start()
        except BuildError as exc:
            if not (self.serving and exc.diagnostics):
                raise PluginError(str(exc)) from None
            # Raising would leave `mkdocs serve` answering no request until the content is fixed:
            # the build goes on with no page, and every address shows the errors instead.
            self.failure = exc
            self.failed_at = round(time.monotonic() * 1000)
            config.nav = None
            log.error("%s The browser shows them until they are fixed.", exc)
        if not self.dirty:  # the content is fine: MkDocs empties the folder next
            self.old_site.set_aside(Path(config.site_dir))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.old_site.put_back()  # MkDocs has emptied the site folder: its pages are written over the old ones
        if self.failure is not None:
            return Files([file for file in files if not file.is_documentation_page()])
        session = self._session()
        for uri, asset in asset_files():
            files.append(File.generated(config, uri, abs_src_path=str(asset)))
        for src_uri in session.generated_pages():
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, content=""))
            else:
                session.hand_written(src_uri)
        self._add_editions(files, config, session)
        self.progress.start("rendering pages", len(files.documentation_pages()))
        for path in EXPORT_PATHS:  # known to MkDocs, so that pages' links to them resolve; written at the end
            files.append(File.generated(config, path, content=""))
        pages = [file for file in files.documentation_pages() if session.has_parts(file.src_uri)]
        if not self.pages_loaded:
            load_pages(session.cache_dir, *self._page_caches())
            self.pages_loaded = True
        for file in pages:
            if file.page is None:
                CachedPage(file, config, self.renderings)
        self.candidates = [(file, self._source_file(file, files)) for file in pages]
        session.start_parts([(file.src_uri, file.url, source) for file, source in self.candidates],
                            Path(config.site_dir))
        return files

    def _add_editions(self, files: Files, config: MkDocsConfig, session: BuildSession) -> None:
        """Every page again in each other edition's folder; a page's translation (``about.fr.md``) is
        not a page of its own but the text of ``fr/about.md``."""
        translations: dict[tuple[str, str], File] = {}
        for file in list(files.documentation_pages()):
            found = translated_page(file.src_uri, session.languages)
            if found is not None:
                files.remove(file)
                translations[found] = file
        originals = list(files.documentation_pages())
        for edition in session.editions[1:]:
            for file in originals:
                content = ""
                if not session.has_parts(file.src_uri) and file.src_uri not in session.browse:
                    translation = translations.get((file.src_uri, edition.language))
                    content = (translation or file).content_string or ""
                    if translation is None:
                        session.untranslated_pages.add(edition.src_uri(file.src_uri))
                files.append(File.generated(config, edition.src_uri(file.src_uri), content=content,
                                            inclusion=InclusionLevel.NOT_IN_NAV))

    def _source_file(self, file: File, files: Files) -> str:
        """The file a page's Git history and "edit" link are of: an edition's copy has the original's."""
        if file.abs_src_path:
            return file.abs_src_path
        _, base = self._session().edition_of(file.src_uri)
        original = files.get_file_from_path(base) if base != file.src_uri else None
        return (original.abs_src_path or "") if original is not None else ""

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        session = self._session() if self.failure is None else None
        self.edition_navs = {edition.language: self._edition_nav(nav, edition, files)
                             for edition in (session.editions[1:] if session else [])}
        self.in_nav = {page.file.src_uri for navigation in (nav, *self.edition_navs.values()) for page in navigation.pages}
        self._close_set_aside()
        self.set_aside = SetAside() if session is not None else None
        self.renderings.start_build(config, files)  # pages are rendered next
        self.renderings.edition_prefixes = tuple(edition.prefix for edition in session.editions[1:]) if session else ()
        self.page_outputs.start_build(config, nav, *self.edition_navs.values())
        self.unchanged.start_build(self.renderings, self.page_outputs)
        self.kept.start(files)
        if session is not None:
            self._find_unchanged(session, config)
        return nav

    def _find_unchanged(self, session: BuildSession, config: MkDocsConfig) -> None:
        """Key each page the hub makes by everything it depends on, and find those an earlier build made;
        leave the file of each such page as it is in the site folder, when it is still the one written then."""
        others = other_page_handlers(config, self)
        if others:
            log.debug("Every page goes through the hub's work again: %s handle pages too.", ", ".join(others))
        # Another plugin's changes to written pages would be made a second time to a file left in place.
        keep_files = not (self.serving or others or other_page_handlers(config, self, WRITTEN_PAGE_EVENTS))
        for file, source in self.candidates:
            page = file.page
            if not isinstance(page, CachedPage) or file.src_uri in self.in_nav:
                continue
            text = session.source(file.src_uri)
            page.unchanged_key = self.unchanged.key(
                session.page_key(file.src_uri, file.url, source, text if text is not None else file.content_string))
            if not others:
                page.unchanged = self.unchanged.earlier(page.unchanged_key, self.renderings, self.page_outputs)
            found = page.unchanged
            if keep_files and found is not None and self.kept.keep_if_in_place(page, found, self.renderings, session):
                self.unchanged.keep_earlier(page.unchanged_key, found)

    def _edition_nav(self, nav: Navigation, edition: Edition, files: Files) -> Navigation:
        """The site's navigation leading to the edition's pages, its titles in the edition's language."""
        translate = self._session().gettext(edition.language)

        def item(original: StructureItem) -> StructureItem | None:
            if isinstance(original, Section):
                children = [child for child in map(item, original.children) if child is not None]
                section = Section(translate(original.title), children)
                for child in children:
                    child.parent = section
                return section
            if isinstance(original, Page):
                found = files.get_file_from_path(edition.src_uri(original.file.src_uri))
                if found is None or found.page is None:
                    return None
                title = original.title or ""
                if title and translate(title) != title:  # else the page's own title, in its edition
                    found.page.title = translate(title)
                return found.page
            if isinstance(original, Link):
                return Link(translate(original.title), original.url)
            return None

        items = [found for found in map(item, nav.items) if found is not None]
        edition_nav = Navigation(items, [page for page in _pages(items)])
        home = files.get_file_from_path(edition.src_uri("index.md"))
        edition_nav.homepage = home.page if home is not None else None
        return edition_nav

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        self.kept.converted()  # every page is converted by now
        # Pages outside the navigation share its HTML and the footer's, one rendering per folder (fragments.py).
        env.add_extension(SharedFragments)
        env.bytecode_cache = self.compiled_templates
        env.globals["hub_shared_key"] = self._shared_key
        env.globals["hub_earlier_output"] = self._earlier_output
        env.globals["hub_search_scripts"] = self._search_scripts  # what the header search loads when first used
        env.globals["hub_edition_prefix"] = self._edition_prefix
        env.globals["_"] = self._translate  # the hub's words in the theme's templates, in the page's language
        env.globals["hub_search_messages"] = lambda page: browser_messages_json(self._page_language(page))
        return env

    def _page_language(self, page: Page | None) -> str:
        language = page.meta.get("hub_language") if page is not None and page.meta else None
        return language or (self.session.languages[0] if self.session else "en")

    def _edition_prefix(self, page: Page | None) -> str:
        if self.session is None or page is None or self.failure is not None:
            return ""
        return self.session.edition_of(page.file.src_uri)[0].prefix

    def _search_scripts(self, page: Page | None) -> tuple[str, ...]:
        if self.session is None:
            return browser_scripts("en")
        return self.session.search_scripts(self.session.edition_of(page.file.src_uri)[0] if page else
                                           self.session.editions[0])

    @pass_context
    def _translate(self, context: Context, message: str, **values: Any) -> str:
        language = self._page_language(context.get("page"))
        text = self._session().gettext(language)(message) if self.session else message
        return text % values if values else text

    def _earlier_output(self, page: Page) -> Markup | None:
        found = _earlier(page)
        key = found.themed_key if found is not None else self.page_outputs.key(page)
        earlier = self.page_outputs.output(key)
        if isinstance(page, CachedPage):
            page.themed_key = key
        if earlier is None:
            page.hub_output_key = key  # type: ignore[attr-defined]  # kept once the theme has rendered it
        return Markup(earlier) if earlier is not None else None

    def _shared_key(self, page: Page | None, part: str) -> tuple[str, str, bool] | None:
        """The key under which a part of the theme (``part``: the navigation, the footer...) is rendered once
        for the pages of one folder; None renders it for the page alone.

        Links are made relative to the page's folder ("../" from countries/ar/ to countries/), so siblings
        show the same part, except a page the part links to (explore/, api/) or a page above one: only
        pages in a folder below their edition's own share (case studies, partners, terms...), and not the
        pages in the navigation, which mark their own entry as active and link to the previous and next."""
        if page is None or page.url is None or page.file.src_uri in self.in_nav:
            return None
        if not posixpath.dirname(page.url[len(self._edition_prefix(page)):].rstrip("/")):
            return None
        return part, posixpath.dirname(page.url.rstrip("/")), page.url.endswith("/")

    def on_page_read_source(self, page: Page, config: MkDocsConfig) -> str | None:
        # The catalogue has read and checked this file already: MkDocs neither
        # reads it again nor re-parses its front matter.
        return self._session().source(page.file.src_uri)

    @event_priority(50)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        found = _earlier(page)
        if found is not None:
            page.meta = dict(found.meta)
            return ""
        session = self._session()
        page.meta = session.metadata(page.file.src_uri, page.meta)  # the model's, in place of MkDocs' reading
        return session.markdown(page.file.src_uri, markdown)

    def _page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if _earlier(page) is not None:
            self._session().content_unchanged(page.file.src_uri, html)
            return ""
        if page.file.src_uri not in self.in_nav and "template" not in page.meta:
            page.meta["template"] = PAGE_TEMPLATE  # the theme's output is reused while unchanged
        return self._session().content(page.file.src_uri, html, page.url, is_homepage=page.is_homepage)

    @event_priority(-1000)  # after every other plugin's on_page_content
    def _set_aside_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.set_aside is None or not self._session().has_parts(page.file.src_uri) or _earlier(page) is not None:
            return html  # a hand-written page: other plugins may read its content before it is themed
        return self.set_aside.keep(page, html)

    on_page_content = CombinedEvent(_page_content, _set_aside_content)

    @event_priority(1000)  # before every other plugin's on_page_context
    def _take_back_content(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                           nav: Navigation) -> TemplateContext:
        if self.set_aside is not None:
            self.set_aside.take_back(page)
        return context

    def _page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                      nav: Navigation) -> TemplateContext:
        if _earlier(page) is not None:
            return context
        language = page.meta.get("hub_language")
        if language in self.edition_navs:
            context["nav"] = self.edition_navs[language]
        try:
            parts = self._session().parts(page.file.src_uri)
        except BuildError as exc:
            raise PluginError(str(exc)) from exc
        text_language = page.meta.get("hub_text_language")
        own = _marked(list(page.toc), text_language) if text_language else list(page.toc)
        if parts is not None and (parts.before or parts.after):
            page.content = parts.before + (page.content or "") + parts.after
            # The theme's table of contents lists the hub's sections too (outcomes, lessons, sources...).
            before, after = ([AnchorLink(title, anchor, 2) for anchor, title in PageParts.sections(part)]
                             for part in (parts.before, parts.after))
            own = before + own + after
        if text_language or (parts is not None and (parts.before or parts.after)):
            page.toc = TableOfContents(own)
        return context

    on_page_context = CombinedEvent(_take_back_content, _page_context)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self._close_set_aside()
        self._end_kept_pages(config)
        if self.failure is not None:
            write_site_files(Path(config.site_dir), self._error_pages())
        else:
            try:  # the search indexes, the open data
                self._session().finish(Path(config.site_dir), keep_worker=self.serving)
            except BuildError as exc:
                raise PluginError(str(exc)) from exc
        if self.failure is None:
            try:  # after every page is written: the packs' PDF writer reads only the built site
                self._session().write_packs(Path(config.site_dir))
            except BuildError as exc:
                raise PluginError(str(exc)) from None
        if self.failure is None:
            save_pages(self._session().cache_dir, *self._page_caches())
            self.compiled_templates.save(self._session().cache_dir)
            log.info("Pages reused from the cache: %d converted Markdown, %d themed, %d with their parts, "
                     "%d unchanged (%d of them left in place)", self.renderings.hits, self.page_outputs.hits,
                     self._session().parts_reused, self.unchanged.hits, len(self.kept.pages))
        for cache in (self.renderings, self.page_outputs, self.unchanged):
            cache.end_build()
        log.debug("Files of the last site this build did not write, deleted: %d",
                  self.old_site.remove_stale(keep=self.kept.paths()))
        self.kept.end()

    def _page_caches(self) -> tuple[tuple[str, Renderings], tuple[str, PageOutputs], tuple[str, Unchanged]]:
        return ("markdown:", self.renderings), ("themed:", self.page_outputs), ("unchanged:", self.unchanged)

    def _error_pages(self) -> dict[str, str]:
        """The home page and the not-found page (which MkDocs' server sends for every other address)."""
        assert self.failure is not None and self.session is not None
        script = Markup(RELOAD_SCRIPT.format(epoch=int(self.failed_at)))
        page = error_page(self.failure.diagnostics, self.session.paths.root, head_extra=script)
        return {"index.html": page, "404.html": page}

    def on_build_error(self, error: Exception) -> None:
        self.kept.end()
        self.worker.close(wait=False)
        self.old_site.put_back()
        self._close_set_aside()
        if self.session is not None:
            self.session.remove_parts()

    def on_shutdown(self) -> None:
        self.worker.close()
        if self.session is not None:
            self.session.remove_parts()

    @event_priority(1000)  # first: the theme's page, before any other plugin or hook changes it
    def _keep_themed_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # A page taken from the cache goes through the other plugins' on_post_page again: kept after them,
        # it would have their changes twice.
        key = getattr(page, "hub_output_key", None)
        if key is not None:
            self.page_outputs.keep(key, output)
        return output

    @event_priority(-100)  # last: after every other plugin has changed the page
    def _finish_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, CachedPage):
            self._keep_unchanged(page)
        page_written(page, in_nav=page.file.src_uri in self.in_nav)
        return self._session().with_policy(output)

    on_post_page = CombinedEvent(_keep_themed_page, _finish_page)

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        # Theme pages that are not Markdown pages, like 404.html.
        if self.session is None or not template_name.endswith(".html"):
            return output_content
        return self.session.with_policy(output_content)

    def _keep_unchanged(self, page: CachedPage) -> None:
        """Keep, for the next build, the keys this page's entries have in the two caches, and its metadata."""
        found = page.unchanged
        rendering_key = found.rendering_key if found is not None else page.rendering_key
        if page.unchanged_key is not None and rendering_key is not None and page.themed_key is not None:
            self.unchanged.keep(page.unchanged_key, rendering_key, page.themed_key, dict(page.meta))

    def _end_kept_pages(self, config: MkDocsConfig) -> None:
        """Check the links of the pages left in place, as MkDocs checks the others', and note each written
        page's file, which the next build finds again."""
        self.kept.check_links(config.validation.links.anchors)
        if not self.serving:
            for file, _ in self.candidates:
                page = file.page
                if isinstance(page, CachedPage) and page.unchanged_key and file.src_uri not in self.kept.pages:
                    self.unchanged.note_file(page.unchanged_key, file.abs_dest_path)

    def on_template_context(self, context: TemplateContext, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        if template_name == "sitemap.xml" and self.kept.pages:  # every page, those left in place too
            context["pages"] = self.kept.sitemap_pages()
        return context

    def _close_set_aside(self) -> None:
        if self.set_aside is not None:
            self.set_aside.close()
            self.set_aside = None

    def _session(self) -> BuildSession:
        assert self.session is not None, "on_pre_build starts the session"
        return self.session


def _pages(items: list[StructureItem]) -> list[Page]:
    found: list[Page] = []
    for entry in items:
        if isinstance(entry, Page):
            found.append(entry)
        elif isinstance(entry, Section):
            found += _pages(entry.children)
    return found


def _marked(items: list[AnchorLink], language: str) -> list[AnchorLink]:
    """Copies of the headings of a text written in another language than the page's, each saying which
    (``partials/toc-item.html`` writes it as ``lang``); copies, for the rendering is shared between editions."""
    marked = []
    for item in items:
        copy = AnchorLink(item.title, item.id, item.level)
        copy.children = _marked(list(item.children), language)
        copy.hub_lang = language  # type: ignore[attr-defined]
        marked.append(copy)
    return marked


def _earlier(page: Page) -> Earlier | None:
    """What an earlier build made of ``page``, when this build takes it whole."""
    return page.unchanged if isinstance(page, CachedPage) else None
