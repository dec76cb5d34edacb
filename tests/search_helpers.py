"""Hubs, servers and query lists shared by test_search.py and test_search_browser.py.

- ``write_search_hub(root)``: the small hub of tests/helpers.py plus case studies
  made for search: a word in one title and in passing in another body, the
  forms plan/plans/planning/planned spread over several documents, themes and
  countries to filter on, periods to overlap, a word only in a summary, and a
  Turkish city name with a dotted capital I. COUNTRIES, THEMES, PERIODS and
  PLAN_FORMS say what is where, so the tests state their expectations
  without asking the plugin.
- ``build_corpus(root)``: scripts/gen_corpus.py, 300 case studies of about 150
  words, fixed seed.
- ``serve(directory)``: the built site over HTTP on 127.0.0.1, port chosen by the OS.
- ``whoosh_top`` / ``whoosh_total``: Whoosh's ranking (hub_plugin.search.query.search) and
  match count, as the agreement tests compare them.
- ``SEED_QUERIES`` / ``CORPUS_QUERIES``: the agreement queries.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import math
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import case_study, make_hub, partner, write

REPO = Path(__file__).resolve().parents[1]
SCRIPTS = REPO / "scripts"

CORPUS_SIZE = 300
CORPUS_WORDS = 150
CORPUS_SEED = 20240615

# Scores from hub_plugin.search.query.search are rounded to 6 decimals: half a unit of
# that last place is allowed on top of the relative tolerance the spec asks for.
REL_TOL = 1e-6
ROUNDING = 5e-7

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


# -- the search hub ----------------------------------------------------------------------

EXTRA_PARTNERS = {
    "gamma-village": partner(),  # Gamma Village, Malawi
    "delta-city": partner(**{"name": "name: Delta City", "country": 'country: "KE"',
                             "location": None, "website": None}),
    "izmir": partner(**{"name": "name: İzmir Metropolitan Municipality", "country": 'country: "TR"',
                        "location": None, "website": None}),
}

FILLER = (
    "The partners met twice a year and exchanged staff between their town halls. Officials visited markets, "
    "depots and clinics, wrote short notes after each visit and shared them with the council. Residents were "
    "asked what worked and what did not, and the answers shaped the next round of visits. "
)

SEARCH_CASE_STUDIES: dict[str, dict[str, str | None]] = {
    # "composting" in the title, nowhere else.
    "delta-composting": dict(
        title="title: Composting at the markets of Delta City",
        summary="summary: Delta City and Beta Town turned market waste into soil for urban farms.",
        partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: delta-city, role: mentee}",
        themes="themes: [waste-management]",
        modalities="modalities: [mentoring]",
        programme=None,
        sdgs="sdgs: [12]",
        period="period: {start: 2005, end: 2008}",
        status="status: completed",
        outcomes="outcomes:\n  - {text: Two market sites turn waste into soil, beneficiary: delta-city}",
        body="## Context\n\nMarket traders left their waste at the gates. The work was planned with the traders.\n\n"
             + FILLER,
    ),
    # "composting" once, in passing, in a long body; "desalination" only in the summary.
    "gamma-water-kiosks": dict(
        title="title: Water kiosks for Gamma Village",
        summary="summary: Beta Town helped Gamma Village run water kiosks fed by a small solar desalination unit.",
        partners="partners:\n  - {id: beta-town, role: peer}\n  - {id: gamma-village, role: peer}",
        themes="themes: [water-and-sanitation]",
        modalities="modalities: [peer-learning]",
        programme=None,
        sdgs="sdgs: [6]",
        period="period: {start: 2020}",
        status="status: ongoing",
        outcomes="outcomes:\n  - {text: Twelve kiosks sell clean water, beneficiary: gamma-village}",
        body="## Context\n\n" + FILLER * 2 + "One visit also looked at composting toilets. "
             + "The village is planning a second phase. " + FILLER,
    ),
    # A dotted capital I: Python lower-cases tokens, not the text before splitting it.
    "izmir-beta-plans": dict(
        title="title: Land use plans for İzmir with Beta Town",
        summary="summary: İzmir and Beta Town compared how they draw up land use rules for their coast.",
        partners="partners:\n  - {id: izmir, role: peer}\n  - {id: beta-town, role: peer}",
        themes="themes: [land-use-planning, strategic-planning]",
        modalities="modalities: [peer-learning, twinning]",
        programme=None,
        sdgs="sdgs: [11]",
        period="period: {start: 2010, end: 2012}",
        status="status: completed",
        outcomes="outcomes:\n  - {text: A coastal zoning map, beneficiary: izmir}",
        body="## Context\n\nThe coast of İzmir grew fast. " + FILLER,
    ),
}

# Expectations, written down from the files above (not asked of the plugin).
SLUGS = ("alpha-beta-mentoring", "delta-composting", "gamma-water-kiosks", "izmir-beta-plans")
COUNTRIES = {  # partners' countries
    "alpha-beta-mentoring": {"MW", "ZA"},
    "delta-composting": {"KE", "ZA"},
    "gamma-water-kiosks": {"MW", "ZA"},
    "izmir-beta-plans": {"TR", "ZA"},
}
THEMES = {  # own themes and their broader ones
    "alpha-beta-mentoring": {"municipal-finance", "governance"},
    "delta-composting": {"waste-management", "service-delivery"},
    "gamma-water-kiosks": {"water-and-sanitation", "service-delivery"},
    "izmir-beta-plans": {"land-use-planning", "urban-planning", "strategic-planning", "governance"},
}
PERIODS = {
    "alpha-beta-mentoring": (2015, 2017),
    "delta-composting": (2005, 2008),
    "gamma-water-kiosks": (2020, None),
    "izmir-beta-plans": (2010, 2012),
}
PLAN_FORMS = {  # which case study holds which form of "plan", and where
    "delta-composting": "planned (body)",
    "gamma-water-kiosks": "planning (body)",
    "izmir-beta-plans": "plans (title)",
}


def write_search_hub(root: Path) -> Path:
    make_hub(root)
    for pid, text in EXTRA_PARTNERS.items():
        write(root, f"content/partners/{pid}.md", text)
    for slug, fields in SEARCH_CASE_STUDIES.items():
        fields = dict(fields)
        body = fields.pop("body")
        write(root, f"content/case-studies/{slug}.md", case_study(body, **fields))
    write(root, "content/about.md", "# About\n\nA hub for the search tests.\n")
    return root


# -- the search hub in three editions ----------------------------------------------------

# Translations (``<slug>.<language>.md``: title, summary, outcomes, body). delta-composting, the one case
# study of the waste-management theme, has none: the French and Spanish editions show its English text,
# and only its theme's label ("Gestion des déchets", "Gestión de residuos") is in their language.
EDITION_TRANSLATIONS = {
    "alpha-beta-mentoring.fr": (
        "Beta Town accompagne Alpha City dans son budget",
        "L'équipe financière de Beta Town a guidé Alpha City dans son premier budget pluriannuel.",
        ["Un budget triennal adopté"],
        "## Contexte\n\nAlpha City n'avait jamais établi de budget au-delà d'une année. Les deux villes ont "
        "comparé leurs méthodes de planification financière ; les élus ont été formés à la gestion de la dette.\n"),
    "gamma-water-kiosks.fr": (
        "Des kiosques à eau pour Gamma Village",
        "Beta Town a aidé Gamma Village à gérer des kiosques à eau alimentés par une petite unité de dessalement solaire.",
        ["Douze kiosques vendent une eau potable"],
        "## Contexte\n\nLes habitants de Gamma Village achetaient l'eau à des vendeurs ambulants. Les kiosques, "
        "créés avec les comités de quartier, sont tenus par des femmes du village. Une visite a porté sur les "
        "toilettes à compost. Le village planifie une deuxième phase ; les équipes se sont rencontrées deux "
        "fois par an et ont été reçues à la mairie.\n"),
    "izmir-beta-plans.fr": (
        "Des plans d'occupation des sols pour İzmir avec Beta Town",
        "İzmir et Beta Town ont comparé la façon dont elles rédigent les règles d'occupation des sols de leur côte.",
        ["Une carte de zonage côtier"],
        "## Contexte\n\nLa côte d'İzmir a grandi vite. Les urbanistes des deux villes ont étudié les plans en "
        "vigueur ; la planification urbaine s'est faite avec les habitants.\n"),
    "alpha-beta-mentoring.es": (
        "Beta Town acompaña a Alpha City en su presupuesto",
        "El equipo financiero de Beta Town guió a Alpha City en su primer presupuesto plurianual.",
        ["Un presupuesto trienal aprobado"],
        "## Contexto\n\nAlpha City nunca había elaborado un presupuesto de más de un año. Las dos ciudades "
        "compartieron sus métodos de planificación financiera y la gestión de la deuda.\n"),
    "izmir-beta-plans.es": (
        "Planes de uso del suelo para İzmir con Beta Town",
        "İzmir y Beta Town compararon cómo elaboran las normas de uso del suelo para su costa.",
        ["Un mapa de zonificación costera"],
        "## Contexto\n\nLa costa de İzmir creció rápido. Los planificadores de ambas ciudades estudiaron los "
        "planes vigentes; el estado de la costa preocupaba a los vecinos. La planificación urbana se hizo con "
        "los residentes, y las playas fueron limpiadas.\n"),
}


def write_editions_search_hub(root: Path) -> Path:
    """The search hub in English, French (``fr/``) and Spanish (``es/``), with the translations above."""
    write_search_hub(root)
    config = root / "mkdocs.yml"
    settings = config.read_text(encoding="utf-8").replace("languages: [en]", "languages: [en, fr, es]")
    config.write_text(settings.replace("  name: material\n", "  name: material\n  font: false\n"), encoding="utf-8")
    for name, (title, summary, outcomes, body) in EDITION_TRANSLATIONS.items():
        listed = "".join(f'  - "{outcome}"\n' for outcome in outcomes)
        write(root, f"content/case-studies/{name}.md",
              f'---\ntitle: "{title}"\nsummary: "{summary}"\noutcomes:\n{listed}---\n{body}')
    return root


def case_url(slug: str, directory_urls: bool = True) -> str:
    return f"case-studies/{slug}/" if directory_urls else f"case-studies/{slug}.html"


# -- the generated corpus ------------------------------------------------------------------

def build_corpus(root: Path) -> Path:
    """300 generated case studies (fixed seed) in ``root``, built into ``root/site``."""
    from conftest import mkdocs_build

    if str(SCRIPTS) not in sys.path:
        sys.path.insert(0, str(SCRIPTS))
    from gen_corpus import generate

    generate(CORPUS_SIZE, root, seed=CORPUS_SEED, words=CORPUS_WORDS)
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


# -- serving a site ----------------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``http://127.0.0.1:PORT/`` serving ``directory`` until the block ends."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="hub-test-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# -- comparing the two engines -----------------------------------------------------------

def whoosh_top(ix, query: str, filters: dict, years=None, limit: int = 10) -> list[tuple[str, float]]:
    from hub_plugin.search.query import search

    results, _ = search(ix, query, filters, limit=limit, years=tuple(years) if years else (None, None))
    return [(result.url, result.score) for result in results]


def whoosh_total(ix, query: str, filters: dict, years=None) -> int:
    """How many documents Whoosh matches (unscored, so without snippets to make)."""
    from whoosh import query as Q

    from hub_plugin.search.index import index_language
    from hub_plugin.search.query import build_filter, build_query

    wanted = build_query(query, index_language(ix))
    only = build_filter(filters, tuple(years) if years else (None, None))
    if wanted is None:
        if only is None:
            return 0
        wanted = Q.Every()
    with ix.searcher() as searcher:
        return len(searcher.search(wanted, filter=only, limit=None, scored=False))


def same_ranking(python: list[tuple[str, float]], browser: list[tuple[str, float]]) -> str | None:
    """None when both rank the same documents in the same order with the same scores."""
    if [url for url, _ in python] != [url for url, _ in browser]:
        return "different documents or order"
    for (url, ours), (_, theirs) in zip(python, browser):
        if not math.isclose(ours, theirs, rel_tol=REL_TOL, abs_tol=ROUNDING):
            return f"{url}: Whoosh {ours} != browser {theirs}"
    return None


def explain(query, python, browser) -> str:
    lines = [f"query {query!r}", "  Whoosh:  " + ", ".join(f"{u} {s:.6f}" for u, s in python),
             "  browser: " + ", ".join(f"{u} {s:.6f}" for u, s in browser)]
    return "\n".join(lines)


# The browser engine's top ten for many queries at once, as [url, score] pairs: each query's pieces
# loaded as a page loads them (the table, its terms' pieces, then the pieces of the ten documents),
# and the pieces each query loaded, by name.
ENGINE_TOP_JS = """async (queries) => {
  const engine = new HubSearch.Engine(window.HUB_INDEX);  // the stemmer of the index's language, as the page loaded it
  const answers = [];
  for (const [text, filters, years] of queries) {
    const before = new Set(Object.keys(engine.loaded));
    await engine.ready(text, filters);
    const found = engine.search(text, filters, years ? {from: years[0], to: years[1]} : undefined);
    const top = found.results.slice(0, 10);
    await engine.docsReady(top.map((r) => r.doc));
    answers.push({total: found.results.length, top: top.map((r) => [engine.doc(r.doc)[0], r.score]),
                  loaded: Object.keys(engine.loaded).filter((name) => !before.has(name))});
  }
  return answers;
}"""


# The page has loaded its index and the stemmer of the index's language (hubStem, hubStemmers.fr or .es).
ENGINE_READY_JS = "!!(window.HUB_INDEX && window.HubSearch && window.HubSearch.stemmer(window.HUB_INDEX))"


def engine_top(browser, page_url: str, queries) -> list[dict]:
    """The browser engine's top ten and total for each (text, filters, years), on the Explore page at page_url."""
    tab = browser.new_page()
    try:
        tab.goto(page_url)
        tab.wait_for_function(ENGINE_READY_JS)
        return tab.evaluate(ENGINE_TOP_JS, [[text, filters, list(years) if years else None]
                                            for text, filters, years in queries])
    finally:
        tab.close()


def check_agreement(ix, query, found: dict) -> None:
    """The browser's answer to ``query`` is Whoosh's: the same top ten with the same scores, the same total."""
    text, filters, years = query
    python = whoosh_top(ix, text, filters, years)
    browser = [tuple(pair) for pair in found["top"]]
    problem = same_ranking(python, browser)
    assert problem is None, f"{problem}\n{explain(text, python, browser)}"
    total = whoosh_total(ix, text, filters, years)
    assert found["total"] == total, f"{text!r}: Whoosh finds {total}, the browser {found['total']}"


# A query: (text, facet filters, years or None). At least 40 for each hub.
SEED_QUERIES: list[tuple[str, dict, tuple | None]] = [
    # single words
    ("water", {}, None), ("mentoring", {}, None), ("budget", {}, None), ("gender", {}, None),
    ("river", {}, None), ("Lilongwe", {}, None), ("Johannesburg", {}, None), ("sanitation", {}, None),
    ("strategy", {}, None), ("employment", {}, None), ("association", {}, None), ("knowledge", {}, None),
    # inflections
    ("plans", {}, None), ("planning", {}, None), ("planned", {}, None), ("cities", {}, None),
    ("partnerships", {}, None), ("mentored", {}, None), ("reporting", {}, None), ("councils", {}, None),
    # two and three words
    ("land use", {}, None), ("water sanitation", {}, None), ("city development", {}, None),
    ("peer learning", {}, None), ("local economic development", {}, None), ("river catchment management", {}, None),
    ("waste collection", {}, None), ("mentoring programme africa", {}, None),
    # stop words mixed in
    ("the water and the sanitation", {}, None), ("a plan for the city", {}, None), ("to be or not to be", {}, None),
    ("cooperation of cities in africa", {}, None),
    # no result
    ("xylophone", {}, None), ("zeppelin budget", {}, None),
    # one facet
    ("mentoring", {"themes": ["governance"]}, None), ("city", {"countries": ["MW"]}, None),
    ("development", {"kind": ["case-study"]}, None), ("planning", {"modalities": ["south-south"]}, None),
    ("water", {"regions": ["africa"]}, None), ("cooperation", {"countries": ["ZA", "MW"]}, None),
    # two facets
    ("mentoring", {"themes": ["governance"], "countries": ["MW"]}, None),
    ("city", {"kind": ["case-study"], "status": ["ongoing", "completed"]}, None),
    ("development", {"themes": ["capacity-building"], "regions": ["africa"]}, None),
    # periods
    ("city", {}, (2010, 2012)), ("mentoring", {"kind": ["case-study"]}, (None, 2009)),
]

CORPUS_QUERIES: list[tuple[str, dict, tuple | None]] = [
    ("water", {}, None), ("budget", {}, None), ("housing", {}, None), ("flood", {}, None), ("tourism", {}, None),
    ("procurement", {}, None), ("twinning", {}, None), ("decentralisation", {}, None), ("lighting", {}, None),
    ("register", {}, None), ("youth", {}, None), ("city", {}, None),
    ("plans", {}, None), ("planned", {}, None), ("mentoring", {}, None), ("trained", {}, None),
    ("budgets", {}, None), ("residents", {}, None), ("councils", {}, None), ("settlements", {}, None),
    ("waste water", {}, None), ("informal economy", {}, None), ("land register", {}, None),
    ("climate adaptation flood", {}, None), ("street lighting market", {}, None), ("peer learning exchange", {}, None),
    ("the river and the flood", {}, None), ("a budget for the youth", {}, None), ("women in local government", {}, None),
    ("quasar", {}, None), ("water quasar", {}, None),
    ("water", {"themes": ["governance"]}, None), ("plan", {"countries": ["MW", "KE"]}, None),
    ("city", {"kind": ["partner"]}, None), ("training", {"status": ["ongoing"]}, None),
    ("housing", {"modalities": ["mentoring"]}, None), ("revenue tax", {"programmes": ["uclg-mentoring"]}, None),
    ("water", {"themes": ["governance"], "status": ["completed"]}, None),
    ("plan", {"countries": ["MW"], "modalities": ["mentoring", "twinning"]}, None),
    ("data", {"regions": ["europe"], "sdgs": ["11", "16"]}, None),
    ("community", {"themes": ["service-delivery", "environment"], "kind": ["case-study"]}, None),
    ("city", {}, (2005, 2010)), ("budget", {"themes": ["governance"]}, (2015, None)),
]


def query_id(entry) -> str:
    text, filters, years = entry
    parts = [repr(text)]
    parts += [f"{facet}={'|'.join(values)}" for facet, values in sorted(filters.items())]
    if years:
        parts.append(f"years={years[0]}-{years[1]}")
    return " ".join(parts)


@contextmanager
def chromium(executable: str) -> Iterator:
    """Debian's Chromium, headless, with the flags this machine needs (no network of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
