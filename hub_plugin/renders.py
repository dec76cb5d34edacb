"""Markdown renderings kept across the builds of one ``mkdocs serve``, keyed by what they depend on.

MkDocs converts every page's Markdown on every build. When a contributor
edits one case study, the thousands of others convert to the same HTML as
before, so a page whose Markdown, address, site files and Markdown settings
are unchanged takes its previous rendering. The log lines the first rendering
wrote (a broken link, say) are written again, so a rebuild warns, and fails
under ``--strict``, exactly as the first build did.

The renderings stay in memory, in the plugin instance that ``mkdocs serve``
keeps: the same strings MkDocs holds for its pages during a build, so the
cache adds no copy of a page while one is being built.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import Optional

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

_MKDOCS_LOG = logging.getLogger("mkdocs")


@dataclass(frozen=True)
class Rendering:
    content: str
    toc: object
    title: Optional[str]
    present_anchor_ids: Optional[set[str]]
    links_to_anchors: Optional[dict[str, dict[str, str]]]  # by the linked file's src_uri
    log_records: tuple[logging.LogRecord, ...]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Renderings:
    """The renderings of the last build, and this build's, by key."""

    def __init__(self) -> None:
        self.previous: dict[str, Rendering] = {}
        self.current: dict[str, Rendering] = {}
        self.settings = ""
        self.hits = 0

    def start_build(self, config: MkDocsConfig, files: Files) -> None:
        """Keep last build's renderings for this build; what is not used again is dropped after it."""
        self.previous = {**self.previous, **self.current}
        self.current = {}
        self.hits = 0
        # Links are resolved against the site's files: adding or moving a file changes every key.
        site_files = "\n".join(f"{file.src_uri}\t{file.url}" for file in files)
        self.settings = "\x00".join((
            repr(config.markdown_extensions), repr(sorted(config.mdx_configs.items(), key=lambda item: item[0])),
            repr(config.validation), str(config.use_directory_urls), site_files,
        ))

    def end_build(self) -> None:
        self.previous = {}

    def key(self, page: Page) -> str:
        digest = hashlib.sha256()
        for part in (self.settings, page.file.src_uri, page.file.url, page.markdown or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """``page.render`` through the cache."""
        key = self.key(page)
        rendering = self.previous.get(key) or self.current.get(key)
        if rendering is None:
            recorder = _Recorder()
            _MKDOCS_LOG.addHandler(recorder)
            try:
                Page.render(page, config, files)
            finally:
                _MKDOCS_LOG.removeHandler(recorder)
            links = page.links_to_anchors
            rendering = Rendering(
                page.content, page.toc, page._title_from_render, page.present_anchor_ids,
                {file.src_uri: anchors for file, anchors in links.items()} if links is not None else None,
                tuple(recorder.records))
        else:
            self.hits += 1
            page.content, page.toc, page._title_from_render = rendering.content, rendering.toc, rendering.title
            page.present_anchor_ids = rendering.present_anchor_ids
            if rendering.links_to_anchors is not None:
                page.links_to_anchors = _files_by_uri(rendering.links_to_anchors, files)
            for record in rendering.log_records:
                logging.getLogger(record.name).handle(record)
        self.current[key] = rendering


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
