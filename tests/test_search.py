"""The hub's search on the Python side: the Whoosh index, its upkeep, and ``hub search``.

The hub under test is tests/helpers.py's small hub plus the case studies of
tests/search_helpers.py, whose expectations are written down
there from the files, not asked of the plugin. The browser engine's agreement
with Whoosh is tested in Chromium by test_search_browser.py; here Node runs it
once more on an index that has been edited and shrunk by incremental builds.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import mkdocs_build
from helpers import CASE_STUDY_PATH
from search_helpers import (
    COUNTRIES,
    PERIODS,
    PLAN_FORMS,
    SLUGS,
    THEMES,
    case_url,
    explain,
    same_ranking,
    whoosh_top,
    write_search_hub,
)

from hub_plugin.check.loading import load_catalogue
from hub_plugin.derive.urls import Urls
from hub_plugin.hosts.cli.main import main
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.search import index as search_index
from hub_plugin.search.analysis import analyse
from hub_plugin.search.documents import documents as search_documents
from hub_plugin.search.export import export_browser_index
from hub_plugin.search.index import open_index, update_index
from hub_plugin.search.query import search
from hub_plugin.search.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "hub_plugin" / "assets" / "search"


# -- fixtures ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The search hub, built once with a normal build; tests here only read it."""
    root = write_search_hub(tmp_path_factory.mktemp("search-hub") / "hub")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


@pytest.fixture(scope="module")
def ix(built):
    index = open_index(built / ".hub-cache" / "search")
    assert index is not None, "the build left no Whoosh index in .hub-cache/search"
    return index


@pytest.fixture
def hub(tmp_path) -> Path:
    """A fresh, unbuilt copy of the search hub, to edit."""
    return write_search_hub(tmp_path / "hub")


def urls_of(results) -> list[str]:
    return [result.url for result in results]


def case_slugs(urls) -> set[str]:
    return {url.split("/")[1] for url in urls if url.startswith("case-studies/")}


def run_hub(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["-f", str(root / "mkdocs.yml"), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- what matches and how it ranks -------------------------------------------------------

def test_english_word_forms_find_the_same_documents(ix):
    forms = ["plan", "plans", "planning", "planned"]
    assert {tuple(analyse(form)) for form in forms} == {("plan",)}
    results = {form: urls_of(search(ix, form, limit=50)[0]) for form in forms}
    for form in forms:
        assert results[form] == results["plan"], f"{form!r} finds other documents than 'plan'"
    # Each case study holds just one of the forms (PLAN_FORMS), and every form finds all three.
    assert case_slugs(results["planned"]) == set(PLAN_FORMS)


def test_a_title_match_ranks_above_a_passing_mention_in_the_body(ix):
    results, _ = search(ix, "composting")
    ranked = urls_of(results)
    assert ranked[:1] == [case_url("delta-composting")], ranked
    assert case_url("gamma-water-kiosks") in ranked, "the passing mention in the body is not found at all"
    assert results[0].score > 10 * results[ranked.index(case_url("gamma-water-kiosks"))].score


def test_every_word_of_the_query_must_match_and_stop_words_are_ignored(ix):
    assert urls_of(search(ix, "water desalination")[0]) == [case_url("gamma-water-kiosks")]
    assert search(ix, "İzmir desalination")[0] == []
    plain = search(ix, "composting markets")[0]
    assert plain, "no result for 'composting markets'"
    assert search(ix, "the composting of the markets")[0] == plain
    assert search(ix, "the of and")[0] == []


def test_a_name_with_a_dotted_capital_i_is_found(ix):
    assert case_url("izmir-beta-plans") in urls_of(search(ix, "İzmir")[0])


@pytest.mark.parametrize("typo, meant", [("compostng", "composting"), ("sanitaton", "sanitation"),
                                         ("wter kiosks", "water kiosks")])
def test_a_typo_gives_did_you_mean(ix, typo, meant):
    results, suggestion = search(ix, typo)
    assert suggestion == meant
    assert search(ix, suggestion)[0], f"the suggestion {suggestion!r} finds nothing"


def test_words_written_in_the_hub_get_no_suggestion(ix):
    for query in ("composting", "water kiosks", "land use plans", "the budget"):
        results, suggestion = search(ix, query)
        assert results and suggestion is None, (query, suggestion)


def test_an_unwritten_form_of_a_known_word_gets_no_suggestion(ix):
    # "budgets" is not written anywhere in the hub, but it is a form of "budget", which is.
    results, suggestion = search(ix, "budgets")
    assert case_url("alpha-beta-mentoring") in urls_of(results)
    assert suggestion is None


# -- facets and periods ------------------------------------------------------------------

def expected_slugs(filters: dict[str, list[str]]) -> set[str]:
    """AND across facets, OR within one, from the table in search_helpers."""
    held = {"themes": THEMES, "countries": COUNTRIES}
    return {slug for slug in SLUGS
            if all(set(values) & held[facet][slug] for facet, values in filters.items())}


FACET_CASES = [
    {"themes": ["governance"]},
    {"themes": ["water-and-sanitation", "waste-management"]},
    {"countries": ["MW"]},
    {"countries": ["MW", "TR"]},
    {"themes": ["governance"], "countries": ["MW"]},
    {"themes": ["service-delivery"], "countries": ["KE", "TR"]},
    {"themes": ["governance", "service-delivery"], "countries": ["TR", "KE"]},
    {"themes": ["governance"], "countries": ["KE"]},
]


@pytest.mark.parametrize("filters", FACET_CASES, ids=lambda f: ";".join(f"{k}={'|'.join(v)}" for k, v in f.items()))
def test_facets_filter_and_across_facets_or_within_one(ix, filters):
    expected = expected_slugs(filters)
    # with no words: only the filters choose
    found = urls_of(search(ix, "", {**filters, "kind": ["case-study"]}, limit=100)[0])
    assert set(found) == {case_url(slug) for slug in expected}
    # with words: the filters narrow what the words find
    found = urls_of(search(ix, "beta", {**filters, "kind": ["case-study"]}, limit=100)[0])
    assert set(found) == {case_url(slug) for slug in expected}


def test_a_country_filter_also_finds_partners_there(ix):
    found = set(urls_of(search(ix, "", {"countries": ["TR"]}, limit=100)[0]))
    assert found == {case_url("izmir-beta-plans"), "partners/izmir/"}


def test_a_partner_is_found_under_its_region_and_every_broader_region_as_case_studies_are():
    from hub_plugin.model.vocabularies import KIND_FACET

    catalogue = load_catalogue(HubPaths.at(REPO), Report())
    docs = search_documents(catalogue, Urls(True))
    regions = catalogue.taxonomy["regions"]
    for doc in docs:
        held = set(doc.facets.get("regions", []))
        for region in held:
            parent = regions.terms[region].parent
            assert parent is None or parent in held, f"{doc.id}: in {region} but not in {parent}"
    # So the counts agree across levels: nothing in a sub-region is missing from its region.
    for region_id, term in regions.terms.items():
        if term.parent is None:
            continue
        inside = {d.id for d in docs if region_id in d.facets.get("regions", [])}
        broader = {d.id for d in docs if term.parent in d.facets.get("regions", [])}
        assert inside <= broader, region_id
    assert any(d.facets[KIND_FACET] == ["partner"] and len(d.facets["regions"]) > 1 for d in docs)


def overlapping(since, until) -> set[str]:
    return {slug for slug, (start, end) in PERIODS.items()
            if (since is None or end is None or end >= since) and (until is None or start <= until)}


@pytest.mark.parametrize("years", [(2016, None), (None, 2009), (2008, 2010), (2018, 2019), (2030, None),
                                   (2012, 2015), (2017, 2017), (None, 2005), (1990, 2004)])
def test_the_period_filter_keeps_case_studies_whose_years_overlap(ix, years):
    results, _ = search(ix, "", {}, limit=100, years=years)
    assert set(urls_of(results)) == {case_url(slug) for slug in overlapping(*years)}
    with_words = search(ix, "beta", {}, limit=100, years=years)[0]
    assert set(urls_of(with_words)) == {case_url(slug) for slug in overlapping(*years)}


# -- where the index lives and how it is kept --------------------------------------------

WHOOSH_FILES = ("*.toc", "*.seg", "*_WRITELOCK", "fingerprint")


def whoosh_files(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for pattern in WHOOSH_FILES for path in folder.rglob(pattern))


def test_the_index_lives_in_the_cache_dir_beside_mkdocs_yml_not_in_the_site(built):
    cache = built / ".hub-cache" / "search"
    assert open_index(cache) is not None
    assert (cache / "fingerprint").is_file()
    assert whoosh_files(built / "site") == []
    assert (built / "site" / "search" / "hub-index.js").is_file()


def test_hub_build_keeps_the_index_beside_mkdocs_yml_even_for_another_site_dir(hub, tmp_path, capsys):
    code, _, err = run_hub(capsys, hub, "build", "-d", str(tmp_path / "elsewhere" / "site"))
    assert code == 0, err
    assert open_index(hub / ".hub-cache" / "search") is not None
    assert whoosh_files(tmp_path / "elsewhere") == []
    code, _, err = run_hub(capsys, hub, "build", "--offline", "-d", str(tmp_path / "offline"))
    assert code == 0, err
    assert open_index(hub / ".hub-cache" / "search-files") is not None
    assert whoosh_files(tmp_path / "offline") == []


def test_the_cache_dir_option_moves_the_index(hub):
    config = hub / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - hub:\n", "  - hub:\n      cache_dir: var/hub-cache\n"))
    mkdocs_build(config, hub / "site")
    assert open_index(hub / "var" / "hub-cache" / "search") is not None
    assert not (hub / ".hub-cache").exists()
    assert whoosh_files(hub / "site") == []


class _LastUpdate:
    """What the last build's index update did, as the indexer (a second process) records it."""

    def __init__(self, index_dir: Path):
        self.file = index_dir / "last-update.json"

    def __getitem__(self, position: int) -> dict[str, int]:
        assert position == -1
        return json.loads(self.file.read_text(encoding="utf-8"))


@pytest.fixture
def update_counts(hub) -> _LastUpdate:
    return _LastUpdate(hub / ".hub-cache" / "search")


def browser_index_text(site: Path) -> str:
    """search/hub-index.js as text (its encoding is the exporter's business; words and URLs show in it)."""
    text = (site / "search" / "hub-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.HUB_INDEX=")
    return text


def test_rebuilds_update_the_index_one_document_at_a_time(hub, update_counts):
    config, site = hub / "mkdocs.yml", hub / "site"
    ix_dir = hub / ".hub-cache" / "search"
    mkdocs_build(config, site)
    first = update_counts[-1]
    assert first["updated"] == first["documents"] > len(SLUGS) and first["removed"] == 0

    mkdocs_build(config, site)
    assert update_counts[-1] == {"documents": first["documents"], "updated": 0, "removed": 0}

    edited = hub / CASE_STUDY_PATH
    edited.write_text(edited.read_text().replace("never drawn up a budget", "never drawn up a zeppelin budget"))
    mkdocs_build(config, site)
    assert update_counts[-1] == {"documents": first["documents"], "updated": 1, "removed": 0}
    ix = open_index(ix_dir)
    assert urls_of(search(ix, "zeppelin")[0]) == [case_url("alpha-beta-mentoring")]
    assert "zeppelin" in browser_index_text(site)

    (hub / "content" / "case-studies" / "delta-composting.md").unlink()
    mkdocs_build(config, site)
    assert update_counts[-1] == {"documents": first["documents"] - 1, "updated": 0, "removed": 1}
    ix = open_index(ix_dir)
    assert case_url("delta-composting") not in urls_of(search(ix, "composting")[0])
    assert ix.doc_count() == first["documents"] - 1  # deleted documents may wait for a merge: scores count live ones
    assert case_url("delta-composting") not in browser_index_text(site)
    assert case_url("gamma-water-kiosks") in browser_index_text(site)


def _documents(root: Path):
    report = Report()
    catalogue = load_catalogue(HubPaths.at(root), report)
    assert not report.has_errors, report.format()
    return search_documents(catalogue, Urls())


def test_update_index_compares_content_hashes(hub, tmp_path):
    import dataclasses

    docs = _documents(hub)
    where = tmp_path / "index"
    assert update_index(where, docs) == {"documents": len(docs), "updated": len(docs), "removed": 0}
    assert update_index(where, docs) == {"documents": len(docs), "updated": 0, "removed": 0}
    changed = [dataclasses.replace(doc, summary=doc.summary + " Now with kiosks.") if i == 0 else doc
               for i, doc in enumerate(docs)]
    assert update_index(where, changed) == {"documents": len(docs), "updated": 1, "removed": 0}
    assert update_index(where, changed[1:]) == {"documents": len(docs) - 1, "updated": 0, "removed": 1}
    ix = open_index(where)
    assert ix.doc_count() == len(docs) - 1
    assert docs[0].id not in {fields["id"] for fields in ix.searcher().all_stored_fields()}


def test_a_page_an_older_index_holds_twice_is_held_once_after_the_next_update(hub, tmp_path):
    import dataclasses

    docs = _documents(hub)
    where = tmp_path / "index"
    twice = [*docs, dataclasses.replace(docs[0], kind="term", summary="")]  # as a programme was: record and term page
    update_index(where, twice)
    assert update_index(where, docs) == {"documents": len(docs), "updated": 1, "removed": 0}
    with open_index(where).searcher() as searcher:
        assert [fields["id"] for fields in searcher.all_stored_fields()].count(docs[0].id) == 1
        assert searcher.doc_count() == len(docs)


@pytest.mark.parametrize("damage", ["truncated segment", "unreadable table of contents", "classes moved"])
def test_an_index_that_cannot_be_read_is_built_again_and_the_update_goes_on(hub, tmp_path, damage):
    """The index is a cache: a damaged one (or one whose pickled classes an older hub wrote) never fails a build."""
    docs = _documents(hub)
    where = tmp_path / "index"
    update_index(where, docs)
    folder = where / f"v{SCHEMA_VERSION}"
    if damage == "truncated segment":
        for segment in folder.glob("*.seg"):
            segment.write_bytes(segment.read_bytes()[:40])
    elif damage == "unreadable table of contents":
        for toc in folder.glob("*.toc"):
            toc.write_bytes(b"\x80\x04not a pickle")
    else:
        for toc in folder.glob("*.toc"):
            toc.write_bytes(toc.read_bytes().replace(b"hub_plugin.search.schema", b"hub_plugin.search.gone__"))
    assert update_index(where, docs) == {"documents": len(docs), "updated": len(docs), "removed": 0}
    assert urls_of(search(open_index(where), "composting")[0])


def test_an_index_written_in_many_segments_exports_the_same_browser_index(hub, tmp_path, monkeypatch):
    docs = _documents(hub)
    update_index(tmp_path / "whole", docs)
    monkeypatch.setattr(search_index, "SEGMENT_DOCUMENTS", 3)
    update_index(tmp_path / "segments", docs)
    segmented = open_index(tmp_path / "segments")
    assert len(segmented.reader().leaf_readers()) == -(-len(docs) // 3)
    export = {name: export_browser_index(open_index(tmp_path / name), {}, {}) for name in ("whole", "segments")}
    assert export["segments"] == export["whole"]
    for query in ("composting", "water kiosks", "budget"):
        assert search(segmented, query)[0] == search(open_index(tmp_path / "whole"), query)[0]


def test_did_you_mean_forgets_the_words_of_a_removed_page_at_once(hub, tmp_path):
    import dataclasses

    docs = _documents(hub)
    where = tmp_path / "index"
    with_word = [dataclasses.replace(doc, body=doc.body + " zeppelins") if i == 0 else doc for i, doc in enumerate(docs)]
    update_index(where, with_word)
    assert search(open_index(where), "zeppelinz")[1] == "zeppelins"
    update_index(where, docs[1:])  # the page is deleted in its segment, not yet merged away
    assert search(open_index(where), "zeppelinz")[1] is None


# -- the browser engine after incremental builds (Node; optional) -----------------------

NODE_ENGINE = r"""
const fs = require("fs"), vm = require("vm");
const [stemmer, indexFile, engineFile, queriesFile] = process.argv.slice(1);
const context = { window: {} };
vm.createContext(context);
for (const file of [stemmer, indexFile, engineFile]) vm.runInContext(fs.readFileSync(file, "utf8"), context);
const index = context.window.HUB_INDEX;
// No document in Node: the pieces are read as files, each the script a page would add.
const folder = indexFile.replace(/[^/]*$/, "");
const load = (key) => { vm.runInContext(fs.readFileSync(folder + key + ".js", "utf8"), context);
                        return context.pieces[key] ? Promise.resolve(context.pieces[key]) : Promise.reject(new Error(key)); };
context.pieces = {};
context.hubSearchPiece = (key, data) => { context.pieces[key] = data; };
const engine = new context.window.HubSearch.Engine(index, context.hubStem, {load});
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
(async () => {
  const out = [];
  for (const [q, f, y] of queries) {
    await engine.ready(q, f);
    const top = engine.search(q, f, y ? {from: y[0], to: y[1]} : undefined).results.slice(0, 10);
    await engine.docsReady(top.map((r) => r.doc));
    out.push(top.map((r) => [engine.doc(r.doc)[0], r.score]));
  }
  console.log(JSON.stringify(out));
})().catch((error) => { console.error(error); process.exit(1); });
"""

NODE_QUERIES = [("budget", {}, None), ("beta", {}, None), ("water kiosks", {}, None), ("plans", {}, None),
                ("the markets of the town", {}, None), ("zeppelin", {}, None), ("composting", {}, None),
                ("town", {"countries": ["MW"]}, None), ("beta", {"themes": ["governance"]}, (2011, None)),
                ("partners met", {"kind": ["case-study"]}, None)]


def test_node_engine_agrees_with_whoosh_after_edits_and_deletions(hub, tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not on PATH (optional check; Chromium covers the agreement)")
    config, site = hub / "mkdocs.yml", hub / "site"
    mkdocs_build(config, site)
    edited = hub / CASE_STUDY_PATH
    edited.write_text(edited.read_text().replace("never drawn up a budget", "never drawn up a zeppelin budget"))
    (hub / "content" / "case-studies" / "delta-composting.md").unlink()
    mkdocs_build(config, site)
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(NODE_QUERIES), encoding="utf-8")
    run = subprocess.run([node, "-e", NODE_ENGINE, str(ASSETS / "stemmer.js"), str(site / "search" / "hub-index.js"),
                          str(ASSETS / "hub-search.js"), str(queries)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    ix = open_index(hub / ".hub-cache" / "search")
    problems = []
    for (text, filters, years), browser in zip(NODE_QUERIES, json.loads(run.stdout)):
        python = whoosh_top(ix, text, filters, years)
        browser = [tuple(pair) for pair in browser]
        if same_ranking(python, browser):
            problems.append(explain(text, python, browser))
    assert not problems, "\n".join(problems)


# -- hub search --------------------------------------------------------------------------

def test_hub_search_prints_ranked_results_with_title_path_and_marked_snippet(built, ix, capsys):
    code, out, err = run_hub(capsys, built, "search", "market traders")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "1. Composting at the markets of Delta City  (Case study)"
    assert lines[1] == "   case-studies/delta-composting/"
    assert "[Market] [traders]" in lines[2]
    # every result, in Whoosh's order
    titles = [line.split(". ", 1)[1].rsplit("  (", 1)[0] for line in lines if line[:1].isdigit()]
    assert titles == [result.title for result in search(ix, "market traders")[0]]


def test_hub_search_ranks_the_title_match_first(built, capsys):
    code, out, _ = run_hub(capsys, built, "search", "composting")
    assert code == 0
    numbered = [line for line in out.splitlines() if line[:1].isdigit()]
    assert numbered[0].startswith("1. Composting at the markets of Delta City")
    assert numbered[1].startswith("2. Water kiosks for Gamma Village")


def test_hub_search_marks_a_word_found_only_in_the_summary(built, capsys):
    code, out, _ = run_hub(capsys, built, "search", "desalination", "--json")
    assert code == 0
    (result,) = json.loads(out)["results"]
    assert "[desalination]" in result["snippet"]


def test_hub_search_json_parses_and_matches_the_python_search(built, ix, capsys):
    code, out, err = run_hub(capsys, built, "search", "plans", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["query"] == "plans" and data["filters"] == {} and data["suggestion"] is None
    expected = search(ix, "plans")[0]
    assert [r["url"] for r in data["results"]] == urls_of(expected)
    assert [r["score"] for r in data["results"]] == sorted((r["score"] for r in data["results"]), reverse=True)
    assert {"url", "kind", "title", "summary", "score", "snippet"} <= set(data["results"][0])
    code, out, _ = run_hub(capsys, built, "search", "compostng", "--json")
    assert code == 0 and json.loads(out)["suggestion"] == "composting"


@pytest.mark.parametrize("flags, filters", [
    (["--theme", "governance"], {"themes": ["governance"]}),
    (["--country", "mw"], {"countries": ["MW"]}),
    (["--theme", "governance", "--country", "MW"], {"themes": ["governance"], "countries": ["MW"]}),
    (["--theme", "waste-management", "--theme", "water-and-sanitation"],
     {"themes": ["waste-management", "water-and-sanitation"]}),
])
def test_hub_search_filters_by_theme_and_country(built, capsys, flags, filters):
    code, out, err = run_hub(capsys, built, "search", "--kind", "case-study", *flags, "--json")
    assert code == 0, err
    found = {r["url"] for r in json.loads(out)["results"]}
    assert found == {case_url(slug) for slug in expected_slugs(filters)}
    code, out, _ = run_hub(capsys, built, "search", "beta", *flags, "--json")
    assert case_slugs(r["url"] for r in json.loads(out)["results"]) == expected_slugs(filters)


def test_hub_search_country_filter_also_lists_partners(built, capsys):
    code, out, _ = run_hub(capsys, built, "search", "--country", "tr", "--json")
    assert code == 0
    assert {r["url"] for r in json.loads(out)["results"]} == {case_url("izmir-beta-plans"), "partners/izmir/"}


def test_hub_search_period_options(built, capsys):
    code, out, _ = run_hub(capsys, built, "search", "--from", "2008", "--to", "2010", "--json")
    assert code == 0
    assert {r["url"] for r in json.loads(out)["results"]} == {case_url(s) for s in overlapping(2008, 2010)}


def test_hub_search_builds_the_index_when_it_is_missing(hub, capsys):
    assert not (hub / ".hub-cache").exists()
    code, out, err = run_hub(capsys, hub, "search", "budget")
    assert code == 0, err
    assert "Updating the search index" in err
    assert "case-studies/alpha-beta-mentoring/" in out
    assert open_index(hub / ".hub-cache" / "search") is not None
    assert not (hub / "site").exists(), "hub search built the site"
    code, out, err = run_hub(capsys, hub, "search", "budget")
    assert code == 0 and "Updating" not in err, "an up-to-date index was rebuilt"


def test_hub_search_builds_a_damaged_index_again_instead_of_a_traceback(hub, capsys):
    code, _, err = run_hub(capsys, hub, "search", "budget")
    assert code == 0, err
    for segment in (hub / ".hub-cache" / "search" / f"v{SCHEMA_VERSION}").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:40])
    code, out, err = run_hub(capsys, hub, "search", "budget")
    assert code == 0 and "Traceback" not in err, err
    assert "Updating the search index" in err
    assert "case-studies/alpha-beta-mentoring/" in out


def test_hub_search_updates_a_stale_index_without_a_build(hub, capsys):
    mkdocs_build(hub / "mkdocs.yml", hub / "site")
    code, out, _ = run_hub(capsys, hub, "search", "zeppelin", "--json")
    assert code == 0 and json.loads(out)["results"] == []
    edited = hub / "content" / "case-studies" / "gamma-water-kiosks.md"
    edited.write_text(edited.read_text().replace("## Context\n\n", "## Context\n\nA zeppelin landed near the kiosks. "))
    code, out, err = run_hub(capsys, hub, "search", "zeppelin", "--json")
    assert code == 0, err
    assert [r["url"] for r in json.loads(out)["results"]] == [case_url("gamma-water-kiosks")]
    assert "[zeppelin]" in json.loads(out)["results"][0]["snippet"]
    # deleting a file is seen too
    edited.unlink()
    code, out, _ = run_hub(capsys, hub, "search", "zeppelin", "--json")
    assert code == 0 and json.loads(out)["results"] == []


@pytest.mark.parametrize("args", [[], ["--json"], ["-n", "5"], [""]])
def test_hub_search_without_words_or_filters_is_a_usage_error(built, capsys, args):
    code, out, err = run_hub(capsys, built, "search", *args)
    assert code == 2
    assert out == ""
    assert "give words to search for" in err


def test_hub_search_reports_no_results(built, capsys):
    code, out, _ = run_hub(capsys, built, "search", "xylophone")
    assert code == 0
    assert "No results." in out


TRICKY_TEXT = ("The İzmir café and Cafe\u0301 of Saõ Paulo: ½ of the e.g. U.N.-led plans, "
               "re-use ﬁnance *wild* a I 2010-2015 Ölüdeniz naïve NAÏVE x.y.z the of and")


def test_indexing_analyses_each_word_as_the_whole_analyzer_chain_would():
    # The index is fed each distinct word's analysis (WordMemo), not the text: the words must be the same.
    from hub_plugin.search.analysis import ANALYZER as _ANALYZER
    from hub_plugin.search.analysis import WORDS as _WORDS
    from hub_plugin.search.analysis import WordMemo

    for chain in (_ANALYZER, _WORDS):
        expected = [token.text for token in chain(TRICKY_TEXT, mode="index")]
        memo = WordMemo(chain)
        assert memo(TRICKY_TEXT) == expected
        assert memo(TRICKY_TEXT) == expected  # and again, from the memo
    assert "izmir" in WordMemo(_WORDS)(TRICKY_TEXT) and "the" not in WordMemo(_ANALYZER)(TRICKY_TEXT)


def test_the_word_memo_starts_again_when_full():
    from hub_plugin.search.analysis import ANALYZER as _ANALYZER
    from hub_plugin.search.analysis import WordMemo

    memo = WordMemo(_ANALYZER)
    memo.LIMIT = 3
    expected = [token.text for token in _ANALYZER(TRICKY_TEXT, mode="index")]
    assert memo(TRICKY_TEXT) == expected
    assert memo("cities twinning") == ["citi", "twin"]
    assert sorted(memo.words) == ["cities", "twinning"]  # the words of the first text were dropped
