"""The pages' parts kept between builds, by what they show, so that a one-line edit re-renders a few pages.

Rendering the parts (fact boxes, listings of hundreds of cards) is most of
the worker's time, and after an edit to one case study almost every page's
parts come out the same. An entry is found by a key (``PartsKeys.key``)
digesting all the page's inputs except the text of the other case studies it
shows; those it shows are the ones its parts link to, each with the digest of
its text at the time (``Shown``). The entry holds only while every one of them
still has that text: a case study's new title reaches the term pages, partner
pages and related lists that show it, and no other page is rendered again.

What decides which case studies a page shows (themes, partners, period,
related...) is not text: it is in every key (``PartsKeys.site``), so a change
to any case study's facts renders every page again.
"""

from __future__ import annotations

import json
import posixpath
import re
import zlib
from collections.abc import Callable, Mapping
from contextlib import ExitStack, closing
from dataclasses import replace
from pathlib import Path
from types import TracebackType

from ..derive.browse import BrowsePage
from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Translation
from ..read.cachefiles import PackFile, dropped, pack_writer
from .cachekeys import digest, fingerprint
from .editions import Edition

PARTS_PACK = "parts.pack"  # in the cache folder
PARTS_VERSION = 1
_HREF = re.compile(r'href="([^"#?]*)')

Shown = dict[str, str]  # slug -> the digest of the text it had when the page showed it


def _shape(case_study: CaseStudy) -> str:
    """The case study without the text other pages show of it (its title and summary) or none shows (its
    narrative): what decides where it is listed, and how."""
    return repr(replace(case_study, title="", summary="", body="", body_line=0))


def _translation_shape(translation: Translation) -> str:
    return repr(replace(translation, title="", summary="", body="", body_line=0))


class PartsKeys:
    """The key of each page's parts, and what each case study shows on other pages."""

    def __init__(self, catalogue: Catalogue, settings: tuple, browse: Mapping[str, BrowsePage],
                 editions: list[Edition], urls_of: Mapping[str, Urls]) -> None:
        """``settings``: what the job's parts depend on besides the catalogue (``PagePartsJob.settings``);
        ``urls_of``: each edition's addresses, by language."""
        translations = sorted((slug, language, _translation_shape(translation))
                              for slug, by_language in catalogue.translations.items()
                              for language, translation in by_language.items())
        self.site = digest(fingerprint(), repr(settings), repr(sorted(browse.items())), repr(catalogue.taxonomy),
                           repr(sorted(catalogue.partners.items())), repr(sorted(catalogue.programmes.items())),
                           *(_shape(catalogue.case_studies[slug]) for slug in sorted(catalogue.case_studies)),
                           repr(translations))
        self.texts: dict[str, str] = {
            slug: digest(case_study.title, case_study.summary,
                         *(f"{language}\t{translation.title}\t{translation.summary}" for language, translation in
                           sorted(catalogue.translations.get(slug, {}).items())))
            for slug, case_study in catalogue.case_studies.items()}
        self.slug_at = {urls_of[edition.language].case_study(slug): slug
                        for edition in editions for slug in catalogue.case_studies}

    def key(self, *inputs: str) -> str:
        """The key of a page's parts: the site's, and the page's own ``inputs`` (its address, its record...)."""
        return digest(self.site, *inputs)

    def shown(self, page_url: str, html: str) -> Shown:
        """The case studies ``html`` (a page's parts) links to, with their text's digest."""
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
        found: Shown = {}
        for href in set(_HREF.findall(html)):  # a listing links to each partner and term many times
            if href.startswith("/") or ":" in href:
                continue  # the hub's links within the site are relative
            target = posixpath.normpath(folder + href) + ("/" if href.endswith("/") else "")
            slug = self.slug_at.get(target)
            if slug is not None:
                found[slug] = self.texts[slug]
        return found


class PartsCache:
    """The last build's parts (``PARTS_PACK``), read entry by entry, and this build's, written as they come
    to the pack that replaces it once the build's parts are all made: neither is ever held whole (three
    editions of 2,000 case studies make a hundred megabytes of them, compressed)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = cache_dir / PARTS_PACK if cache_dir is not None else None
        self.reused = 0
        self._stack = ExitStack()
        self._stored: PackFile | None = None
        self._add: Callable[[str, bytes], None] | None = None

    def __enter__(self) -> PartsCache:
        if self.path is not None:
            self._stored = self._stack.enter_context(closing(PackFile(self.path, version=PARTS_VERSION)))
            try:
                self._add = self._stack.enter_context(pack_writer(self.path, version=PARTS_VERSION))
            except OSError as exc:
                dropped(self.path, f"not written: {exc.__class__.__name__}")
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        try:
            self._stack.__exit__(kind, error, trace)  # an error inside leaves the last pack in place
        except OSError as exc:
            dropped(self.path or Path(PARTS_PACK), f"not written: {exc.__class__.__name__}")

    def get(self, key: str, texts: Mapping[str, str]) -> tuple[str, str] | None:
        """(before, after) kept under ``key``, if every case study it shows still has the same text."""
        data = self._stored.get(key) if self._stored is not None else None
        if data is None:
            return None
        try:
            entry = json.loads(zlib.decompress(data))
            shown, before, after = entry["shown"], entry["before"], entry["after"]
        except (ValueError, KeyError, TypeError, zlib.error) as exc:
            dropped(self.path or Path(PARTS_PACK), f"an entry does not decode: {exc.__class__.__name__}")
            return None
        if any(texts.get(slug) != text for slug, text in shown.items()):
            return None
        self._keep(key, data)
        self.reused += 1
        return before, after

    def put(self, key: str, shown: Shown, before: str, after: str) -> None:
        entry = {"shown": shown, "before": before, "after": after}
        self._keep(key, zlib.compress(json.dumps(entry, ensure_ascii=False).encode("utf-8"), 1))

    def _keep(self, key: str, data: bytes) -> None:
        """Into the next build's pack: this build's entries only, for what it did not use is of no later build."""
        if self._add is None:
            return
        try:
            self._add(key, data)
        except OSError as exc:  # a full disk: the build goes on; a pack cut short is dropped when read
            self._add = None
            dropped(self.path or Path(PARTS_PACK), f"not written: {exc.__class__.__name__}")
