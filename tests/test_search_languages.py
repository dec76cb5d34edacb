"""Each edition searches in its own language: its index, its queries, did-you-mean and the browser engine.

The hub under test is the search hub of search_helpers.py in three editions (English at the root,
French in fr/, Spanish in es/), with the translations of ``EDITION_TRANSLATIONS``. Its one
waste-management case study, delta-composting, is not translated: the French and Spanish editions show
its English text, and only its theme's label is in their language ("Gestion des déchets", "Gestión de
residuos"). A reader of the French edition who types "gestion des déchets" must find it all the same,
with ``hub search --lang fr`` as in the browser, and the browser engine, stemming with the French or
Spanish Snowball port, must rank exactly as Whoosh does: the same top ten, the same scores.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build
from search_helpers import (
    check_agreement,
    engine_top,
    query_id,
    serve,
    whoosh_top,
    write_editions_search_hub,
)
from whoosh.analysis import STOP_WORDS

from hub_plugin.hosts.cli.main import main
from hub_plugin.search.analysis import analyse, fold
from hub_plugin.search.documents import SearchDocument
from hub_plugin.search.index import LANGUAGE_FILE, index_language, open_index, update_index
from hub_plugin.search.query import search
from hub_plugin.search.schema import SCHEMA_VERSION
from hub_plugin.search.scripts import browser_scripts
from hub_plugin.search.stemmers import stems, stop_words, terms

EDITIONS = {"en": "", "fr": "fr/", "es": "es/"}
WASTE_CASE = "case-studies/delta-composting/"   # theme waste-management, text in English in every edition
READY = "document.getElementById('hub-explore') && document.getElementById('hub-explore').hasAttribute('data-result-count')"


@pytest.fixture(scope="module")
def hub(tmp_path_factory) -> Path:
    root = write_editions_search_hub(tmp_path_factory.mktemp("search-languages") / "hub")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


def index_of(root: Path, language: str):
    folder = root / ".hub-cache" / ("search" if language == "en" else f"search-{language}")
    ix = open_index(folder, language)
    assert ix is not None, f"no index analysed in {language} in {folder}"
    return ix


def hub_search(capsys, root: Path, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["-f", str(root / "mkdocs.yml"), "search", *args])
    out, err = capsys.readouterr()
    return code, out, err


def found_urls(capsys, root: Path, *args: str) -> list[str]:
    code, out, err = hub_search(capsys, root, *args, "--json", "-n", "50")
    assert code == 0, err
    return [result["url"] for result in json.loads(out)["results"]]


# -- hub search --lang --------------------------------------------------------------------

@pytest.mark.parametrize(("language", "query"), [("fr", "gestion des déchets"), ("fr", "Gestion des dechets"),
                                                 ("es", "gestión de residuos"), ("es", "gestion de residuos")])
def test_the_theme_in_the_edition_language_finds_a_case_study_whose_text_is_english(hub, capsys, language, query):
    urls = found_urls(capsys, hub, "--lang", language, query)
    assert EDITIONS[language] + WASTE_CASE in urls, urls
    assert EDITIONS[language] + "themes/waste-management/" in urls  # the theme's own page, named so
    assert all(url.startswith(EDITIONS[language]) for url in urls), urls  # this edition's pages only


def test_hub_search_searches_the_first_language_unless_told(hub, capsys):
    assert found_urls(capsys, hub, "composting")[0] == WASTE_CASE
    assert found_urls(capsys, hub, "--lang", "en", "composting")[0] == WASTE_CASE
    assert found_urls(capsys, hub, "--lang", "fr", "composting")[0] == "fr/" + WASTE_CASE  # its English text


def test_hub_search_prints_the_kinds_in_the_edition_language(hub, capsys):
    code, out, _ = hub_search(capsys, hub, "--lang", "fr", "kiosques")
    assert code == 0
    assert out.splitlines()[0] == "1. Des kiosques à eau pour Gamma Village  (Étude de cas)"
    assert "[kiosques]" in out


def test_a_language_the_hub_has_no_edition_in_is_one_error_line_naming_its_languages(hub, capsys):
    code, out, err = hub_search(capsys, hub, "--lang", "de", "Abfall")
    assert code == 2 and out == ""
    assert err.splitlines() == ["hub: error: the hub has no edition in 'de'; its languages: en, fr, es"]


@pytest.mark.parametrize(("language", "typo", "meant"), [("fr", "kiosqes", "kiosques"), ("fr", "déchts", "dechets"),
                                                          ("es", "presupesto", "presupuesto"), ("en", "kiosqes", "kiosks")])
def test_did_you_mean_suggests_a_word_of_the_edition(hub, capsys, language, typo, meant):
    code, out, _ = hub_search(capsys, hub, "--lang", language, typo, "--json")
    assert code == 0
    assert json.loads(out)["suggestion"] == meant


def test_a_word_typed_with_its_accents_is_known_and_draws_no_suggestion(hub):
    ix = index_of(hub, "fr")
    for text in ("créés", "été", "côte", "planifie", "élus"):
        results, suggestion = search(ix, text)
        assert results and suggestion is None, text


@pytest.mark.parametrize(("language", "typed", "case", "written"), [
    ("fr", "planification financiere", "alpha-beta-mentoring", "financière"),
    ("fr", "urbanistes etudie", "izmir-beta-plans", "étudié"),
    ("es", "crecio", "izmir-beta-plans", "creció")])
def test_a_word_typed_without_its_accents_finds_and_marks_the_word_written_with_them(hub, capsys, language, typed,
                                                                                      case, written):
    assert len(terms(language, written)) == 2  # its accents change its stem: the index holds both
    code, out, _ = hub_search(capsys, hub, "--lang", language, typed, "--json")
    assert code == 0
    found = json.loads(out)
    (result,) = [one for one in found["results"] if one["url"] == f"{EDITIONS[language]}case-studies/{case}/"]
    assert f"[{written}]" in result["snippet"] and found["suggestion"] is None


# -- the indexes ---------------------------------------------------------------------------

def test_each_edition_index_records_its_language_and_holds_its_terms(hub):
    for language in EDITIONS:
        ix = index_of(hub, language)
        assert index_language(ix) == language
        with ix.searcher() as searcher:
            themes = {term.decode() if isinstance(term, bytes) else term for term in searcher.lexicon("themes")}
        expected = {"en": {"wast", "manag"}, "fr": {"gestion", "dechet"}, "es": {"gestion", "residu"}}[language]
        assert expected <= themes, (language, sorted(themes))
    assert analyse("gestion des déchets", "fr") == ["gestion", "dechet"]
    assert analyse("gestión de residuos", "es") == ["gestion", "residu"]


def test_an_index_analysed_in_another_language_is_made_again(tmp_path):
    docs = [SearchDocument(id=f"case-studies/{n}/", kind="case-study", title=title, summary="", body="")
            for n, title in enumerate(["Les déchets créés", "Gestion des eaux"])]
    assert update_index(tmp_path, docs, "en")["updated"] == 2
    assert update_index(tmp_path, docs, "en")["updated"] == 0
    assert update_index(tmp_path, docs, "fr")["updated"] == 2  # same documents, another analysis
    assert (tmp_path / f"v{SCHEMA_VERSION}" / LANGUAGE_FILE).read_text() == "fr"
    assert open_index(tmp_path, "en") is None and index_language(open_index(tmp_path, "fr")) == "fr"
    assert [result.url for result in search(open_index(tmp_path), "déchet")[0]] == ["case-studies/0/"]
    (tmp_path / f"v{SCHEMA_VERSION}" / LANGUAGE_FILE).unlink()  # an index written before indexes said theirs
    assert update_index(tmp_path, docs, "fr")["updated"] == 2


def head(site: Path, prefix: str) -> dict:
    text = (site / prefix / "search" / "hub-index.js").read_text(encoding="utf-8")
    found = re.fullmatch(r"window\.HUB_INDEX=JSON\.parse\((.*)\);\n", text, re.S)
    assert found
    return json.loads(json.loads(found.group(1)))


def test_each_head_says_how_its_queries_are_analysed(hub):
    english = head(hub / "site", "")
    assert "language" not in english and "foldFirst" not in english  # as before the editions: English
    assert english["stop"] == sorted(STOP_WORDS)
    for language in ("fr", "es"):
        found = head(hub / "site", EDITIONS[language])
        assert (found["language"], found["foldFirst"], found["minsize"]) == (language, False, 2)
        assert found["stop"] == sorted(stop_words(language))
    assert "etaient" in head(hub / "site", "fr/")["stop"] and "estado" in head(hub / "site", "es/")["stop"]


# -- the scripts each page loads -----------------------------------------------------------

SCRIPT = re.compile(r'<script src="([^"]+)"')


def site_path(page: str, link: str) -> str:
    """A link of the page at ``page`` (a site path like "fr/explore/") as a site path."""
    parts = [part for part in page.split("/")[:-1] if part]
    for part in link.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


@pytest.mark.parametrize("language", list(EDITIONS))
def test_a_page_of_an_edition_loads_its_stemmer_its_index_and_the_engine_in_order(hub, language):
    prefix = EDITIONS[language]
    expected = list(browser_scripts(language, prefix))
    stemmer = {"en": ["stemmer.js"], "fr": ["snowball.js", "stemmer-fr.js"], "es": ["snowball.js", "stemmer-es.js"]}
    assert expected == [f"assets/hub/search/{name}" for name in stemmer[language]] + [
        f"{prefix}search/hub-index.js", "assets/hub/search/hub-search.js"]
    explore = (hub / "site" / prefix / "explore" / "index.html").read_text(encoding="utf-8")
    scripts = [site_path(prefix + "explore/", link) for link in SCRIPT.findall(explore)]
    assert scripts[:len(expected)] == expected, scripts
    about = (hub / "site" / prefix / "about" / "index.html").read_text(encoding="utf-8")
    header = re.search(r'data-scripts="([^"]*)"', about).group(1).split()
    assert [site_path(prefix + "about/", link) for link in header] == expected


def test_a_language_without_a_stemmer_of_its_own_is_searched_as_english():
    assert browser_scripts("pt", "pt/") == ("assets/hub/search/stemmer.js", "pt/search/hub-index.js",
                                            "assets/hub/search/hub-search.js")


# -- the browser: the engine agrees with Whoosh in every edition ---------------------------

FR_QUERIES: list[tuple[str, dict, tuple | None]] = [
    ("gestion des déchets", {}, None), ("Gestion des dechets", {}, None), ("déchets", {}, None), ("gestion", {}, None),
    ("eau", {}, None), ("l'eau potable", {}, None), ("kiosques", {}, None), ("kiosque", {}, None),
    ("budget", {}, None), ("budgets pluriannuels", {}, None), ("planification", {}, None), ("planifie", {}, None),
    ("plans", {}, None), ("créés", {}, None), ("été", {}, None), ("élus", {}, None),
    ("les villes et les habitants", {}, None), ("Beta", {}, None), ("İzmir", {}, None), ("la côte d'İzmir", {}, None),
    ("cote", {}, None), ("financiere", {}, None), ("équipes rencontrees", {}, None), ("etudie", {}, None),
    ("composting", {}, None), ("the markets", {}, None), ("market traders", {}, None),
    ("Afrique", {}, None), ("xylophone", {}, None), ("eau xylophone", {}, None),
    ("beta", {"themes": ["governance"]}, None), ("eau", {"countries": ["MW"]}, None),
    ("beta", {"kind": ["case-study"]}, None), ("beta", {}, (2010, 2016)), ("", {"themes": ["waste-management"]}, None),
    ("gestion des déchets", {"kind": ["case-study"]}, None),
]
ES_QUERIES: list[tuple[str, dict, tuple | None]] = [
    ("gestión de residuos", {}, None), ("gestion de residuos", {}, None), ("residuos", {}, None), ("gestión", {}, None),
    ("agua", {}, None), ("el agua y el saneamiento", {}, None), ("presupuesto", {}, None),
    ("presupuestos plurianuales", {}, None), ("planificación", {}, None), ("planificacion", {}, None),
    ("planes", {}, None), ("ciudades", {}, None), ("ciudad", {}, None), ("la costa de İzmir", {}, None),
    ("costa", {}, None), ("crecio", {}, None), ("creció", {}, None), ("estado", {}, None), ("limpiadas", {}, None), ("los residentes", {}, None),
    ("Beta", {}, None), ("composting", {}, None), ("water kiosks", {}, None), ("África", {}, None),
    ("xilófono", {}, None), ("beta", {"themes": ["governance"]}, None), ("beta", {"countries": ["TR"]}, None),
    ("beta", {"kind": ["case-study"]}, None), ("beta", {}, (2005, 2012)), ("", {"kind": ["partner"]}, None),
    ("gestión de residuos", {"kind": ["case-study"]}, None),
]
QUERIES = {"fr": FR_QUERIES, "es": ES_QUERIES}




@pytest.fixture(scope="module")
def http(hub):
    """The built site over HTTP (from file://, Material's language switch would fetch sitemap.xml in vain)."""
    with serve(hub / "site") as base:
        yield base


@pytest.fixture(scope="module")
def answers(browser, http) -> dict[str, list[dict]]:
    return {language: engine_top(browser, f"{http}{EDITIONS[language]}explore/", queries)
            for language, queries in QUERIES.items()}


@pytest.mark.parametrize(("language", "query"), [(language, query) for language, queries in QUERIES.items()
                                                 for query in queries],
                         ids=[f"{language}:{query_id(query)}" for language, queries in QUERIES.items()
                              for query in queries])
def test_the_browser_engine_ranks_as_whoosh_in_the_french_and_spanish_editions(hub, answers, language, query):
    check_agreement(index_of(hub, language), query, answers[language][QUERIES[language].index(query)])


def test_the_edition_agreement_is_not_vacuous(answers):
    for language, found in answers.items():
        totals = [answer["total"] for answer in found]
        assert sum(1 for total in totals if total) >= len(totals) - 3, (language, totals)
        assert sum(1 for total in totals if total >= 3) >= 6, (language, totals)
    assert WASTE_CASE in " ".join(url for url, _ in answers["fr"][0]["top"])


SEED_QUERIES = {
    "fr": ["gestion des déchets", "eau", "planification", "renforcement des capacités", "renforcement des capacites",
           "coopération décentralisée", "cooperation decentralisee", "collectivites",
           "villes", "développement économique local", "egalite des genres", "mentoring", "Durban", "the water",
           "xylophone"],
    "es": ["gestión de residuos", "agua", "planificación", "fortalecimiento de capacidades", "ciudades", "economia",
           "desarrollo económico local", "igualdad de género", "cooperación", "mentoring", "Lilongwe", "the water",
           "xilófono"],
}


@pytest.fixture(scope="module")
def seed_answers(browser, seed_site) -> dict[str, list[dict]]:
    """The seed's French and Spanish editions over HTTP: their indexes are big enough to come in pieces."""
    with serve(seed_site) as base:
        return {language: engine_top(browser, f"{base}{language}/explore/", [(q, {}, None) for q in queries])
                for language, queries in SEED_QUERIES.items()}


@pytest.mark.parametrize(("language", "text"), [(language, text) for language, texts in SEED_QUERIES.items()
                                                for text in texts])
def test_the_browser_engine_ranks_as_whoosh_in_the_seed_french_and_spanish_editions(seed_site, seed_answers,
                                                                                    language, text):
    ix = open_index(REPO / ".hub-cache" / f"search-{language}", language)
    assert ix is not None
    assert head(seed_site, f"{language}/")["inline"] is None, "the seed's edition index should be in pieces"
    check_agreement(ix, (text, {}, None), seed_answers[language][SEED_QUERIES[language].index(text)])


# -- the browser: a reader of the French and Spanish editions ------------------------------

@pytest.fixture
def tab(browser):
    page = browser.new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and not _sitemap(message) and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.requests = requests  # type: ignore[attr-defined]
    yield page
    page.close()
    assert not problems, problems


def _sitemap(message) -> bool:
    """Material's language switch asks for a sitemap.xml beside each alternate page, which a hub without
    site_url does not have: a 404 of the theme's, not of the search."""
    return message.text.startswith("Failed to load resource") and message.location.get("url", "").endswith("/sitemap.xml")


def result_urls(page, base: str, selector: str = "#hub-results li .hub-card__title a") -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.href)")
    assert all(href.startswith(base) for href in hrefs), hrefs
    return [href[len(base):] for href in hrefs]


def type_query(tab, query: str) -> None:
    tab.fill("#hub-query", "")
    tab.click("#hub-query")
    tab.type("#hub-query", query, delay=15)
    tab.wait_for_function(f"document.getElementById('hub-explore').getAttribute('data-result-query') === {json.dumps(query)}")


@pytest.mark.parametrize(("language", "query", "other"), [("fr", "gestion des déchets", "planification financiere"),
                                                          ("es", "gestión de residuos", "la costa crecio")])
def test_a_reader_of_the_edition_typing_the_theme_finds_the_case_study_and_its_marked_words(hub, http, tab, language,
                                                                                           query, other):
    prefix = EDITIONS[language]
    tab.goto(f"{http}{prefix}explore/")
    tab.wait_for_function(READY)
    type_query(tab, query)
    expected = [url for url, _ in whoosh_top(index_of(hub, language), query, {}, limit=50)]
    assert result_urls(tab, http) == expected
    assert prefix + WASTE_CASE in expected
    # The words marked in the snippets are those whose stem in the edition's language is a query term.
    type_query(tab, other)
    assert result_urls(tab, http) == [url for url, _ in whoosh_top(index_of(hub, language), other, {}, limit=50)]
    marks = tab.eval_on_selector_all("#hub-results mark", "marks => marks.map(m => m.textContent)")
    wanted = set(analyse(other, language))
    assert all(wanted & set(stems(language, mark)) for mark in marks), marks
    assert wanted <= {stem for mark in marks for stem in stems(language, mark)}, marks  # typed without accents too
    loaded = {url[len(http):] for url in tab.requests if url.startswith(http)}
    assert set(browser_scripts(language, prefix)) <= loaded
    assert "assets/hub/search/stemmer.js" not in loaded and "search/hub-index.js" not in loaded  # not English's


def test_the_header_search_of_a_french_page_shows_the_french_edition_results(hub, http, tab):
    tab.goto(f"{http}fr/case-studies/gamma-water-kiosks/")
    tab.click("#hub-header-q")
    tab.type("#hub-header-q", "gestion des déchets", delay=15)
    tab.wait_for_selector("#hub-header-results li a")
    shown = result_urls(tab, http, "#hub-header-results li a")
    expected = [url for url, _ in whoosh_top(index_of(hub, "fr"), "gestion des déchets", {})]
    assert shown == expected[:len(shown)] and "fr/" + WASTE_CASE in shown


TYPOS = {"fr": {"kiosqes": "kiosques", "déchts": "dechets", "planificaton": "planification"},
         "es": {"presupesto": "presupuesto", "residos": "residuos", "planificacin": "planificacion"}}
KNOWN = {"fr": ["créés", "été", "côte", "kiosque", "les déchets"], "es": ["limpiadas", "planificación", "ciudad", "costa"]}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_did_you_mean_in_the_browser_suggests_the_edition_words_as_whoosh_does(hub, http, tab, language):
    ix = index_of(hub, language)
    tab.goto(f"{http}{EDITIONS[language]}explore/")
    tab.wait_for_function(READY)
    suggest = ("async (words) => { const e = new HubSearch.Engine(window.HUB_INDEX);"
               " const out = []; for (const w of words) out.push(await e.suggestion(w)); return out; }")
    typos = TYPOS[language]
    for (typo, meant), theirs in zip(typos.items(), tab.evaluate(suggest, list(typos))):
        assert search(ix, typo)[1] == meant == theirs, typo
    for word, theirs in zip(KNOWN[language], tab.evaluate(suggest, KNOWN[language])):
        assert search(ix, word)[1] is None and theirs is None, word
    typo, meant = next(iter(typos.items()))
    tab.click("#hub-query")
    tab.type("#hub-query", typo, delay=15)
    tab.wait_for_selector("#hub-suggestion a", timeout=5000)
    assert tab.inner_text("#hub-suggestion a") == meant


FOLDED = ["café", "Cafe\u0301", "İzmir", "naïve", "NAÏVE", "Ölüdeniz", "ﬁnance", "½", "créées", "ÉCOLE", "gestión",
          "Ñandú", "pingüino", "aiguë", "Çà", "\U0001d51eé", "Å", "ǅ", "ﬃ"]


def test_accents_are_folded_alike_in_python_and_in_the_browser(http, tab):
    tab.goto(f"{http}fr/explore/")
    tab.wait_for_function(READY)
    engine, snowball = tab.evaluate("(words) => [words.map(HubSearch.fold), words.map(hubStemmers.fold)]", FOLDED)
    assert engine == snowball == [fold(word) for word in FOLDED]


@pytest.mark.parametrize(("language", "browsing", "results", "suggestion"), [
    ("fr", r"^\d+ études de cas, les plus récemment ajoutées d'abord", r"^\d+ résultats?\b", "Vouliez-vous dire kiosques ?"),
    ("es", r"^\d+ estudios? de caso, los añadidos más recientemente primero", r"^\d+ resultados?\b",
     "¿Quiso decir presupuesto?")])
def test_explore_speaks_the_edition_language(hub, http, tab, language, browsing, results, suggestion):
    tab.goto(f"{http}{EDITIONS[language]}explore/")
    tab.wait_for_function(READY)
    tab.wait_for_function("document.getElementById('hub-status').textContent.trim().length > 0")
    assert re.match(browsing, tab.inner_text("#hub-status")), tab.inner_text("#hub-status")
    typo = next(iter(TYPOS[language]))
    tab.click("#hub-query")
    tab.type("#hub-query", typo, delay=15)
    tab.wait_for_selector("#hub-suggestion a", timeout=5000)
    assert tab.inner_text("#hub-suggestion").strip() == suggestion
    type_query(tab, "gestion" if language == "fr" else "gestión")
    assert re.match(results, tab.inner_text("#hub-status")), tab.inner_text("#hub-status")


def test_the_header_search_counts_in_the_edition_language(hub, http, tab):
    tab.goto(f"{http}es/case-studies/gamma-water-kiosks/")
    tab.click("#hub-header-q")
    tab.type("#hub-header-q", "gestión de residuos", delay=15)
    tab.wait_for_selector("#hub-header-results li a")
    assert re.match(r"^\d+ resultados?$", tab.inner_text("#hub-header-status").strip()), tab.inner_text("#hub-header-status")
