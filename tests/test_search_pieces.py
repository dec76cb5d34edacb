"""The browser's index in pieces (issue #18), on real prose and on the generated corpus, from file://.

A hub of 300 case studies whose bodies are paragraphs of real prose (the docstrings of
Python's standard library, ``tests/fixtures/search-prose/``, through
``scripts/gen_corpus.py --text``) and the generated corpus of search_helpers.py are built
and opened from disk in Debian's Chromium. Checked: the build writes a small head and
pieces that are classic scripts; the browser engine agrees with Whoosh on the prose
corpus (same top ten, same scores, same count); a search loads the table, its own
terms' pieces and the pieces of the documents it shows, and nothing else; Explore,
"show more", did-you-mean and the header search load what they need when they need it.

Playwright's polling of a condition runs code the page's Content-Security-Policy
forbids, so conditions are polled from here (``until``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, mkdocs_build
from search_helpers import (
    CORPUS_SEED,
    CORPUS_SIZE,
    CORPUS_WORDS,
    ENGINE_TOP_JS,
    build_corpus,
    explain,
    query_id,
    same_ranking,
    whoosh_top,
    whoosh_total,
    write_search_hub,
)

from hub_plugin.search.export import INLINE_CHARS
from hub_plugin.search.index import open_index
from hub_plugin.search.schema import FACETS

PROSE = REPO / "tests" / "fixtures" / "search-prose"
SCRIPTS = REPO / "scripts"
TERMS, DOCS = re.compile(r"t\d+$"), re.compile(r"d\d+$")
PIECE = re.compile(r'^hubSearchPiece\("(hub-index-[0-9a-f]{12})/((?:table|newest|spell|[tdf]\d+))",JSON\.parse\(".*"\)\);\n$', re.S)

# Words of the prose (logging, e-mail, HTTP...), in the shapes CORPUS_QUERIES has.
PROSE_QUERIES: list[tuple[str, dict, tuple | None]] = [
    ("header", {}, None), ("message", {}, None), ("charset", {}, None), ("logger", {}, None), ("policy", {}, None),
    ("handler", {}, None), ("encoding", {}, None), ("payload", {}, None), ("stream", {}, None), ("socket", {}, None),
    ("headers", {}, None), ("encoded", {}, None), ("handlers", {}, None), ("parsing", {}, None), ("returned", {}, None),
    ("default encoding", {}, None), ("log record", {}, None), ("quoted printable", {}, None),
    ("email message header", {}, None), ("the value of the header", {}, None), ("a list of handlers", {}, None),
    ("quasar", {}, None), ("header quasar", {}, None),
    ("message", {"themes": ["governance"]}, None), ("logger", {"countries": ["MW", "KE"]}, None),
    ("string", {"kind": ["case-study"]}, None), ("value", {"status": ["ongoing"]}, None),
    ("header", {"themes": ["governance"], "status": ["completed"]}, None),
    ("method", {"regions": ["europe"], "sdgs": ["11", "16"]}, None),
    ("object", {}, (2005, 2010)), ("charset", {"themes": ["governance"]}, (2015, None)),
]


def until(page, script: str, timeout: float = 15.0) -> Any:
    """The benchmark's poll of the page (its CSP forbids Playwright's own polling), with a test's patience."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    from bench_search import until as poll

    return poll(page, script, timeout)


def build_prose(root: Path) -> Path:
    """300 case studies of real prose (fixed seed), built into ``root/site``."""
    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    from gen_corpus import generate, read_prose

    generate(CORPUS_SIZE, root, seed=CORPUS_SEED, words=CORPUS_WORDS, text=read_prose([PROSE]))
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


@pytest.fixture(scope="module")
def prose_root(tmp_path_factory) -> Path:
    return build_prose(tmp_path_factory.mktemp("search-prose") / "hub")


@pytest.fixture(scope="module")
def generated_root(tmp_path_factory) -> Path:
    return build_corpus(tmp_path_factory.mktemp("search-generated") / "hub")


WORD = {"prose": "message", "generated": "water"}  # a word many case studies of each corpus hold


@pytest.fixture(scope="module", params=["prose", "generated"])
def corpus(request, prose_root, generated_root) -> tuple[str, Path]:
    return request.param, prose_root if request.param == "prose" else generated_root


def pieces_of(site: Path) -> dict[str, str]:
    """The index's piece files, by name (``t3``, ``d12``...)."""
    folders = [path for path in (site / "search").iterdir() if path.is_dir()]
    assert len(folders) == 1, folders
    return {path.stem: path.read_text(encoding="utf-8") for path in folders[0].glob("*.js")}


def head_of(site: Path) -> dict:
    text = (site / "search" / "hub-index.js").read_text(encoding="utf-8")
    return json.loads(json.loads(text.split("JSON.parse(", 1)[1].rsplit(")", 1)[0]))


# -- what the build writes ---------------------------------------------------------------

def test_the_prose_corpus_is_real_text_with_a_larger_vocabulary_than_the_generated_one(prose_root, generated_root):
    def vocabulary(root: Path) -> set[str]:
        words: set[str] = set()
        for path in (root / "content" / "case-studies").glob("*.md"):
            words.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").split("\n---", 2)[-1].lower()))
        return words
    prose, generated = vocabulary(prose_root), vocabulary(generated_root)
    assert len(prose) > 4 * len(generated)
    assert {"logger", "charset", "payload"} <= prose and not {"logger", "charset", "payload"} & generated


def test_a_small_hub_is_one_file_and_a_corpus_a_small_head_and_pieces_that_are_classic_scripts(tmp_path, corpus):
    _, root = corpus
    small = write_search_hub(tmp_path / "small")
    mkdocs_build(small / "mkdocs.yml", small / "site")
    assert [p.name for p in (small / "site" / "search").iterdir()] == ["hub-index.js"]
    assert head_of(small / "site")["inline"]["newest"]

    site = root / "site"
    head = head_of(site)
    assert head["inline"] is None and head["format"] == 2
    pieces = pieces_of(site)
    assert sum(map(len, pieces.values())) > INLINE_CHARS
    assert {"table", "newest", "spell", "t0", "d0", *(f"f{i}" for i in range(len(head["facets"])))} <= set(pieces)
    assert len([name for name in pieces if TERMS.match(name)]) == len(head["termFences"]) > 1
    assert len([name for name in pieces if DOCS.match(name)]) == -(-head["count"] // head["docPieceSize"])
    for name, text in pieces.items():
        match = PIECE.match(text)
        assert match and match.group(1) == head["folder"] and match.group(2) == name, name
        assert "<" not in text and ">" not in text, name  # nothing that could close or open an element
    # The head: numbers, facets and where terms are; no document's text.
    head_text = (site / "search" / "hub-index.js").read_text(encoding="utf-8")
    assert len(head_text) < 30_000
    first = json.loads(json.loads(pieces["d0"].split("JSON.parse(", 1)[1].rsplit("));", 1)[0]))[0]
    assert first[0] not in head_text and first[3] not in head_text


# -- the browser engine agrees with Whoosh on real prose ----------------------------------

def engine_answers(browser, site: Path, queries) -> list[dict]:
    tab = browser.new_page()
    try:
        tab.goto((site / "explore" / "index.html").as_uri())
        until(tab, "!!(window.HUB_INDEX && window.HubSearch && window.hubStem)")
        return tab.evaluate(ENGINE_TOP_JS, [[text, filters, list(years) if years else None]
                                            for text, filters, years in queries])
    finally:
        tab.close()


@pytest.fixture(scope="module")
def prose_engine(browser, prose_root) -> tuple[Any, list[dict]]:
    return open_index(prose_root / ".hub-cache" / "search"), engine_answers(browser, prose_root / "site", PROSE_QUERIES)


@pytest.mark.parametrize("query", PROSE_QUERIES, ids=[query_id(q) for q in PROSE_QUERIES])
def test_browser_engine_top_ten_equals_whoosh_on_real_prose(prose_engine, query):
    ix, answers = prose_engine
    found = answers[PROSE_QUERIES.index(query)]
    text, filters, years = query
    python = whoosh_top(ix, text, filters, years)
    browser = [tuple(pair) for pair in found["top"]]
    problem = same_ranking(python, browser)
    assert problem is None, f"{problem}\n{explain(text, python, browser)}"
    assert found["total"] == whoosh_total(ix, text, filters, years)


def test_the_prose_agreement_is_not_vacuous(prose_engine):
    totals = [answer["total"] for answer in prose_engine[1]]
    assert sum(1 for n in totals if n > 10) >= 15 and totals.count(0) >= 2


def test_a_search_loads_the_table_its_terms_pieces_and_the_pieces_of_the_documents_it_shows(prose_engine, prose_root):
    head = head_of(prose_root / "site")
    for (text, filters, _), answer in zip(PROSE_QUERIES, prose_engine[1]):
        loaded = answer["loaded"]
        assert "spell" not in loaded, text  # did-you-mean's words wait for a word that is unknown
        terms = [name for name in loaded if TERMS.match(name)]
        docs = [name for name in loaded if DOCS.match(name)]
        facets = {f"f{list(FACETS).index(facet)}" for facet in filters}
        assert set(loaded) == {*terms, *docs} | ({"table", *facets} & set(loaded)), text
        assert len(terms) <= len(text.split()) and len(docs) <= 10, (text, loaded)
    first = prose_engine[1][0]["loaded"]
    assert "table" in first and len(first) < 0.2 * (len(head["termFences"]) + head["count"] / head["docPieceSize"])


# -- the pages, from file:// ---------------------------------------------------------------

@pytest.fixture
def tab(browser, request):
    """A tab that records the files it requests and fails the test on a page error."""
    page = browser.new_page()
    page.requested = []
    errors: list[str] = []
    page.on("request", lambda r: page.requested.append(r.url))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    yield page
    page.close()
    assert not errors, errors


def search_files(page, site: Path) -> list[str]:
    """The files of the site's search/ folder the page asked for, in order."""
    prefix = (site / "search").as_uri() + "/"
    return [url[len(prefix):] for url in page.requested if url.startswith(prefix)]


def listed(page) -> list[str]:
    return page.eval_on_selector_all("#hub-results li .hub-card__title a", "links => links.map(a => a.getAttribute('href'))")


def test_explore_typed_key_by_key_shows_whoosh_results_having_read_a_small_part_of_the_index(tab, corpus):
    name, root = corpus
    site, word = root / "site", WORD[name]
    ix = open_index(root / ".hub-cache" / "search")
    tab.goto((site / "explore" / "index.html").as_uri())
    until(tab, "document.getElementById('hub-explore').hasAttribute('data-result-count')")
    opening = [href.split("/", 1)[1] for href in listed(tab)]
    assert len(opening) == 20  # the newest case studies, from the table and their pieces
    tab.type("#hub-query", word, delay=20)
    expected = [url for url, _ in whoosh_top(ix, word, {}, limit=20)]
    total = whoosh_total(ix, word, {})
    until(tab, f"document.getElementById('hub-explore').getAttribute('data-result-count') === '{total}'")
    assert [href.split("/", 1)[1] for href in listed(tab)] == expected
    read = search_files(tab, site)
    folder = head_of(site)["folder"]
    assert read[0] == "hub-index.js" and f"{folder}/table.js" in read
    assert not any(name.endswith("/spell.js") for name in read)
    # The documents' pieces read are those of the documents listed, no more.
    piece_of = {}
    for name, text in pieces_of(site).items():
        if DOCS.match(name):
            for entry in json.loads(json.loads(text.split("JSON.parse(", 1)[1].rsplit("));", 1)[0])):
                piece_of[entry[0]] = name
    assert {name for name in read if DOCS.search(name.removesuffix(".js"))} == {
        f"{folder}/{piece_of[url]}.js" for url in opening + expected}
    # The terms' pieces: one for each word typed so far at most (its letters typed one by one), a few in all.
    terms_read = [name for name in read if TERMS.search(name.removesuffix(".js"))]
    assert 1 <= len(terms_read) <= len(word) - 1 and len(terms_read) < len(head_of(site)["termFences"]) / 2
    # The filters' counts follow once the facets' columns are read, the partners' too, as Whoosh counts them.
    until(tab, "document.querySelector('#hub-facets input[data-facet=partners]') !== null")
    value = tab.get_attribute("#hub-facets input[data-facet=partners]", "data-value")
    count = tab.eval_on_selector("#hub-facets input[data-facet=partners]",
                                 "b => b.closest('label').querySelector('.hub-count').textContent")
    assert count == f"({whoosh_total(ix, word, {'partners': [value]})})"


def test_show_more_loads_the_next_documents_and_lists_them(tab, corpus):
    site = corpus[1] / "site"
    tab.goto((site / "explore" / "index.html").as_uri() + "#kind=case-study")
    until(tab, "document.getElementById('hub-explore').getAttribute('data-result-count') > '0'")
    until(tab, "document.querySelectorAll('#hub-results > li').length === 20")
    before = len(search_files(tab, site))
    tab.click("#hub-more")
    until(tab, "document.querySelectorAll('#hub-results > li').length === 40")
    assert len(search_files(tab, site)) > before  # the next twenty's pieces
    assert until(tab, "document.activeElement.closest('li') === document.querySelectorAll('#hub-results > li')[20]")


def test_did_you_mean_loads_its_words_only_for_an_unknown_word(tab, prose_root):
    ix = open_index(prose_root / ".hub-cache" / "search")
    site = prose_root / "site"
    tab.goto((site / "explore" / "index.html").as_uri() + "#q=message")
    until(tab, "document.getElementById('hub-explore').getAttribute('data-result-count') !== null")
    tab.wait_for_timeout(600)  # longer than did-you-mean's pause
    assert not any(name.endswith("/spell.js") for name in search_files(tab, site))
    tab.fill("#hub-query", "mesage")
    tab.wait_for_selector("#hub-suggestion a", timeout=5000)
    from hub_plugin.search.query import search

    assert tab.inner_text("#hub-suggestion a") == search(ix, "mesage")[1] == "message"
    assert any(name.endswith("/spell.js") for name in search_files(tab, site))


def test_the_header_search_loads_nothing_until_used_then_the_same_pieces(tab, prose_root):
    ix = open_index(prose_root / ".hub-cache" / "search")
    site = prose_root / "site"
    tab.goto((site / "about" / "index.html").as_uri())
    tab.wait_for_load_state("load")
    assert search_files(tab, site) == []
    tab.click("#hub-header-q")
    tab.type("#hub-header-q", "charset", delay=20)
    tab.wait_for_selector("#hub-header-results li a")
    expected = [url for url, _ in whoosh_top(ix, "charset", {}, limit=6)]
    hrefs = tab.eval_on_selector_all("#hub-header-results li a", "links => links.map(a => a.getAttribute('href'))")
    assert [href.split("/", 1)[1] for href in hrefs] == expected
    folder = head_of(prose_root / "site")["folder"]
    read = search_files(tab, site)
    assert read[0] == "hub-index.js" and all(name.startswith(folder + "/") for name in read[1:]) and len(read) > 2
