"""What a page rendered to, kept across the builds of one ``mkdocs serve``, keyed by what it depends on.

MkDocs converts every page's Markdown and renders every page through the
theme on every build. When a contributor edits one case study, thousands of
other pages come out the same as before. Two caches skip that work:

- ``Renderings``: a page whose Markdown, address, site files and Markdown
  settings are unchanged takes its previous HTML. The log lines the first
  rendering wrote (a broken link, say) are written again, so a rebuild warns,
  and fails under ``--strict``, exactly as the first build did.
- ``PageOutputs``: a page outside the navigation whose content, title, table
  of contents, metadata and addresses are unchanged, on a site whose
  configuration and navigation are unchanged, takes its previous themed page.

Both live in the plugin instance that ``mkdocs serve`` keeps, and only while
serving: a one-off ``mkdocs build`` keeps nothing.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from dataclasses import dataclass
from typing import Generic, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

_MKDOCS_LOG = logging.getLogger("mkdocs")
V = TypeVar("V")


class Generations(Generic[V]):
    """This build's entries and the last build's: what this build did not use is dropped after it."""

    def __init__(self) -> None:
        self.previous: dict[str, V] = {}
        self.current: dict[str, V] = {}
        self.hits = 0

    def start_build(self) -> None:
        # After a failed build, both the last good build's entries and the failed one's stay.
        self.previous = {**self.previous, **self.current}
        self.current = {}
        self.hits = 0

    def end_build(self) -> None:
        self.previous = {}

    def get(self, key: str) -> V | None:
        value = self.current.get(key)
        if value is None:
            value = self.previous.get(key)
        if value is not None:
            self.hits += 1
            self.current[key] = value
        return value

    def put(self, key: str, value: V) -> None:
        self.current[key] = value


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x00")
    return digest.hexdigest()


@dataclass(frozen=True)
class Rendering:
    content: str
    toc: TableOfContents
    title: str | None
    present_anchor_ids: set[str] | None
    links_to_anchors: dict[str, dict[str, str]] | None  # by the linked file's src_uri
    log_records: tuple[logging.LogRecord, ...]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Renderings(Generations[Rendering]):
    """Markdown renderings by what they depend on."""

    settings = ""

    def start_build(self, config: MkDocsConfig, files: Files) -> None:  # type: ignore[override]
        super().start_build()
        # Links are resolved against the site's files: adding or moving a file changes every key.
        # Digested once here: every page's key includes it, and the file list is long.
        site_files = "\n".join(f"{file.src_uri}\t{file.url}" for file in files)
        self.settings = _digest(
            repr(config.markdown_extensions), repr(sorted(config.mdx_configs.items(), key=lambda item: item[0])),
            repr(config.validation), str(config.use_directory_urls), site_files)

    def key(self, page: Page) -> str:
        return _digest(self.settings, page.file.src_uri, page.file.url, page.markdown or "")

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``page.render`` through the cache."""
        key = self.key(page)
        rendering = self.get(key)
        if rendering is None:
            recorder = _Recorder()
            _MKDOCS_LOG.addHandler(recorder)
            try:
                Page.render(page, config, files)
            finally:
                _MKDOCS_LOG.removeHandler(recorder)
            links = page.links_to_anchors
            rendering = Rendering(
                page.content or "", page.toc, page._title_from_render, page.present_anchor_ids,
                {file.src_uri: anchors for file, anchors in links.items()} if links is not None else None,
                tuple(recorder.records))
            self.put(key, rendering)
        else:
            page.content, page.toc, page._title_from_render = rendering.content, rendering.toc, rendering.title
            page.present_anchor_ids = rendering.present_anchor_ids
            if rendering.links_to_anchors is not None:
                page.links_to_anchors = _files_by_uri(rendering.links_to_anchors, files)
            for record in rendering.log_records:
                logging.getLogger(record.name).handle(record)


def _files_by_uri(links: dict[str, dict[str, str]], files: Files) -> dict[File, dict[str, str]]:
    found = {uri: files.get_file_from_path(uri) for uri in links}
    return {file: links[uri] for uri, file in found.items() if file is not None}


class CachedPage(Page):
    """A page whose Markdown rendering comes from ``Renderings`` when nothing it depends on changed."""

    def __init__(self, file: File, config: MkDocsConfig, renderings: Renderings) -> None:
        super().__init__(None, file, config)
        self._renderings = renderings

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self._renderings.render(self, config, files)


class PageOutputs(Generations[bytes]):
    """Themed pages (before the last plugins' ``on_post_page``) by what the theme shows of them.

    Kept compressed: every page repeats the theme's header and navigation, so
    a page shrinks about tenfold, and thousands of them fit in little memory.
    """

    site = ""

    def output(self, key: str) -> str | None:
        stored = self.get(key)
        return zlib.decompress(stored).decode("utf-8") if stored is not None else None

    def keep(self, key: str, output: str) -> None:
        self.put(key, zlib.compress(output.encode("utf-8"), 1))

    def start_build(self, config: MkDocsConfig, nav: Navigation) -> None:  # type: ignore[override]
        super().start_build()
        # The theme shows the configuration (name, palette, extra...) and the whole navigation on every page.
        plugins = [(name, type(plugin).__qualname__, repr(dict(plugin.config))) for name, plugin in config.plugins.items()]
        settings = {key: value for key, value in config.items() if key != "plugins"}
        self.site = _digest(repr(settings), repr(plugins), _nav_text(nav.items))

    def key(self, page: Page) -> str:
        return _digest(self.site, page.url, str(page.canonical_url), str(page.edit_url), str(page.title),
                       repr(sorted(page.meta.items(), key=lambda item: str(item[0]))), _toc_text(page.toc),
                       page.content or "")


def _nav_text(items, depth: int = 0) -> str:
    return "".join(f"{depth}\t{type(item).__name__}\t{item.title}\t{getattr(item, 'url', '')}\n"
                   f"{_nav_text(item.children or [], depth + 1)}" for item in items)


def _toc_text(items) -> str:
    return "".join(f"{item.level}\t{item.id}\t{item.title}\n{_toc_text(item.children)}" for item in items)
