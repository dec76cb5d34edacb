"""Built hubs to look at, an HTML tree to look with, and expectations computed
independently of the plugin.

Fixtures here are imported by test_browse, test_related, test_wikilinks,
test_exports and test_site_links. Pytest registers an imported fixture once
per module, so the expensive part (generating and building a hub) is cached
in this module and every registration returns the same object.

- ``seed_hub``: the repository's own content, built by conftest's ``seed_site``.
- ``corpus_hub``: 120 case studies from scripts/gen_corpus.py (fixed seed), built.
- ``edge_hub``: a small hand-made hub with the cases the spec singles out
  (funders and international bodies, every kind of [[link]], a title with
  ``</script>``, CSV cells that look like formulas), built.
- ``seed_rebuild``: the seed built a second time, with the files under
  content/ listed before and after.
- ``hub``: parametrised over the seed and the corpus.
"""

from __future__ import annotations

import functools
import posixpath
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build
from helpers import install_vocabularies

from hub_plugin.check.loading import load_catalogue
from hub_plugin.model.catalogue import Catalogue
from hub_plugin.model.records import CaseStudy
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths

SCRIPTS = REPO / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

CORPUS_SIZE = 120
CORPUS_SEED = 20240615
CORPUS_WORDS = 120

# The vocabularies that get an index page and one page per term.
TERM_VOCABULARIES = ("themes", "modalities", "sdgs", "regions", "countries", "programmes", "status")
INDEX_PAGES = ("themes", "modalities", "sdgs", "regions", "countries", "programmes", "partners")
NESTED = ("themes", "regions")

# README: "Funders, facilitators and international bodies do not count as places
# where the cooperation happened unless no other partner is left."
SUPPORTING_ROLES = {"funder", "facilitator"}
INTERNATIONAL_KINDS = {"international-organisation", "local-government-network"}


# -- an HTML tree ------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list = field(default_factory=list)
    parent: Node | None = None

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [node for node in self.iter()
                if (tag is None or node.tag == tag) and (cls is None or cls in node.classes)
                and all(node.attrs.get(key.rstrip("_")) == value for key, value in attrs.items())]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def child_nodes(self, tag: str | None = None) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node) and (tag is None or c.tag == tag)]

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def text(self) -> str:
        parts: list[str] = []

        def walk(node: Node) -> None:
            for child in node.children:
                if isinstance(child, Node):
                    walk(child)
                else:
                    parts.append(child)

        walk(self)
        return " ".join("".join(parts).split())


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, dict(attrs), parent=self.stack[-1]))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@functools.lru_cache(maxsize=4096)
def _parse_file(path: str, mtime_ns: int) -> Node:
    return parse_html(Path(path).read_text(encoding="utf-8"))


def page_file(site: Path, url: str) -> Path:
    """The file MkDocs writes for the directory URL ``url`` ('' is the home page)."""
    return site / url / "index.html" if url else site / "index.html"


def parse_page(site: Path, url: str) -> Node:
    path = page_file(site, url)
    assert path.is_file(), f"{url or '/'} was not built ({path} is missing)"
    return _parse_file(str(path), path.stat().st_mtime_ns)


def content_of(document: Node) -> Node:
    """The page's own content (Material's <article>), without the navigation."""
    article = document.find("article", cls="md-content__inner")
    assert article is not None, "no <article class='md-content__inner'>"
    return article


def resolve(page_url: str, href: str) -> str:
    """``href`` seen from the page at ``page_url`` as a site-relative URL (fragment dropped)."""
    href = href.split("#", 1)[0].split("?", 1)[0]
    if not href:
        return page_url
    joined = posixpath.normpath(posixpath.join("/" + page_url, href))
    url = joined.lstrip("/")
    if href.endswith("/") and url:
        url += "/"
    return url


def card_slugs(node: Node, page_url: str) -> list[str]:
    """The case studies shown as cards (or, on a programme's page, as rows of its table), in the order shown."""
    slugs = []
    titles = node.find_all("h3", cls="hub-card__title") or [
        row for table in node.find_all("table", cls="hub-programme-table") for row in table.find_all("th", scope="row")]
    for title in titles:
        link = title.find("a")
        assert link is not None, title.text()
        slugs.append(slug_of(resolve(page_url, link.attrs["href"])))
    return slugs


def slug_of(url: str) -> str:
    match = re.fullmatch(r"case-studies/([a-z0-9-]+)/", url)
    assert match, f"{url} is not a case study page"
    return match.group(1)


def count_in(text: str) -> int:
    match = re.search(r"\((\d+)\)", text)
    assert match, f"no '(count)' in {text!r}"
    return int(match.group(1))


def content_files(content_dir: Path) -> set[str]:
    return {path.relative_to(content_dir).as_posix() for path in content_dir.rglob("*") if path.is_file()}


# -- expectations computed from the front matter, not from the plugin's indexes ---------

def expected_countries(catalogue: Catalogue, case_study: CaseStudy) -> set[str]:
    partners = [(ref.role, catalogue.partners[ref.id]) for ref in case_study.partners]
    doers = {partner.country for role, partner in partners
             if role not in SUPPORTING_ROLES and partner.kind not in INTERNATIONAL_KINDS}
    return doers or {partner.country for _, partner in partners}


def parents(catalogue: Catalogue, vocabulary: str, term_id: str) -> list[str]:
    terms = catalogue.taxonomy[vocabulary].terms
    chain, parent = [], terms[term_id].parent
    while parent:
        chain.append(parent)
        parent = terms[parent].parent
    return chain


def region_of(catalogue: Catalogue, country: str) -> str | None:
    owners = [term.id for term in catalogue.taxonomy["regions"] if country in term.countries]
    assert len(owners) <= 1, (country, owners)
    return owners[0] if owners else None


def expected_terms(catalogue: Catalogue, case_study: CaseStudy) -> dict[str, set[str]]:
    """Every term a case study is listed under, broader terms included."""
    themes = set(case_study.themes)
    for theme in case_study.themes:
        themes.update(parents(catalogue, "themes", theme))
    countries = expected_countries(catalogue, case_study)
    regions: set[str] = set()
    for country in countries:
        region = region_of(catalogue, country)
        if region:
            regions.add(region)
            regions.update(parents(catalogue, "regions", region))
    return {
        "themes": themes,
        "modalities": set(case_study.modalities),
        "programmes": {case_study.programme} if case_study.programme else set(),
        "sdgs": {str(goal) for goal in case_study.sdgs},
        "status": {case_study.status},
        "countries": countries,
        "regions": regions,
        "partners": {ref.id for ref in case_study.partners},
    }


def newest_first_key(case_study: CaseStudy) -> tuple:
    """The stated order: start of the period, newest first, then the title."""
    if case_study.period is None:
        return (1, 0, 0, 0, case_study.title.casefold(), case_study.slug)
    start = case_study.period.start
    return (0, -start.year, -(start.month or 0), -(start.day or 0), case_study.title.casefold(), case_study.slug)


def term_url(vocabulary: str, term_id: str) -> str:
    return f"{vocabulary}/{term_id.lower()}/"


# -- built hubs --------------------------------------------------------------------------

@dataclass
class BuiltHub:
    name: str
    root: Path
    site: Path
    catalogue: Catalogue
    content_before: set[str] | None = None
    content_after: set[str] | None = None

    @functools.cached_property
    def terms(self) -> dict[str, dict[str, set[str]]]:
        return {slug: expected_terms(self.catalogue, cs) for slug, cs in self.catalogue.case_studies.items()}

    @functools.cached_property
    def members(self) -> dict[tuple[str, str], set[str]]:
        """(vocabulary, term) -> slugs of the case studies listed under it."""
        index: dict[tuple[str, str], set[str]] = {}
        for slug, by_vocabulary in self.terms.items():
            for vocabulary, term_ids in by_vocabulary.items():
                for term_id in term_ids:
                    index.setdefault((vocabulary, term_id), set()).add(slug)
        return index

    def term_ids(self, vocabulary: str) -> list[str]:
        if vocabulary == "countries":
            return sorted({partner.country for partner in self.catalogue.partners.values()})
        if vocabulary == "partners":
            return sorted(self.catalogue.partners)
        return list(self.catalogue.taxonomy[vocabulary].terms)

    def ordered(self, slugs) -> list[str]:
        return sorted(slugs, key=lambda slug: newest_first_key(self.catalogue.case_studies[slug]))

    def page(self, url: str) -> Node:
        return parse_page(self.site, url)


def load(root: Path) -> Catalogue:
    report = Report()
    catalogue = load_catalogue(HubPaths.at(root), report)
    assert not report.has_errors, report.format()
    return catalogue


_CACHE: dict[str, object] = {}


def _once(key: str, make: Callable[[], object]):
    if key not in _CACHE:
        _CACHE[key] = make()
    return _CACHE[key]


def generate_corpus(out: Path, n: int, *, seed: int = CORPUS_SEED, words: int = CORPUS_WORDS) -> Path:
    from gen_corpus import generate

    generate(n, out, seed=seed, words=words)
    return out


def _build_corpus(tmp_path_factory: pytest.TempPathFactory) -> BuiltHub:
    root = generate_corpus(tmp_path_factory.mktemp("corpus") / "hub", CORPUS_SIZE)
    before = content_files(root / "content")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return BuiltHub("corpus", root, root / "site", load(root), before, content_files(root / "content"))


@pytest.fixture(scope="session")
def corpus_hub(tmp_path_factory) -> BuiltHub:
    return _once("corpus", lambda: _build_corpus(tmp_path_factory))


@pytest.fixture(scope="session")
def seed_hub(seed_site) -> BuiltHub:
    return _once("seed", lambda: BuiltHub("seed", REPO, seed_site, load(REPO)))


@pytest.fixture(scope="session")
def seed_rebuild(tmp_path_factory) -> BuiltHub:
    """The seed built again into a folder of its own, content/ listed around the build."""
    def make() -> BuiltHub:
        before = content_files(REPO / "content")
        site = tmp_path_factory.mktemp("seed-again") / "site"
        mkdocs_build(REPO / "mkdocs.yml", site)
        return BuiltHub("seed-again", REPO, site, load(REPO), before, content_files(REPO / "content"))

    return _once("seed-again", make)


@pytest.fixture(scope="session", params=["seed", "corpus"])
def hub(request) -> BuiltHub:
    return request.getfixturevalue(f"{request.param}_hub")


# -- the edge hub ------------------------------------------------------------------------

SCRIPT_TITLE = 'Funders only: <script>alert("t")</script> and </script> in a title'
FORMULA_TITLE = '=HYPERLINK("https://evil.example","Click")'
FORMULA_SUMMARY = "+SUM(1,2) and a summary that starts like a formula."

EDGE_PARTNERS = {
    "alpha-city": ("Alpha City", "city", "MW"),
    "beta-town": ("Beta Town", "city", "ZA"),
    "gamma-village": ("Gamma Village", "city", "TZ"),
    "norad": ("Norwegian Agency for Development", "national-government", "NO"),
    "uclg": ("United Cities and Local Governments", "local-government-network", "ES"),
    "un-habitat": ("UN-Habitat", "international-organisation", "KE"),
}

# The body of the case study that links everywhere; line and column of each
# link are found by searching the file, never written down by hand.
LINKS_BODY = """\
## Context

Links: [[gamma-un-habitat]], [[gamma-un-habitat|the Gamma story]], [[partner:gamma-village]],
[[theme:municipal-finance]], [[country:MW]], [[sdg:11]], [[funders-only]], [[region:sub-saharan-africa]],
[[programme:uclg-mentoring]], [[modality:mentoring]], [[status:completed]], [[country:tz]].

Inline code `[[no-such-case-study]]` stays as written.

```
[[partner:no-such-partner]] in a fenced block
```

~~~text
[[theme:no-such-theme]] in a tilde block
~~~
"""

EDGE_CASE_STUDIES = {
    # Funders and facilitators (an international body) are not where it happened.
    "alpha-beta-mentoring": dict(
        title="Beta Town mentors Alpha City on budgeting",
        summary="Beta Town's finance team coached Alpha City through its first multi-year budget.",
        partners=[("beta-town", "mentor"), ("alpha-city", "mentee"), ("norad", "funder"), ("uclg", "facilitator")],
        themes=["municipal-finance"], sdgs=[11, 16], start=2015, end=2017, status="completed",
        related=["gamma-un-habitat"], body=LINKS_BODY),
    # An international organisation as a peer does not count either.
    "gamma-un-habitat": dict(
        title="Gamma Village learns waste collection with UN-Habitat",
        summary="Gamma Village set up a waste collection service with advice from UN-Habitat.",
        partners=[("gamma-village", "lead"), ("un-habitat", "peer")],
        themes=["waste-management"], sdgs=[11], start=2019, end=None, status="ongoing",
        related=[], body="## Context\n\nGamma Village had no collection service. See [[alpha-beta-mentoring]].\n"),
    # Nobody else is left: the funder's and the facilitator's countries count.
    "funders-only": dict(
        title=SCRIPT_TITLE,
        summary="A study of how funders and networks set up city-to-city programmes.",
        partners=[("norad", "funder"), ("uclg", "facilitator")],
        themes=["capacity-building"], sdgs=[17], start=2010, end=2012, status="completed",
        related=["alpha-beta-mentoring"], body="## Context\n\nFunding.\n"),
    "formula-cells": dict(
        title=FORMULA_TITLE,
        summary=FORMULA_SUMMARY,
        partners=[("alpha-city", "peer"), ("gamma-village", "peer")],
        themes=["governance"], sdgs=[], start=2012, end=2013, status="discontinued",
        related=[], lessons=["@SUM(1)", "-2+3 is not a lesson"], body="## Context\n\nCells.\n"),
}


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def edge_case_study_text(spec: dict) -> str:
    lines = ["---", f"title: {_yaml_text(spec['title'])}", f"summary: {_yaml_text(spec['summary'])}", "partners:"]
    lines += [f"  - {{id: {pid}, role: {role}}}" for pid, role in spec["partners"]]
    lines.append(f"themes: [{', '.join(spec['themes'])}]")
    lines.append("modalities: [mentoring]")
    lines.append("programme: uclg-mentoring")
    if spec["sdgs"]:
        lines.append(f"sdgs: [{', '.join(map(str, spec['sdgs']))}]")
    period = f"start: {spec['start']}" + (f", end: {spec['end']}" if spec["end"] else "")
    lines.append(f"period: {{{period}}}")
    lines.append(f"status: {spec['status']}")
    if spec.get("lessons"):
        lines.append("lessons:")
        lines += [f"  - {_yaml_text(lesson)}" for lesson in spec["lessons"]]
    if spec["related"]:
        lines.append(f"related: [{', '.join(spec['related'])}]")
    lines.append("sources:")
    lines.append('  - {title: "Programme report", publisher: "Test", year: 2018}')
    lines.append("---")
    return "\n".join(lines) + "\n" + spec["body"]


def write_edge_hub(root: Path) -> Path:
    (root / "content" / "case-studies").mkdir(parents=True)
    (root / "content" / "partners").mkdir(parents=True)
    install_vocabularies(root)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("site_name: City-to-City Cooperation Hub", "site_name: Edge hub"),
                                     encoding="utf-8")
    (root / "content" / "index.md").write_text("# Edge hub\n\nStart with [[theme:governance]].\n", encoding="utf-8")
    (root / "content" / "about.md").write_text("# About\n\nWrite `[[slug]]` to link a case study.\n", encoding="utf-8")
    shutil.copy(REPO / "content" / "contribute.md", root / "content" / "contribute.md")
    for pid, (name, kind, country) in EDGE_PARTNERS.items():
        body = "Works with [[alpha-beta-mentoring|the budgeting mentoring]].\n" if pid == "gamma-village" else ""
        (root / "content" / "partners" / f"{pid}.md").write_text(
            f'---\nname: {name}\nkind: {kind}\ncountry: "{country}"\n---\n{body}', encoding="utf-8")
    for slug, spec in EDGE_CASE_STUDIES.items():
        (root / "content" / "case-studies" / f"{slug}.md").write_text(edge_case_study_text(spec), encoding="utf-8")
    return root


def _build_edge(tmp_path_factory: pytest.TempPathFactory) -> BuiltHub:
    root = write_edge_hub(tmp_path_factory.mktemp("edge") / "hub")
    before = content_files(root / "content")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return BuiltHub("edge", root, root / "site", load(root), before, content_files(root / "content"))


@pytest.fixture(scope="session")
def edge_hub(tmp_path_factory) -> BuiltHub:
    return _once("edge", lambda: _build_edge(tmp_path_factory))
