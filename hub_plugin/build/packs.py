"""Briefing packs as PDF files, written into the built site after its pages, each made only when it changed.

WeasyPrint (the optional ``pdf`` extra) prints each pack's document
(``render/packs.py``). It reads nothing but files of the built site: its URL
fetcher refuses every other address (another scheme, the network, a file
outside the site folder), and says which it left out. A pack is kept in the
cache folder under the SHA-256 of what makes it (its document, the
stylesheet, WeasyPrint's version), so a build makes again only the packs
whose content changed; a cached file that is cut short or garbage is made
again with a one-line warning. WeasyPrint is imported only when packs are on.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..derive.packs import PackSubject, pack_subjects
from ..read.cachefiles import dropped, write_atomically
from ..render.packs import pack_html
from ..render.renderer import Renderer

CACHE_FOLDER = "packs"
DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core"
MISSING = ("Briefing packs (packs: true, or hub build --packs) need WeasyPrint: pip install -e '.[pdf]', "
           f"and on Debian: apt-get install {DEBIAN_PACKAGES} ({{why}})")
PDF_TAIL = 1024  # a whole PDF ends with %%EOF in its last bytes: one cut short does not
PARALLEL_FROM = 3  # packs to make before it pays to start processes (each imports WeasyPrint, about a second)
_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
          ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".woff2": "font/woff2",
          ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf"}


class PackError(Exception):
    """A pack could not be made; the message, one line, says which and why."""


def weasyprint_version() -> str:
    """WeasyPrint's version; ``PackError`` saying how to install it when it (or Pango) is missing."""
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint is there, Pango is not
        raise PackError(MISSING.format(why=" ".join(str(exc).split())[:200])) from None
    return str(weasyprint.__version__)


def site_file(url: str, site_dir: Path) -> Path:
    """The file of the built site that ``url`` names; ``ValueError`` for any other address.

    Only ``file:`` URLs of files inside ``site_dir`` (after following links and
    ``..``): a pack never reads the network, the machine's other files, nor
    what a symbolic link in the site points to outside it.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise ValueError(f"not a file of the built site: {url}")
    root = site_dir.resolve()
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if root not in path.parents or not path.is_file():
        raise ValueError(f"not a file of the built site: {url}")
    return path


def digest(document: str, stylesheet: str, version: str) -> str:
    """What a pack is made from, as one name: the same inputs make the same PDF."""
    hasher = hashlib.sha256()
    for part in (version, stylesheet, document):
        hasher.update(part.encode("utf-8", "surrogatepass"))
        hasher.update(b"\x00")
    return hasher.hexdigest()


def is_whole_pdf(data: bytes) -> bool:
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-PDF_TAIL:]


@dataclass(frozen=True)
class PackJob:
    key: str        # "themes/urban-planning", for messages
    site_path: str  # where it goes in the site: "packs/themes/urban-planning.pdf"
    document: str   # the pack's HTML
    base_url: str | None  # the pack's own address when the site's is known: relative links then lead to the site


@dataclass
class PackReport:
    made: list[str] = field(default_factory=list)    # keys of the packs rendered in this build
    reused: list[str] = field(default_factory=list)  # keys of the packs taken from the cache
    refused: dict[str, list[str]] = field(default_factory=dict)  # key -> addresses it left out
    seconds: float = 0.0


class PackCache:
    """``<cache_dir>/packs/<sha256>.pdf``: written whole or not at all, read back only when whole."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / f"{name}.pdf"

    def get(self, name: str) -> bytes | None:
        path = self.path(name)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            dropped(path, exc.__class__.__name__)
            return None
        if not is_whole_pdf(data):
            dropped(path, "not a whole PDF file")
            return None
        return data

    def put(self, name: str, data: bytes) -> None:
        write_atomically(self.path(name), data)


def render_pdf(document: str, stylesheet: str, site_dir: str, base_url: str | None) -> tuple[bytes, list[str]]:
    """The PDF of one pack, and the addresses its fetcher refused. Runs in this process or a pack process."""
    from weasyprint import CSS, HTML

    fetcher = _site_fetcher(Path(site_dir))
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # its notes on unsupported CSS are not the reader's
    html = HTML(string=document, base_url=base_url, url_fetcher=fetcher)
    pdf = html.write_pdf(stylesheets=[CSS(string=stylesheet, url_fetcher=fetcher)])
    assert pdf is not None
    return pdf, list(fetcher.refused)


def _site_fetcher(site_dir: Path) -> Any:
    """WeasyPrint's URL fetcher, reading only files of the built site (``site_file``)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SiteFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:"):  # held in the address itself: nothing is read
                return super().fetch(url, headers)
            try:
                path = site_file(url, site_dir)
            except ValueError:
                self.refused.append(url)
                raise
            return URLFetcherResponse(path.as_uri(), path.read_bytes(),
                                      {"Content-Type": _TYPES.get(path.suffix.lower(), "application/octet-stream")})

    return SiteFetcher()


def pack_jobs(renderer: Renderer, narratives: Mapping[str, str], site_dir: Path,
              day_of: Callable[[PackSubject], str], *, with_map: bool = True) -> list[PackJob]:
    """One job per pack of the hub (``derive/packs.py``), its document rendered from the model and narratives."""
    jobs = []
    for subject in pack_subjects(renderer.catalogue):
        document = pack_html(renderer, subject, narratives, day_of(subject), site_dir, with_map=with_map)
        jobs.append(PackJob(subject.key, subject.path, document, renderer.site.absolute(subject.path)))
    return jobs


def write_packs(jobs: Sequence[PackJob], stylesheet: str, site_dir: Path, cache_dir: Path, *,
                workers: int | None = None, render: Callable[..., tuple[bytes, list[str]]] | None = None) -> PackReport:
    """Write every pack into ``site_dir``, from the cache where its inputs are unchanged.

    Raises ``PackError`` (one line) when WeasyPrint is missing or fails on a pack.
    """
    started = time.perf_counter()
    version = weasyprint_version()
    cache = PackCache(cache_dir / CACHE_FOLDER)
    report = PackReport()
    todo: list[tuple[PackJob, str]] = []
    for job in jobs:
        name = digest(job.document, stylesheet, version)
        data = cache.get(name)
        if data is None:
            todo.append((job, name))
        else:
            _place(site_dir, job, data)
            report.reused.append(job.key)
    for job, name, (data, refused) in _rendered(todo, stylesheet, site_dir, workers, render or render_pdf):
        cache.put(name, data)
        _place(site_dir, job, data)
        report.made.append(job.key)
        if refused:
            report.refused[job.key] = refused
    report.seconds = time.perf_counter() - started
    return report


def _rendered(todo: list[tuple[PackJob, str]], stylesheet: str, site_dir: Path, workers: int | None,
              render: Callable[..., tuple[bytes, list[str]]]) -> Iterator[tuple[PackJob, str, tuple[bytes, list[str]]]]:
    """Each pack to make, made, as it is done (so that what is done is cached even if a later pack fails):
    in this process for a few, else in as many processes as there are cores."""
    count = min(workers or os.cpu_count() or 1, len(todo))
    if count < 2 or len(todo) < PARALLEL_FROM:
        for job, name in todo:
            yield job, name, _guarded(job, partial(render, job.document, stylesheet, str(site_dir), job.base_url))
        return
    # "spawn": the host's process holds threads (MkDocs' server, the hub's worker) that fork would copy mid-step.
    with ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures = [(job, name, pool.submit(render, job.document, stylesheet, str(site_dir), job.base_url))
                   for job, name in todo]
        try:
            for job, name, future in futures:
                yield job, name, _guarded(job, future.result)
        finally:
            for _, _, future in futures:
                future.cancel()


def _guarded(job: PackJob, run: Callable[[], tuple[bytes, list[str]]]) -> tuple[bytes, list[str]]:
    try:
        return run()
    except PackError:
        raise
    except Exception as exc:  # noqa: BLE001 - WeasyPrint's errors are many kinds; the build needs one line
        why = " ".join(f"{exc.__class__.__name__}: {exc}".split())[:300]
        raise PackError(f"The briefing pack {job.key} could not be made ({why})") from None


def _place(site_dir: Path, job: PackJob, data: bytes) -> None:
    write_atomically(site_dir / job.site_path, data)


def summary(report: PackReport) -> str:
    """One line for the build log."""
    line = (f"Briefing packs: {len(report.made)} made, {len(report.reused)} unchanged from the cache "
            f"({report.seconds:.1f} s)")
    if report.made and len(report.made) <= 5:
        line += ": made " + ", ".join(report.made)
    return line
