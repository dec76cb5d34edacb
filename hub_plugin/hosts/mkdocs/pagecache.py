"""What a page rendered to, kept across builds (in memory while serving, on disk between processes), by what
it depends on.

MkDocs converts every page's Markdown and renders every page through the
theme on every build. When a contributor edits one case study, thousands of
other pages come out the same as before. Three caches skip that work:

- ``Renderings``: a page whose Markdown, address, site files and Markdown
  settings are unchanged takes its previous HTML. The log lines the first
  rendering wrote (a broken link, say) are written again, so a rebuild warns,
  and fails under ``--strict``, exactly as the first build did.
- ``PageOutputs``: a page outside the navigation whose content, title, table
  of contents, metadata and addresses are unchanged, on a site whose
  configuration and navigation are unchanged, takes its previous themed page.
- ``Unchanged``: a page none of whose inputs changed is known before MkDocs
  reads it, and takes both at once (the hub's own work on it is skipped).

All live in the plugin instance, which ``mkdocs serve`` keeps between its
builds, and on disk (``PAGES_FILE`` in the cache folder) between processes:
a new ``mkdocs build`` after a one-line edit reuses every page that did not
change. Keys are content addresses (digests of everything an entry depends
on, the hub's own files and the versions of MkDocs and the theme among them),
so a stale entry is never found, only left unused; what a build did not use is
not written back. An entry that does not decode is dropped with one warning.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any, Generic, TypeVar

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugins
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ...build.cachekeys import HUB_PACKAGE, digest, fingerprint
from ...read.cachefiles import dropped, read_pack, write_pack

_MKDOCS_LOG = logging.getLogger("mkdocs")
V = TypeVar("V")
PAGES_FILE = "pages.pack"   # in the cache folder
PAGES_VERSION = 1
def theme_files(dirs: list[str]) -> str:
    """A digest of the project's own theme overrides (``custom_dir``): what the theme shows besides the
    configuration. Folders of installed packages are left out: their versions are in ``fingerprint``."""
    found = hashlib.sha256()
    for folder in dirs:
        root = Path(folder).resolve()
        if {"site-packages", "dist-packages"} & set(root.parts) or root.is_relative_to(HUB_PACKAGE):
            continue
        for path in sorted(root.rglob("*")):
            if path.is_file():
                found.update(path.relative_to(root).as_posix().encode() + b"\x00" + path.read_bytes() + b"\x00")
    return found.hexdigest()


def stable(value: Any) -> str:
    """``repr`` with sets and mappings in sorted order: the same text in every process (string hashing is
    randomised per process, so a set's ``repr`` is not), for keys that must hold across processes."""
    if isinstance(value, dict):
        return "{" + ", ".join(sorted(f"{stable(key)}: {stable(item)}" for key, item in value.items())) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(stable(item) for item in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(stable(item) for item in value) + "]"
    if type(value).__module__.startswith("mkdocs.") and hasattr(value, "__dict__"):  # Theme, config objects
        return type(value).__qualname__ + stable({key: item for key, item in vars(value).items()
                                                  if not key.startswith("_jinja")})
    return repr(value)


def plugin_identity(name: str, plugin: Any) -> str:
    """What a page owes another plugin: its class, its package's version and its options; for a hook
    (``hooks:`` in mkdocs.yml, a module with no options), its file's text, which a contributor may edit."""
    if isinstance(plugin, ModuleType):
        source = Path(plugin.__file__ or "")
        text = source.read_bytes() if source.is_file() else b""
        return f"{name}\thook\t{hashlib.sha256(text).hexdigest()}"
    return f"{name}\t{type(plugin).__qualname__}\t{_version_of(type(plugin).__module__)}\t" \
           f"{stable(dict(getattr(plugin, 'config', None) or {}))}"


@cache
def _version_of(module: str) -> str:
    """The version of the distribution whose MkDocs plugin ``module`` holds ("-" if none registered it).
    The hub's, MkDocs' and the theme's own plugins are in ``fingerprint`` already: the others are looked
    up among MkDocs' entry points, which takes a tenth of a second."""
    if module.partition(".")[0] in (HUB_PACKAGE.name, "material", "mkdocs"):
        return "fingerprint"
    for entry_point in get_plugins().values():
        if entry_point.module == module and entry_point.dist is not None:
            return f"{entry_point.dist.name}={entry_point.dist.version}"
    return "-"


class Generations(Generic[V]):
    """This build's entries and the last build's: what this build did not use is dropped after it.

    ``stored`` holds entries read from disk, still encoded: only those a build asks for are decoded.
    """

    def __init__(self) -> None:
        self.previous: dict[str, V] = {}
        self.current: dict[str, V] = {}
        self.stored: dict[str, bytes] = {}
        self.hits = 0

    def decode(self, data: bytes) -> V:
        raise NotImplementedError

    def encode(self, value: V) -> bytes:
        raise NotImplementedError

    def start_build(self) -> None:
        # After a failed build, both the last good build's entries and the failed one's stay.
        self.previous = {**self.previous, **self.current}
        self.current = {}
        self.hits = 0

    def end_build(self) -> None:
        self.previous = {}
        self.stored = {}

    def get(self, key: str) -> V | None:
        """The entry for ``key``: this build's own (another edition's page), or one kept from before (a hit)."""
        value = self.current.get(key)
        if value is not None:
            return value
        value = self.previous.get(key)
        if value is None and key in self.stored:
            try:
                value = self.decode(self.stored.pop(key))
            except (ValueError, KeyError, TypeError, zlib.error) as exc:
                dropped(Path(PAGES_FILE), f"an entry does not decode: {exc.__class__.__name__}")
                value = None
        if value is not None:
            self.hits += 1
            self.current[key] = value
        return value

    def put(self, key: str, value: V) -> None:
        self.current[key] = value


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


def _toc_data(items: list[AnchorLink]) -> list[Any]:
    return [[item.title, item.id, item.level, _toc_data(item.children)] for item in items]


def _toc_links(data: list[Any]) -> list[AnchorLink]:
    links = []
    for title, anchor, level, children in data:
        link = AnchorLink(title, anchor, level)
        link.children = _toc_links(children)
        links.append(link)
    return links


class Renderings(Generations[Rendering]):
    """Markdown renderings by what they depend on.

    An edition's page is at the same path below the edition's folder as the default edition's
    (``fr/case-studies/x.md``), so its links come out the same: a page whose Markdown is the same
    in several editions (a narrative nobody translated) is converted once, keyed by its path
    without the folder; only the anchors it links to are found again in its own edition.
    """

    settings = ""
    edition_prefixes: tuple[str, ...] = ()  # the folders of the editions other than the default

    def _unprefixed(self, uri: str) -> tuple[str, str]:
        """(the edition's folder, the path in the default edition)."""
        for prefix in self.edition_prefixes:
            if uri.startswith(prefix):
                return prefix, uri[len(prefix):]
        return "", uri

    def encode(self, value: Rendering) -> bytes:
        data = {"content": value.content, "toc": _toc_data(list(value.toc)), "title": value.title,
                "anchors": sorted(value.present_anchor_ids) if value.present_anchor_ids is not None else None,
                "links": value.links_to_anchors,
                "log": [[record.name, record.levelno, record.getMessage()] for record in value.log_records]}
        return zlib.compress(json.dumps(data, ensure_ascii=False).encode("utf-8"), 1)

    def decode(self, data: bytes) -> Rendering:
        loaded = json.loads(zlib.decompress(data))
        records = tuple(logging.makeLogRecord({"name": name, "levelno": level, "levelname": logging.getLevelName(level),
                                               "msg": message}) for name, level, message in loaded["log"])
        anchors = set(loaded["anchors"]) if loaded["anchors"] is not None else None
        return Rendering(loaded["content"], TableOfContents(_toc_links(loaded["toc"])), loaded["title"], anchors,
                         loaded["links"], records)

    def start_build(self, config: MkDocsConfig, files: Files) -> None:  # type: ignore[override]
        super().start_build()
        # Links are resolved against the site's files: adding or moving a file changes every key.
        # Digested once here: every page's key includes it, and the file list is long.
        site_files = "\n".join(f"{file.src_uri}\t{file.url}" for file in files)
        self.settings = digest(
            fingerprint(), stable(config.markdown_extensions), stable(config.mdx_configs),
            stable(config.validation), str(config.use_directory_urls), site_files)

    def key(self, page: Page) -> str:
        prefix, src_uri = self._unprefixed(page.file.src_uri)
        url = page.file.url[len(prefix):] if prefix and page.file.url.startswith(prefix) else page.file.url
        return digest(self.settings, src_uri, url, page.markdown or "")

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> str:
        """``page.render`` through the cache; the rendering's key."""
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
                {self._unprefixed(file.src_uri)[1]: anchors for file, anchors in links.items()}
                if links is not None else None,
                tuple(recorder.records))
            self.put(key, rendering)
        else:
            self.restore(page, rendering, files)
        return key

    def restore(self, page: Page, rendering: Rendering, files: Files) -> None:
        """Give ``page`` what rendering it gave it, and say again what the rendering said (a broken link)."""
        page.content, page.toc, page._title_from_render = rendering.content, rendering.toc, rendering.title
        page.present_anchor_ids = rendering.present_anchor_ids
        prefix = self._unprefixed(page.file.src_uri)[0]
        if rendering.links_to_anchors is not None:
            page.links_to_anchors = _files_by_uri(
                {prefix + uri: anchors for uri, anchors in rendering.links_to_anchors.items()}, files)
        if not prefix:  # a broken link is said once, of the file the contributor wrote, not of each edition's copy
            for record in rendering.log_records:
                logging.getLogger(record.name).handle(record)


def _files_by_uri(links: dict[str, dict[str, str]], files: Files) -> dict[File, dict[str, str]]:
    found = {uri: files.get_file_from_path(uri) for uri in links}
    return {file: links[uri] for uri, file in found.items() if file is not None}


class CachedPage(Page):
    """A page whose Markdown rendering comes from ``Renderings`` when nothing it depends on changed, and
    which is taken whole from an earlier build (``unchanged``) when nothing the page depends on did."""

    def __init__(self, file: File, config: MkDocsConfig, renderings: Renderings) -> None:
        super().__init__(None, file, config)
        self._renderings = renderings
        self.unchanged_key: str | None = None  # ``Unchanged``'s key of the page, once the navigation is known
        self.unchanged: Earlier | None = None   # what the page was, when it is taken whole
        self.rendering_key: str | None = None   # the keys this build's page is kept under
        self.themed_key: str | None = None

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.unchanged is not None:
            self._renderings.restore(self, self.unchanged.rendering, files)
        else:
            self.rendering_key = self._renderings.render(self, config, files)


FileState = tuple[int, int, int]  # a site file's size, modification time (ns) and inode


@dataclass(frozen=True)
class Earlier:
    """A page as an earlier build made it: its converted Markdown, the key of its themed page, its metadata
    (the sitemap reads it) and its file in the site as that build left it (None: not known)."""
    rendering_key: str
    rendering: Rendering
    themed_key: str
    meta: dict[str, Any]
    file: FileState | None = None


def file_state(path: str) -> FileState | None:
    """What a site file is now, to tell whether it is still the one a build wrote."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


UnchangedEntry = tuple[str, str, dict[str, Any], FileState | None]


class Unchanged(Generations[UnchangedEntry]):
    """Pages by a key of everything they depend on, known before MkDocs reads them: the keys of their
    converted Markdown and themed page in the two caches above, and their file as the build wrote it.

    The hub's key of a page (``BuildSession.page_key``) and the host's
    settings (the two caches' site digests) make it. A page found here skips
    the hub's work on it (metadata, wikilinks, sanitising, parts, the theme's
    cache key); MkDocs still runs its events and writes it. Used only while
    no other plugin or hook reads or changes pages before they are themed
    (``other_page_handlers``): it would see them empty. When, moreover, the
    site folder still holds the file the last build wrote for the page
    (same size, time and inode) and nothing else changes written pages, the
    page is not built at all (``keptpages.KeptPages``).
    """

    site = ""

    def encode(self, value: UnchangedEntry) -> bytes:
        return json.dumps(list(value), ensure_ascii=False).encode("utf-8")

    def decode(self, data: bytes) -> UnchangedEntry:
        rendering_key, themed_key, meta, file = json.loads(data)
        # The hub's metadata holds its title and description escaped, as Markup (``BuildSession.metadata``).
        meta = {key: Markup(value) if key in ("title", "description") else value for key, value in meta.items()}
        return (str(rendering_key), str(themed_key), meta,
                (int(file[0]), int(file[1]), int(file[2])) if file else None)

    def keep(self, key: str, rendering_key: str, themed_key: str, meta: dict[str, Any]) -> None:
        """Keep a page made this build; its file is known once written (``note_file``)."""
        try:
            json.dumps(meta)
        except (TypeError, ValueError):
            return  # metadata JSON does not hold as it is (a date, say): the page is made again next time
        self.put(key, (rendering_key, themed_key, meta, None))

    def note_file(self, key: str, path: str) -> None:
        """Note what the page's file in the site is now that it is written."""
        found = self.current.get(key)
        if found is not None:
            self.current[key] = (*found[:3], file_state(path))

    def keep_earlier(self, key: str, found: Earlier) -> None:
        """Keep a page taken whole, as it was, for the next build."""
        self.put(key, (found.rendering_key, found.themed_key, found.meta, found.file))

    def start_build(self, renderings: Renderings, outputs: PageOutputs) -> None:  # type: ignore[override]
        super().start_build()
        self.site = digest(renderings.settings, outputs.site)

    def key(self, hub_key: str) -> str:
        return digest(self.site, hub_key)

    def earlier(self, key: str, renderings: Renderings, outputs: PageOutputs) -> Earlier | None:
        """The page kept under ``key``, if both its entries are still in the caches (and so are kept again)."""
        found = self.get(key)
        if found is None:
            return None
        rendering_key, themed_key, meta, file = found
        rendering = renderings.get(rendering_key)
        if rendering is None or outputs.get(themed_key) is None:
            self.current.pop(key, None)
            return None
        return Earlier(rendering_key, rendering, themed_key, meta, file)


PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context")
WRITTEN_PAGE_EVENTS = ("post_page", "post_build")  # a page's output, or the written site, changed after the theme


def other_page_handlers(config: MkDocsConfig, plugin: object, events: tuple[str, ...] = PAGE_EVENTS) -> list[str]:
    """The plugins and hooks other than ``plugin`` that handle ``events`` (by default: a page before it is
    themed)."""
    found = []
    for event in events:
        for method in config.plugins.events[event]:
            if getattr(method, "__self__", None) is not plugin:
                found.append(config.plugins._event_origins.get(method, getattr(method, "__module__", "?")))
    return sorted(set(found))


class Spool:
    """Bytes appended to a temporary file and read back by where they are: a large hub's themed pages
    (tens of thousands, a hundred megabytes compressed) kept off the heap until the cache is written."""

    def __init__(self) -> None:
        self.file = tempfile.TemporaryFile()
        self.size = 0

    def add(self, data: bytes) -> tuple[int, int]:
        self.file.seek(self.size)
        self.file.write(data)
        self.size += len(data)
        return self.size - len(data), len(data)

    def read(self, where: tuple[int, int]) -> bytes:
        offset, length = where
        self.file.seek(offset)
        return self.file.read(length)

    def close(self) -> None:
        self.file.close()


class PageOutputs(Generations[tuple[int, int]]):
    """Themed pages (before any plugin's ``on_post_page``) by what the theme shows of them.

    Kept compressed (every page repeats the theme's header and navigation, so
    a page shrinks about tenfold) in a ``Spool``: the entries hold only where
    each page is in it.
    """

    site = ""

    def __init__(self) -> None:
        super().__init__()
        self.spool = Spool()

    def encode(self, value: tuple[int, int]) -> bytes:
        return self.spool.read(value)

    def decode(self, data: bytes) -> tuple[int, int]:
        return self.spool.add(data)  # still compressed; the pack's checksum has vouched for it

    def output(self, key: str) -> str | None:
        where = self.get(key)
        return zlib.decompress(self.spool.read(where)).decode("utf-8") if where is not None else None

    def keep(self, key: str, output: str) -> None:
        self.put(key, self.spool.add(zlib.compress(output.encode("utf-8"), 1)))

    def _compact(self) -> None:
        """A new spool with only the entries a build can still use: while serving, every rebuild adds
        the pages it themed again, and the ones they replace would stay in the file for ever."""
        live = sum(length for _, length in self.previous.values())
        if self.spool.size <= 2 * live + (1 << 20):
            return
        old, self.spool = self.spool, Spool()
        self.previous = {key: self.spool.add(old.read(where)) for key, where in self.previous.items()}
        old.close()

    def start_build(self, config: MkDocsConfig, nav: Navigation, *edition_navs: Navigation) -> None:  # type: ignore[override]
        super().start_build()
        self._compact()
        # The theme shows the configuration (name, palette, extra...) and the whole navigation on every page.
        plugins = [plugin_identity(name, plugin) for name, plugin in config.plugins.items()]
        # Not where the site is written: `hub build` writes each build to a new folder beside it.
        settings = {key: value for key, value in config.items() if key not in ("plugins", "site_dir")}
        self.site = digest(fingerprint(), theme_files(list(config.theme.dirs)), stable(settings), stable(plugins),
                           _nav_text(nav.items), *(_nav_text(other.items) for other in edition_navs))

    def key(self, page: Page) -> str:
        return digest(self.site, page.url, str(page.canonical_url), str(page.edit_url), str(page.title),
                      repr(sorted(page.meta.items(), key=lambda item: str(item[0]))), _toc_text(page.toc),
                      page.content or "")


def load_pages(cache_dir: Path, *caches: tuple[str, Generations[Any]]) -> None:
    """Each cache's entries of the last build, read from disk (the prefix of a key says whose it is)."""
    entries = read_pack(cache_dir / PAGES_FILE, version=PAGES_VERSION)
    for prefix, generations in caches:
        generations.stored = {key[len(prefix):]: data for key, data in entries.items() if key.startswith(prefix)}


def save_pages(cache_dir: Path, *caches: tuple[str, Generations[Any]]) -> None:
    """This build's entries, for the next process; a cache folder that cannot be written costs only speed.
    Each entry is encoded as it is written: the pack is never in memory whole."""
    entries = ((prefix + key, generations.encode(generations.current[key]))
               for prefix, generations in sorted(caches, key=lambda cache: cache[0])
               for key in sorted(generations.current))
    try:
        write_pack(cache_dir / PAGES_FILE, entries, version=PAGES_VERSION)
    except OSError as exc:
        dropped(cache_dir / PAGES_FILE, f"not written: {exc.__class__.__name__}")


def _nav_text(items, depth: int = 0) -> str:
    return "".join(f"{depth}\t{type(item).__name__}\t{item.title}\t{getattr(item, 'url', '')}\n"
                   f"{_nav_text(item.children or [], depth + 1)}" for item in items)


def _toc_text(items) -> str:
    return "".join(f"{item.level}\t{item.id}\t{item.title}\n{_toc_text(item.children)}" for item in items)
