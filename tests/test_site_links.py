"""Crawl whole built sites: every internal link and anchor leads somewhere, every
page has a title and every image a text alternative.

Runs on the seed compendium, the generated corpus of 120 case studies and the
edge hub (funders, every kind of [[link]], hostile titles). All failures are
reported at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from browse_helpers import BuiltHub, corpus_hub, edge_hub, seed_hub  # noqa: F401  (fixtures)

SKIPPED_SCHEMES = {"http", "https", "mailto", "tel", "data", "javascript"}


@dataclass
class PageFacts:
    links: list[tuple[str, str, int]] = field(default_factory=list)  # (attribute, value, line)
    ids: set[str] = field(default_factory=set)
    title: str = ""
    images_without_alt: list[str] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.facts.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.facts.ids.add(values["name"])
        for attribute in ("href", "src"):
            if values.get(attribute) is not None and tag not in ("base",):
                self.facts.links.append((f"<{tag} {attribute}>", values[attribute], self.getpos()[0]))
        if tag == "img" and values.get("alt") is None:
            self.facts.images_without_alt.append(values.get("src") or "?")
        if tag == "title":
            self._in_title = True

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.facts.title += data


def read_site(site: Path) -> dict[Path, PageFacts]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        reader = _Reader()
        reader.feed(path.read_text(encoding="utf-8"))
        reader.close()
        pages[path.resolve()] = reader.facts
    return pages


def target_file(site: Path, page: Path, path: str) -> Path:
    path = unquote(path)
    base = site if path.startswith("/") else page.parent
    target = (base / path.lstrip("/")).resolve() if path else page
    return target / "index.html" if target.is_dir() else target


def crawl(site: Path) -> tuple[int, list[str]]:
    site = site.resolve()
    pages = read_site(site)
    failures: list[str] = []
    checked = 0
    for page, facts in pages.items():
        where = page.relative_to(site).as_posix()
        if not facts.title.strip():
            failures.append(f"{where}: empty or missing <title>")
        for src in facts.images_without_alt:
            failures.append(f"{where}: <img src={src!r}> has no alt")
        for attribute, value, line in facts.links:
            parts = urlsplit(value.strip())
            if parts.scheme.lower() in SKIPPED_SCHEMES or value.startswith("//"):
                continue
            checked += 1
            target = target_file(site, page, parts.path)
            if site not in target.parents and target != site:
                failures.append(f"{where}:{line}: {attribute}={value!r} leaves the site")
                continue
            if not target.is_file():
                failures.append(f"{where}:{line}: {attribute}={value!r}: {target.relative_to(site)} does not exist")
                continue
            fragment = unquote(parts.fragment)
            if not fragment or fragment.startswith("__") or target.suffix != ".html":
                continue
            if fragment not in pages[target].ids:
                failures.append(f"{where}:{line}: {attribute}={value!r}: no id={fragment!r} in "
                                f"{target.relative_to(site).as_posix()}")
    return checked, failures


@pytest.mark.parametrize("name", ["seed", "corpus", "edge"])
def test_every_internal_link_and_anchor_of_the_built_site_resolves(request, name):
    built: BuiltHub = request.getfixturevalue(f"{name}_hub")
    checked, failures = crawl(built.site)
    assert checked > 1000, f"only {checked} links checked on the {name} site"
    assert not failures, f"{len(failures)} problems on the {name} site:\n" + "\n".join(failures)


def test_the_crawler_finds_broken_links_missing_anchors_titles_and_alts(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text(
        '<html><head><title>Home</title></head><body><h2 id="here">x</h2>'
        '<a href="a/">ok</a><a href="a/#there">ok</a><a href="#here">ok</a><a href="#">top</a>'
        '<a href="https://example.org/missing">external</a><a href="#__skip">material</a>'
        '<a href="missing/">broken</a><a href="a/#nowhere">no anchor</a><img src="a/x.png" alt="">'
        '</body></html>', encoding="utf-8")
    (site / "a" / "index.html").write_text(
        '<html><head><title> </title></head><body><p id="there"></p><img src="../logo.png"></body></html>',
        encoding="utf-8")
    checked, failures = crawl(site)
    text = "\n".join(failures)
    assert "index.html:1: <a href>='missing/'" in text
    assert "no id='nowhere'" in text
    assert "a/index.html: empty or missing <title>" in text
    assert "has no alt" in text and "logo.png" in text
    assert "a/x.png" in text  # the image itself is missing
    assert len(failures) == 6, text  # logo.png is missing as well
