"""The hub's search in a real browser: Debian's Chromium, headless, through Playwright.

Two editions of the seed compendium are driven the way a reader would use them:
the offline edition (``hub build --offline``, links ending in .html) opened from
file://, and the normal build served over HTTP on 127.0.0.1. Every request a page
makes is recorded and must stay inside the site; console and page errors fail.

The agreement tests run the browser engine (``new HubSearch.Engine(HUB_INDEX,
hubStem)``) on the built Explore page and compare its top ten with Whoosh's
(hub_plugin.search.query.search) for the same query and filters: on the seed, on a
generated corpus of 300 case studies and on the small search hub of
search_helpers.py.

One Chromium is launched for the module. Nothing here contacts any address but
the site's own folder and the HTTP server started here on 127.0.0.1.
"""

from __future__ import annotations

import functools
import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, mkdocs_build
from search_helpers import (
    CORPUS_QUERIES,
    SEED_QUERIES,
    build_corpus,
    check_agreement,
    engine_top,
    query_id,
    same_ranking,
    serve,
    whoosh_top,
    whoosh_total,
    write_search_hub,
)
from whoosh.lang.porter2 import stem

from hub_plugin.hosts.cli.main import main
from hub_plugin.search.index import open_index
from hub_plugin.search.query import search
from hub_plugin.search.schema import FACETS

READY = "document.getElementById('hub-explore') && document.getElementById('hub-explore').hasAttribute('data-result-count')"

# Pages by role, as (directory URL, offline URL).
PAGES = {
    "home": ("", "index.html"),
    "explore": ("explore/", "explore/index.html"),
    "about": ("about/", "about.html"),
    "case": ("case-studies/durban-mzuzu/", "case-studies/durban-mzuzu.html"),
}


# -- sites -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def offline_build(tmp_path_factory) -> Path:
    """The seed's offline edition, built by ``hub build --offline`` (site folder + zip)."""
    site = tmp_path_factory.mktemp("offline") / "hub-offline"
    code = main(["-f", str(REPO / "mkdocs.yml"), "build", "--offline", "-d", str(site)])
    assert code == 0, "hub build --offline failed"
    return site


@pytest.fixture(scope="module")
def seed_http(seed_site):
    with serve(seed_site) as base:
        yield base


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("search-corpus") / "hub")


@pytest.fixture(scope="module")
def search_hub_root(tmp_path_factory) -> Path:
    root = write_search_hub(tmp_path_factory.mktemp("search-hub-browser") / "hub")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


# -- the browser -------------------------------------------------------------------------

@dataclass
class Edition:
    name: str
    site: Path
    base: str                 # the site's root folder as a URL, ending in "/"
    directory_urls: bool
    ix: Any                   # the Whoosh index the build exported
    context: Any = None
    current: str = ""         # the test running now, to say who made a request
    requests: list[tuple[str, str]] = field(default_factory=list)   # (test, url)
    problems: list[tuple[str, str]] = field(default_factory=list)   # (test, console error or page error)

    def url(self, role: str, state: str = "") -> str:
        directory, offline = PAGES[role]
        return self.base + (directory if self.directory_urls else offline) + state

    def relative(self, absolute: str) -> str:
        assert absolute.startswith(self.base), f"{absolute} is outside the site {self.base}"
        return absolute[len(self.base):].split("#", 1)[0]

    def whoosh(self, text: str, filters: dict | None = None, limit: int = 1000) -> list[str]:
        return [url for url, _ in whoosh_top(self.ix, text, filters or {}, limit=limit)]


@pytest.fixture(scope="module", params=["file", "http"])
def edition(request, browser, offline_build, seed_site):
    if request.param == "file":
        site = offline_build
        base = site.as_uri() + "/"
        ix = open_index(REPO / ".hub-cache" / "search-files")
        chosen = Edition("file", site, base, False, ix)
        yield from _with_context(chosen, browser)
    else:
        with serve(seed_site) as base:
            ix = open_index(REPO / ".hub-cache" / "search")
            yield from _with_context(Edition("http", seed_site, base, True, ix), browser)


def _with_context(chosen: Edition, browser):
    assert chosen.ix is not None, "the build left no Whoosh index"
    chosen.context = context = browser.new_context(viewport={"width": 1280, "height": 900})
    # Every tab of the context is watched, including ones a test opens itself.
    context.on("request", lambda r: chosen.requests.append((chosen.current, r.url)))
    context.on("console", lambda m: m.type == "error" and chosen.problems.append((chosen.current, f"console: {m.text}")))
    context.on("weberror", lambda e: chosen.problems.append((chosen.current, f"page error: {e.error}")))
    try:
        yield chosen
    finally:
        chosen.context.close()


@pytest.fixture
def page(edition, request):
    """A fresh tab of the edition; what it requests and logs is recorded and checked."""
    edition.current = request.node.name
    start_requests, start_problems = len(edition.requests), len(edition.problems)
    tab = edition.context.new_page()
    yield tab
    tab.close()
    outside = [url for _, url in edition.requests[start_requests:] if not url.startswith(edition.base)]
    problems = [text for _, text in edition.problems[start_problems:]]
    if outside or problems:
        pytest.fail(f"requests outside the site: {outside}; errors: {problems}")


def open_explore(page, edition: Edition, state: str = "") -> None:
    page.goto(edition.url("explore", state))
    page.wait_for_function(READY)


def result_urls(page, edition: Edition) -> list[str]:
    hrefs = page.eval_on_selector_all("#hub-results li .hub-card__title a", "links => links.map(a => a.href)")
    return [edition.relative(href) for href in hrefs]


def result_count(page) -> int:
    return int(page.get_attribute("#hub-explore", "data-result-count"))


def wait_for_count(page, count: int) -> None:
    page.wait_for_function(f"document.getElementById('hub-explore').getAttribute('data-result-count') === '{count}'",
                           timeout=5000)


def checked_boxes(page) -> list[str]:
    return page.eval_on_selector_all("#hub-facets input[data-facet]:checked",
                                     "boxes => boxes.map(b => b.dataset.facet + '=' + b.dataset.value).sort()")


def box(facet: str, value: str) -> str:
    return f'#hub-facets input[data-facet="{facet}"][data-value="{value}"]'


def shown_count(page, facet: str, value: str) -> int:
    text = page.eval_on_selector(box(facet, value), "b => b.closest('label').querySelector('.hub-count').textContent")
    match = re.fullmatch(r"\((\d+)\)", text.strip())
    assert match, f"no '(count)' beside {facet}={value}: {text!r}"
    return int(match.group(1))


def expect_results(page, edition: Edition, text: str, filters: dict | None = None) -> list[str]:
    """The page shows what Whoosh finds for the same query: the same count, and the listed results in order."""
    expected = edition.whoosh(text, filters)
    wait_for_count(page, len(expected))
    assert result_urls(page, edition) == expected[:shown(page, len(expected))], f"{text!r} {filters}"
    return expected


def shown(page, total: int) -> int:
    """How many results the page lists: all, or the first N when its status says so (at least ten)."""
    match = re.search(r"the first (\d+) shown", page.inner_text("#hub-status"))
    if match is None:
        return total
    assert int(match.group(1)) >= 10
    return int(match.group(1))


# -- the reader's path -------------------------------------------------------------------

def newest_added_first() -> list[str]:
    """The seed's case-study pages, the one whose file was first committed last first, ties by period
    (newest start first), then title: asked of Git directly, not of the hub."""
    import subprocess

    from hub_plugin.model.records import newest_first

    catalogue = seed_catalogue()
    added = {}
    for slug, case_study in catalogue.case_studies.items():
        log = subprocess.run(["git", "log", "--no-merges", "--follow", "--format=%ad", "--date=short", "--", case_study.path],
                             cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
        added[slug] = log[-1] if log else ""
    ordered = sorted(newest_first(catalogue.case_studies.values()), key=lambda cs: added[cs.slug], reverse=True)
    return [f"case-studies/{cs.slug}/" for cs in ordered]


@functools.cache
def seed_catalogue():
    from hub_plugin.check.loading import load_catalogue
    from hub_plugin.read.diagnostics import Report
    from hub_plugin.read.pathnames import HubPaths

    return load_catalogue(HubPaths.at(REPO), Report())


def as_listed(edition: Edition, directory_url: str) -> str:
    return directory_url if edition.directory_urls else directory_url.rstrip("/") + ".html"


def test_explore_opens_with_every_case_study_newest_added_first_and_every_filter_with_its_counts(page, edition):
    open_explore(page, edition)
    expected = [as_listed(edition, url) for url in newest_added_first()]
    assert result_count(page) == len(expected)
    assert result_urls(page, edition) == expected[:shown(page, len(expected))]
    assert re.match(rf"{len(expected)} case studies, the most recently added first", page.inner_text("#hub-status"))
    # Every filter group is there before anything is typed, counting the case studies listed.
    legends = page.eval_on_selector_all("#hub-facets legend", "ls => ls.map(l => l.textContent)")
    assert {"Themes", "Countries", "Regions", "Partners"} <= set(legends), legends
    themes = catalogue_counts("themes")
    for theme, count in themes.items():
        if page.locator(box("themes", theme)).count():
            assert shown_count(page, "themes", theme) == count, theme
    assert page.evaluate("location.hash") == ""


def catalogue_counts(vocabulary: str) -> dict[str, int]:
    catalogue = seed_catalogue()
    counts: dict[str, int] = {}
    for case_study in catalogue.case_studies.values():
        for term in catalogue.facet_terms(case_study, vocabulary):
            counts[term] = counts.get(term, 0) + 1
    return counts


def test_show_more_lists_the_next_results_and_moves_the_focus_to_the_first_of_them(page, edition):
    open_explore(page, edition, "#kind=partner")
    total = result_count(page)
    assert total > 20, "the seed has more than 20 partners"
    assert len(result_urls(page, edition)) == 20
    page.click("#hub-more")
    assert len(result_urls(page, edition)) == min(total, 40)
    focused = page.evaluate("document.activeElement.closest('li') === document.querySelectorAll('#hub-results > li')[20]")
    assert focused
    assert page.is_hidden("#hub-more") == (total <= 40)


def test_on_a_phone_the_results_come_first_and_the_filters_open_behind_one_button(edition):
    context = edition.context.browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(edition.url("explore"))
        tab.wait_for_function(READY)
        first = tab.locator("#hub-results > li").first.bounding_box()
        assert first is not None and first["y"] < 844, f"the first result is {first} down the page"
        assert tab.is_hidden("#hub-facets")
        assert tab.inner_text("#hub-filters-toggle") == "Filters (0)"
        tab.click("#hub-filters-toggle")
        assert tab.get_attribute("#hub-filters-toggle", "aria-expanded") == "true"
        assert tab.is_visible("#hub-facets")
        tab.locator("#hub-facets input[data-facet=themes]").first.check()
        tab.wait_for_function("document.getElementById('hub-filters-toggle').textContent === 'Filters (1)'")
        tab.click("#hub-filters-toggle")
        assert tab.is_hidden("#hub-facets")
    finally:
        context.close()


def test_typing_a_query_key_by_key_shows_results(page, edition):
    open_explore(page, edition)
    page.click("#hub-query")
    page.type("#hub-query", "gender", delay=25)
    expected = expect_results(page, edition, "gender")
    assert expected, "no result for 'gender' in the seed"
    assert re.match(rf"{len(expected)} results?\b", page.inner_text("#hub-status"))
    assert page.evaluate("location.hash") == "#q=gender"
    marks = page.eval_on_selector_all("#hub-results mark", "marks => marks.map(m => m.textContent)")
    assert marks, "no matched word is marked in the snippets"
    assert {stem(mark.lower()) for mark in marks} == {"gender"}


def test_two_facets_narrow_the_results_as_whoosh_does(page, edition):
    open_explore(page, edition, "#q=mentoring")
    both = {"themes": ["governance"], "countries": ["MW"]}
    wide = expect_results(page, edition, "mentoring")
    page.click(box("themes", "governance"))
    expect_results(page, edition, "mentoring", {"themes": ["governance"]})
    page.click(box("countries", "MW"))
    narrow = expect_results(page, edition, "mentoring", both)
    assert 0 < len(narrow) < len(wide), "the two filters should narrow the results without emptying them"
    assert checked_boxes(page) == ["countries=MW", "themes=governance"]
    assert page.evaluate("location.hash") == "#q=mentoring&countries=MW&themes=governance"
    # every result holds both: a theme of governance (or narrower) and a partner in Malawi
    for url in narrow:
        held = _stored_facets(edition.ix, url)
        assert "governance" in held["themes"] and "MW" in held["countries"], url


def _stored_facets(ix, url: str) -> dict[str, set[str]]:
    with ix.searcher() as searcher:
        fields = searcher.document(id=url)
    return {facet: set((fields.get(f"f_{facet}") or "").split(",")) - {""} for facet in FACETS}


def test_each_facet_value_shows_the_count_of_results_it_would_give(page, edition):
    open_explore(page, edition, "#q=city")
    base = result_count(page)
    checked = 0
    for facet in ("kind", "themes", "countries", "modalities", "status"):
        values = page.eval_on_selector_all(f'#hub-facets input[data-facet="{facet}"]', "bs => bs.map(b => b.dataset.value)")
        assert values, f"no {facet} filter offered for 'city'"
        for value in values[:2]:
            count = shown_count(page, facet, value)
            page.click(box(facet, value))
            wait_for_count(page, count)
            page.click(box(facet, value))
            wait_for_count(page, base)
            checked += 1
    # with a filter of another facet ticked, the counts still predict the results
    page.click(box("kind", "case-study"))
    narrowed = result_count(page)
    for value in page.eval_on_selector_all('#hub-facets input[data-facet="themes"]', "bs => bs.map(b => b.dataset.value)")[:3]:
        count = shown_count(page, "themes", value)
        assert count <= narrowed
        page.click(box("themes", value))
        wait_for_count(page, count)
        expected = edition.whoosh("city", {"kind": ["case-study"], "themes": [value]})
        assert result_urls(page, edition) == expected[:shown(page, len(expected))]
        page.click(box("themes", value))
        wait_for_count(page, narrowed)
        checked += 1
    assert checked >= 12


def test_reloading_the_page_url_restores_query_boxes_and_results(page, edition):
    open_explore(page, edition)
    page.click("#hub-query")
    page.type("#hub-query", "development", delay=10)
    page.click(box("kind", "case-study"))
    theme = page.eval_on_selector('#hub-facets input[data-facet="themes"]', "b => b.dataset.value")
    page.click(box("themes", theme))
    filters = {"kind": ["case-study"], "themes": [theme]}
    results = expect_results(page, edition, "development", filters)
    assert results
    url, boxes = page.url, checked_boxes(page)
    assert "#q=development&" in url and f"themes={theme}" in url
    assert boxes == sorted(["kind=case-study", f"themes={theme}"])

    page.reload()
    page.wait_for_function(READY)
    assert page.url == url
    assert page.input_value("#hub-query") == "development"
    assert checked_boxes(page) == boxes
    listed = result_urls(page, edition)
    assert listed and listed == results[:len(listed)]

    # the same URL opened in another tab
    other = edition.context.new_page()
    try:
        other.goto(url)
        other.wait_for_function(READY)
        assert other.input_value("#hub-query") == "development"
        assert checked_boxes(other) == boxes
        assert result_urls(other, edition) == listed
    finally:
        other.close()


@pytest.mark.parametrize("role", ["about", "case"])
def test_the_header_search_box_of_another_page_opens_explore_with_results(page, edition, role):
    page.goto(edition.url(role))
    page.fill("#hub-header-q", "water")
    with page.expect_navigation():
        page.press("#hub-header-q", "Enter")
    page.wait_for_function(READY)
    assert edition.relative(page.url) == edition.url("explore")[len(edition.base):]
    assert page.input_value("#hub-query") == "water"
    assert expect_results(page, edition, "water")
    assert page.evaluate("location.hash") == "#q=water"


@pytest.mark.parametrize("role", ["about", "case"])
def test_the_header_search_shows_the_first_results_while_typing_and_loads_the_index_only_when_used(page, edition, role):
    before = len(edition.requests)
    page.goto(edition.url(role))
    page.wait_for_load_state("load")
    assert not [url for _, url in edition.requests[before:] if url.endswith("hub-index.js")], "the index loaded unasked"
    page.click("#hub-header-q")
    page.type("#hub-header-q", "water", delay=20)
    page.wait_for_selector("#hub-header-results li a")
    expected = edition.whoosh("water")
    titles = page.eval_on_selector_all("#hub-header-results li a", "links => links.map(a => a.href)")
    assert [edition.relative(url) for url in titles] == expected[:len(titles)]
    assert 1 <= len(titles) <= 6
    status = page.inner_text("#hub-header-results [role=status]")
    assert status == f"{len(expected)} results"
    assert page.is_visible("#hub-header-results")
    # The keyboard: down into the results, Escape back to the box with the list closed.
    page.press("#hub-header-q", "ArrowDown")
    assert page.evaluate("document.activeElement.closest('#hub-header-results li') !== null")
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.id") == "hub-header-q"
    assert page.is_hidden("#hub-header-results")
    # A result leads to its page.
    page.type("#hub-header-q", " ")
    page.wait_for_selector("#hub-header-results li a")
    with page.expect_navigation():
        page.click("#hub-header-results li a >> nth=0")
    assert edition.relative(page.url) == expected[0]


def test_a_typo_shows_did_you_mean_and_clicking_it_searches_the_suggestion(page, edition):
    open_explore(page, edition)
    page.click("#hub-query")
    page.type("#hub-query", "goverance", delay=15)
    wait_for_count(page, 0)
    # After a pause in typing (a half-typed word is not a typo), once did-you-mean's words are loaded.
    page.wait_for_selector("#hub-suggestion a", timeout=5000)
    assert page.inner_text("#hub-suggestion").strip() == "Did you mean governance?"
    page.click("#hub-suggestion a")
    assert page.input_value("#hub-query") == "governance"
    assert expect_results(page, edition, "governance")
    assert page.inner_text("#hub-suggestion").strip() == ""
    assert page.evaluate("location.hash") == "#q=governance"


def test_the_period_boxes_keep_case_studies_whose_years_overlap(page, edition):
    open_explore(page, edition, "#q=city")
    page.fill("#hub-from", "2010")
    page.fill("#hub-to", "2012")
    expected = [url for url, _ in whoosh_top(edition.ix, "city", {}, (2010, 2012), limit=None)]
    assert expected
    wait_for_count(page, len(expected))
    assert result_urls(page, edition) == expected[:shown(page, len(expected))]
    assert page.evaluate("location.hash") == "#q=city&from=2010&to=2012"
    page.reload()
    page.wait_for_function(READY)
    assert (page.input_value("#hub-from"), page.input_value("#hub-to")) == ("2010", "2012")
    assert result_count(page) == len(expected)


def test_keyboard_only_query_and_facet(page, edition):
    open_explore(page, edition)
    active = "(document.activeElement && document.activeElement.id) || ''"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(active) == "hub-query":
            break
    else:
        pytest.fail("Tab never reaches the query box")
    page.keyboard.type("water", delay=25)
    expect_results(page, edition, "water")
    key = None
    for _ in range(20):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement.getAttribute('data-facet-key')")
        if key:
            break
    assert key, "Tab never reaches a facet checkbox after the query box"
    facet, value = key.split(":", 1)
    count = shown_count(page, facet, value)
    page.keyboard.press("Space")
    wait_for_count(page, count)
    assert page.is_checked(box(facet, value))
    assert page.evaluate("document.activeElement.getAttribute('data-facet-key')") == key, "focus lost on re-render"
    assert f"{facet}={value}" in page.evaluate("location.hash")
    expected = edition.whoosh("water", {facet: [value]})
    assert result_urls(page, edition) == expected[:shown(page, len(expected))]
    page.keyboard.press("Space")
    assert not page.is_checked(box(facet, value))
    expect_results(page, edition, "water")


def test_result_links_open_pages_of_the_site(page, edition):
    open_explore(page, edition, "#q=mentoring")
    urls = result_urls(page, edition)
    assert urls
    for url in urls:
        target = edition.site / (url + "index.html" if url.endswith("/") or not url else url)
        assert target.is_file(), f"{url} leads nowhere"
        if not edition.directory_urls:
            assert url.endswith(".html"), f"offline link {url} does not end in .html"
    first = page.eval_on_selector("#hub-results li .hub-card__title a", "a => a.textContent")
    with page.expect_navigation():
        page.click("#hub-results li .hub-card__title a >> nth=0")
    assert edition.relative(page.url) == urls[0]
    assert first in page.title()


def test_no_request_leaves_the_site_and_no_error_is_logged(page, edition):
    # A visit of its own, so that the check holds when this test runs alone too.
    open_explore(page, edition, "#q=water")
    page.goto(edition.url("about"))
    assert edition.requests, "no request was recorded"
    outside = sorted({url for _, url in edition.requests if not url.startswith(edition.base)})
    assert not outside, f"requests outside {edition.base}: {outside}"
    assert not edition.problems, edition.problems
    requested = {edition.relative(url) for _, url in edition.requests}
    assert "search/hub-index.js" in requested
    assert {"assets/hub/search/hub-search.js", "assets/hub/search/stemmer.js"} <= requested


# -- the browser engine agrees with Whoosh ----------------------------------------------



@pytest.fixture(scope="module")
def seed_engine(browser, seed_http, offline_build) -> dict[str, tuple[Any, list[dict]]]:
    """Both seed editions: the browser engine's answers to SEED_QUERIES, and the Whoosh index."""
    http = engine_top(browser, seed_http + "explore/", SEED_QUERIES)
    offline = engine_top(browser, (offline_build / "explore" / "index.html").as_uri(), SEED_QUERIES)
    return {"http": (open_index(REPO / ".hub-cache" / "search"), http),
            "file": (open_index(REPO / ".hub-cache" / "search-files"), offline)}


@pytest.fixture(scope="module")
def corpus_engine(browser, corpus_root) -> tuple[Any, list[dict]]:
    found = engine_top(browser, (corpus_root / "site" / "explore" / "index.html").as_uri(), CORPUS_QUERIES)
    return open_index(corpus_root / ".hub-cache" / "search"), found


def test_the_agreement_query_lists_cover_the_kinds_asked_for():
    for queries in (SEED_QUERIES, CORPUS_QUERIES):
        assert len(queries) >= 40
        texts = [text for text, _, _ in queries]
        assert any(len(text.split()) == 2 for text in texts) and any(len(text.split()) == 3 for text in texts)
        assert any(set(text.split()) & {"the", "a", "of", "and"} for text in texts)
        assert sum(len(filters) == 1 for _, filters, _ in queries) >= 3
        assert sum(len(filters) == 2 for _, filters, _ in queries) >= 2


@pytest.mark.parametrize("edition_name", ["http", "file"])
@pytest.mark.parametrize("query", SEED_QUERIES, ids=[query_id(q) for q in SEED_QUERIES])
def test_browser_engine_top_ten_equals_whoosh_on_the_seed(seed_engine, edition_name, query):
    ix, answers = seed_engine[edition_name]
    check_agreement(ix, query, answers[SEED_QUERIES.index(query)])


@pytest.mark.parametrize("query", CORPUS_QUERIES, ids=[query_id(q) for q in CORPUS_QUERIES])
def test_browser_engine_top_ten_equals_whoosh_on_a_generated_corpus(corpus_engine, query):
    ix, answers = corpus_engine
    check_agreement(ix, query, answers[CORPUS_QUERIES.index(query)])


def test_the_agreement_is_not_vacuous(seed_engine, corpus_engine):
    seed_found = [answer["total"] for answer in seed_engine["http"][1]]
    corpus_found = [answer["total"] for answer in corpus_engine[1]]
    assert sum(1 for n in seed_found if n) >= 35 and sum(1 for n in seed_found if n > 10) >= 5
    assert sum(1 for n in corpus_found if n) >= 38 and sum(1 for n in corpus_found if n > 10) >= 25
    assert seed_found.count(0) >= 2 and corpus_found.count(0) >= 2


FILTER_ONLY = [("", {"themes": ["governance"]}, None), ("", {"countries": ["MW"]}, None),
               ("", {"kind": ["partner"]}, None), ("", {}, (2010, 2012)),
               ("", {"themes": ["service-delivery"], "status": ["ongoing"]}, None)]


@pytest.fixture(scope="module")
def filter_only(browser, seed_http):
    return open_index(REPO / ".hub-cache" / "search"), engine_top(browser, seed_http + "explore/", FILTER_ONLY)


def test_filters_without_words_give_the_same_documents_in_the_same_order(filter_only):
    ix, answers = filter_only
    for query, found in zip(FILTER_ONLY, answers):
        text, filters, years = query
        python = [url for url, _ in whoosh_top(ix, text, filters, years)]
        assert python, query
        assert [url for url, _ in found["top"]] == python, query
        assert found["total"] == whoosh_total(ix, text, filters, years), query


def test_filters_without_words_give_the_same_scores(filter_only):
    ix, answers = filter_only
    for query, found in zip(FILTER_ONLY, answers):
        text, filters, years = query
        assert same_ranking(whoosh_top(ix, text, filters, years), [tuple(p) for p in found["top"]]) is None, query


SEARCH_HUB_QUERIES = [
    ("composting", {}, None), ("plans", {}, None), ("water desalination", {}, None),
    ("beta", {"themes": ["governance"], "countries": ["MW", "TR"]}, None), ("beta", {}, (2008, 2012)),
    # 'İ' lower-cases to 'i' + U+0307: split first, then lower-case each word, as Whoosh does.
    ("İzmir", {}, None), ("the coast of İzmir", {}, None),
]


def _plain(entry):
    return entry.values[0] if hasattr(entry, "values") else entry


@pytest.fixture(scope="module")
def search_hub_engine(browser, search_hub_root):
    queries = [_plain(entry) for entry in SEARCH_HUB_QUERIES]
    found = engine_top(browser, (search_hub_root / "site" / "explore" / "index.html").as_uri(), queries)
    return open_index(search_hub_root / ".hub-cache" / "search"), dict(zip(map(query_id, queries), found))


@pytest.mark.parametrize("query", SEARCH_HUB_QUERIES, ids=lambda q: query_id(q))
def test_browser_engine_agrees_with_whoosh_on_the_search_hub(search_hub_engine, query):
    ix, answers = search_hub_engine
    assert whoosh_top(ix, *query), f"Whoosh finds nothing for {query}"
    check_agreement(ix, query, answers[query_id(query)])


KNOWN = ["composting", "budgets", "planned kiosks", "the water"]
TYPOS = {"compostng": "composting", "sanitaton": "sanitation", "wter kiosks": "water kiosks", "desalinaton": "desalination"}


def test_the_browser_suggests_what_whoosh_suggests_for_typos(browser, search_hub_root):
    ix = open_index(search_hub_root / ".hub-cache" / "search")
    tab = browser.new_page()
    try:
        tab.goto((search_hub_root / "site" / "explore" / "index.html").as_uri())
        tab.wait_for_function(READY)
        suggest = ("async (words) => { const e = new HubSearch.Engine(window.HUB_INDEX, hubStem);"
                   " const out = []; for (const w of words) out.push(await e.suggestion(w)); return out; }")
        browser_says = tab.evaluate(suggest, list(TYPOS))
        known_says = tab.evaluate(suggest, KNOWN)
    finally:
        tab.close()
    for (typo, meant), theirs in zip(TYPOS.items(), browser_says):
        assert search(ix, typo)[1] == meant == theirs, typo
    # and neither suggests anything for words of the hub, in any form
    for word, theirs in zip(KNOWN, known_says):
        assert search(ix, word)[1] is None and theirs is None, word


# -- the offline edition and its zip -----------------------------------------------------

class _Resources(HTMLParser):
    TAGS = {"script": "src", "link": "href", "img": "src", "iframe": "src", "source": "src", "audio": "src",
            "video": "src", "embed": "src", "object": "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in {self.TAGS.get(tag), "src" if tag in self.TAGS else None, "srcset"} - {None}:
            if values.get(name):
                self.found.append(f"<{tag} {name}={values[name]!r}>")


EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//|^\s*(?:https?|ftp):", re.I)


def external_resources(html: str) -> list[str]:
    parser = _Resources()
    parser.feed(html)
    return [ref for ref in parser.found if EXTERNAL.search(ref.split("=", 1)[1].strip("'\">"))]


def test_no_page_of_the_offline_edition_loads_anything_from_outside(offline_build):
    pages = sorted(offline_build.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        found = external_resources(path.read_text(encoding="utf-8"))
        assert not found, f"{path.relative_to(offline_build)}: {found}"


def test_the_offline_edition_links_pages_by_file_name(offline_build):
    explore = (offline_build / "explore" / "index.html").read_text(encoding="utf-8")
    assert 'action="../explore/index.html"' in explore or 'action="index.html"' in explore
    index = (offline_build / "index.html").read_text(encoding="utf-8")
    assert 'action="./explore/index.html"' in index or 'action="explore/index.html"' in index
    pieces = "".join(path.read_text(encoding="utf-8") for path in sorted((offline_build / "search").rglob("*.js")))
    assert "case-studies/durban-mzuzu.html" in pieces


def test_the_zip_holds_the_offline_edition(offline_build):
    archive = offline_build.with_suffix(".zip")
    assert archive.is_file()
    top = offline_build.name
    with zipfile.ZipFile(archive) as bundle:
        names = set(bundle.namelist())
        assert f"{top}/index.html" in names
        assert f"{top}/search/hub-index.js" in names
        assert f"{top}/explore/index.html" in names
        on_disk = {f"{top}/{p.relative_to(offline_build).as_posix()}" for p in offline_build.rglob("*") if p.is_file()}
        assert names == on_disk
        assert bundle.read(f"{top}/search/hub-index.js") == (offline_build / "search" / "hub-index.js").read_bytes()
        for name in sorted(n for n in names if n.endswith(".html")):
            found = external_resources(bundle.read(name).decode("utf-8"))
            assert not found, f"{name}: {found}"


def test_filters_of_equal_count_follow_their_labels_with_numbers_in_number_order(page, edition):
    open_explore(page, edition, "#q=city")
    ranked = page.evaluate("""() => {
      const explore = window.hubExplore, index = explore.engine.index, order = explore.labelOrder("sdgs");
      return index.facetValues.sdgs.map((value, i) => [order[i], Number(value)]).sort((a, b) => a[0] - b[0]).map(p => p[1]);
    }""")
    assert len(ranked) >= 4 and ranked == sorted(ranked), ranked  # SDG 5 before SDG 11, as readers count


def test_changing_the_address_of_an_open_explore_page_searches_again(page, edition):
    open_explore(page, edition, "#q=water")
    expect_results(page, edition, "water")
    page.evaluate("location.hash = '#q=budget&kind=case-study'")
    expect_results(page, edition, "budget", {"kind": ["case-study"]})
    assert page.input_value("#hub-query") == "budget"
    assert checked_boxes(page) == ["kind=case-study"]
