#!/usr/bin/env python3
"""Benchmark of the hub's search, on a generated corpus and on one of real prose, side by side (issue #18).

    python scripts/bench_search.py [--n 2000 10000] [--corpus generated|prose|both] [--words 800]
                                   [--text FILE-OR-DIR ...] [--loads 5] [--work DIR] [--json FILE]

For each N and corpus, generates N case studies (scripts/gen_corpus.py; with
``--text`` for the prose corpus, by default the Python standard library's
docstrings, /usr/share/doc and the installed packages' *.md, *.rst and *.txt),
builds the offline edition (`hub build --offline`; reused when the work folder
has it), then measures, in one run:

  index_disk_mb        every file of search/ (the head and its pieces), before compression
  index_gzip_mb        the same, each file gzipped (target: 1.3 x the one-file index of before, see README)
  head_kb_gzip         search/hub-index.js alone, gzipped
  pieces               how many piece files
  ready_ms             headless Chromium, file://, Explore: navigation start to the engine's start, median
  load_to_result_ms    Explore opened with the query in its address (#q=...): navigation start to its
                       results drawn, median of --loads (target <= 300 at 2,000, <= 500 at 10,000)
  first_result_kb      gzipped bytes of every file that page read before its results (the page, styles,
                       scripts, the index's head and the pieces asked for before the results were drawn;
                       the facets' columns for the counts beside the filters come after), median
                       (target <= 300 at 10,000)
  typed_query_ms       the page's own time for the query typed key by key (search, facet counts, drawing;
                       the pieces' loading left out), median (target <= 30)
  typed_kb             gzipped bytes of the index's files read while typing it, the opening included
  two_facet_query_ms   one query with two facet filters in the browser, median of 50 (target <= 10)
  cli_cold_s           `hub search` in a new process, index up to date, the hub's modules compiled (as an
                       installed package's are), median of 5 (target <= 0.5 at 2,000, <= 0.8 at 10,000)
  cli_vs_python        that time divided by a bare `python -c pass`, paired runs

Output: a table, one row per figure and one column per corpus and N, each value followed by
``!`` when it misses its target. Benchmarks print figures; they are not timed tests.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERY = "planning budget"
CORPORA = ("generated", "prose")


def default_text() -> list[str]:
    """Real prose any Debian machine with Python and pip has: the standard library's docstrings, the
    packages' documentation in /usr/share/doc, and the installed Python packages' own text files."""
    return ["stdlib", *[path for path in ("/usr/share/doc", sysconfig.get_paths()["purelib"]) if Path(path).is_dir()]]


def prose_pool(work: Path, sources: list[str]) -> list[str]:
    """The paragraphs of ``sources``, read once and kept in the work folder (reading them takes minutes)."""
    from gen_corpus import read_prose

    kept = work / "prose-pool.json"
    if kept.exists():
        saved = json.loads(kept.read_text(encoding="utf-8"))
        if saved["sources"] == sources:
            return saved["paragraphs"]
    paragraphs = read_prose(sources)
    work.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps({"sources": sources, "paragraphs": paragraphs}), encoding="utf-8")
    return paragraphs


def build(work: Path, corpus: str, n: int, words: int, text: Callable[[], list[str]]) -> Path:
    from gen_corpus import generate

    hub = work / f"hub-{corpus}-{n}-{words}"
    site = hub / "site-offline"
    if not (site / "search" / "hub-index.js").exists():
        generate(n, hub, seed=1, words=words, text=text() if corpus == "prose" else None)
        subprocess.run([sys.executable, "-m", "hub_plugin", "-f", str(hub / "mkdocs.yml"), "build", "--offline",
                        "-d", str(site)], check=True, env=dict(os.environ, CI="1"), stderr=subprocess.DEVNULL)
    return hub


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def index_sizes(site: Path) -> dict[str, float]:
    files = sorted((site / "search").rglob("*.js"))
    return {"index_disk_mb": sum(path.stat().st_size for path in files) / 1e6,
            "index_gzip_mb": sum(gzipped(path) for path in files) / 1e6,
            "head_kb_gzip": gzipped(site / "search" / "hub-index.js") / 1e3,
            "pieces": float(len(files) - 1)}


def until(page, script: str, timeout: float = 60.0) -> Any:
    """The first truthy value of ``script``, polled from here (the page's CSP forbids Playwright's own polling)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(script)
        time.sleep(0.005)


def read_kb(site: Path, urls: list[str], only_search: bool = False) -> float:
    """Gzipped kilobytes of the site's files among ``urls``."""
    root = site.as_uri() + "/"
    total = 0
    for url in dict.fromkeys(urls):
        path = url.split("#")[0].split("?")[0]
        if path.startswith(root) and (not only_search or path.startswith(root + "search/")):
            total += gzipped(site / path[len(root):])
    return total / 1e3


FACET_JS = """async (text) => {
  const engine = window.hubExplore.engine, index = engine.index;
  const filters = {themes: [index.facetValues.themes[0]], countries: [index.facetValues.countries[0]]};
  await engine.ready(text, filters);
  await engine.facetsReady();  // the counts beside every filter
  const times = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    const found = engine.search(text, filters);
    engine.facetCounts(found.matched, filters);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[25];
}"""


def browser_figures(site: Path, loads: int) -> dict[str, float]:
    """Medians over ``loads`` page loads of each browser figure."""
    from playwright.sync_api import sync_playwright

    word = QUERY.split()[0]
    explore = (site / "explore" / "index.html").as_uri()
    figures: dict[str, list[float]] = {name: [] for name in
                                       ("ready_ms", "load_to_result_ms", "first_result_kb", "typed_query_ms", "typed_kb",
                                        "two_facet_query_ms")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(loads):
            # A link to a search, or Enter in the header's box: the page opens with the query.
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda request, into=requested: into.append(request.url))
            page.goto(f"{explore}#q={word}", wait_until="commit")
            until(page, f"document.getElementById('hub-explore') && "
                        f"document.getElementById('hub-explore').getAttribute('data-result-query') === '{word}'")
            result_at = float(page.get_attribute("#hub-explore", "data-result-at"))
            # The index's pieces asked for before the results were drawn (the facets' counts come after),
            # and every other file of the page.
            folder = (site / "search").as_uri() + "/" + page.evaluate("HUB_INDEX.folder") + "/"
            asked = page.evaluate("hubExplore.engine.asked")
            read = [url for url in requested if not url.startswith(folder)]
            read += [folder + piece + ".js" for piece, at in asked if at <= result_at]
            figures["load_to_result_ms"].append(result_at)
            figures["ready_ms"].append(page.evaluate("HubSearch.readyAt"))
            figures["first_result_kb"].append(read_kb(site, read))
            figures["two_facet_query_ms"].append(page.evaluate(FACET_JS, QUERY))
            page.close()
            # A reader typing the word key by key on the opened page.
            page = browser.new_page()
            requested = []
            page.on("request", lambda request, into=requested: into.append(request.url))
            page.goto(explore)
            until(page, "document.getElementById('hub-explore').hasAttribute('data-result-count')")
            page.type("#hub-query", word, delay=20)
            until(page, f"document.getElementById('hub-explore').getAttribute('data-result-query') === '{word}'")
            figures["typed_query_ms"].append(float(page.get_attribute("#hub-explore", "data-last-query-ms")))
            figures["typed_kb"].append(read_kb(site, requested, only_search=True))
            page.close()
        browser.close()
    return {name: statistics.median(values) for name, values in figures.items()}


def cli_figures(hub: Path, runs: int = 5) -> dict[str, float]:
    # The hub's modules compiled, as pip compiles an installed package: an editable checkout run with
    # PYTHONDONTWRITEBYTECODE (as here) would compile them from source in every process.
    import hub_plugin
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(hub_plugin.__file__).parent)], check=True)
    command = [sys.executable, "-m", "hub_plugin", "-f", str(hub / "mkdocs.yml"), "search", QUERY, "--json"]
    subprocess.run(command, check=True, capture_output=True)  # brings the index up to date, if needed
    hub_times, ratios = [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        hub_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        ratios.append(hub_times[-1] / (time.perf_counter() - start))
    return {"cli_cold_s": statistics.median(hub_times), "cli_vs_python": statistics.median(ratios)}


# name, unit, target for N (None: no target)
ROWS: list[tuple[str, str, Callable[[int], float | None]]] = [
    ("index_disk_mb", "MB", lambda n: None),
    ("index_gzip_mb", "MB", lambda n: None),
    ("head_kb_gzip", "KB", lambda n: None),
    ("pieces", "", lambda n: None),
    ("ready_ms", "ms", lambda n: None),
    ("load_to_result_ms", "ms", lambda n: 300 if n <= 2000 else 500),
    ("first_result_kb", "KB", lambda n: 300),
    ("typed_query_ms", "ms", lambda n: 30),
    ("typed_kb", "KB", lambda n: None),
    ("two_facet_query_ms", "ms", lambda n: 10),
    ("cli_cold_s", "s", lambda n: 0.5 if n <= 2000 else 0.8),
    ("cli_vs_python", "x", lambda n: None),
]


def table(results: dict[tuple[str, int], dict[str, float]]) -> str:
    columns = sorted(results, key=lambda key: (key[1], CORPORA.index(key[0])))
    lines = ["figure".ljust(20) + "unit".ljust(5) + "".join(f"{corpus}@{n}".rjust(18) for corpus, n in columns)]
    for name, unit, target in ROWS:
        cells = []
        for corpus, n in columns:
            value, limit = results[corpus, n][name], target(n)
            missed = limit is not None and value > limit
            cells.append((f"{value:.1f}" if value >= 100 else f"{value:.3f}") + ("!" if missed else " "))
        lines.append(name.ljust(20) + unit.ljust(5) + "".join(cell.rjust(18) for cell in cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[2000])
    parser.add_argument("--corpus", choices=["generated", "prose", "both"], default="both")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--text", action="append", help="real prose for the prose corpus (default: see above)")
    parser.add_argument("--loads", type=int, default=5, help="page loads per browser figure")
    parser.add_argument("--work", type=Path, default=REPO / ".hub-cache" / "bench")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    corpora = CORPORA if args.corpus == "both" else (args.corpus,)
    sources = args.text or default_text()
    pool: list[list[str]] = []

    def text() -> list[str]:
        if not pool:
            pool.append(prose_pool(args.work, sources))
        return pool[0]

    results: dict[tuple[str, int], dict[str, float]] = {}
    for n in args.n:
        for corpus in corpora:
            hub = build(args.work, corpus, n, args.words, text)
            site = hub / "site-offline"
            results[corpus, n] = {**index_sizes(site), **browser_figures(site, args.loads), **cli_figures(hub)}
            print(f"# measured {corpus} at {n}", file=sys.stderr, flush=True)
    print(f"# search benchmark: case studies of about {args.words} words, query {QUERY!r}, "
          f"{args.loads} page loads; prose from {', '.join(sources)}")
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([{"corpus": corpus, "n": n, **figures}
                                         for (corpus, n), figures in results.items()], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
