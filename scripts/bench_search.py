#!/usr/bin/env python3
"""Benchmark of the hub's search on a generated corpus (issue: offline search).

    python scripts/bench_search.py [--n 2000] [--words 800] [--work DIR] [--json FILE]

Generates N case studies (scripts/gen_corpus.py), builds the offline edition
(`hub build --offline`), then measures, in one run:

  index_gzip_mb       size of search/hub-index.js gzipped (target <= 2.5)
  index_raw_mb        its size before compression
  index_ready_ms      headless Chromium, file://: navigation start to the engine being
                      ready (page, index script and engine), median of 5 loads
  typed_query_ms      the page's own time to answer the typed query (search, facet counts,
                      drawing the results), median of 5
  load_to_result_ms   the two added: a reader typing while the page loads (target <= 300)
  two_facet_query_ms  one query with two facet filters in the browser, median of 50 (target <= 10)
  cli_cold_s          `hub search` in a new process, index up to date, median of 5 (target <= 0.5)
  cli_vs_python       that time divided by a bare `python -c pass`, paired runs

Output: one line per figure, `name value unit target verdict`, stable for scripts.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
QUERY = "planning budget"


def build(work: Path, n: int, words: int) -> Path:
    from gen_corpus import generate

    hub = work / f"hub-{n}-{words}"
    site = hub / "site-offline"
    if not (site / "search" / "hub-index.js").exists():
        generate(n, hub, seed=1, words=words)
        subprocess.run([sys.executable, "-m", "hub_plugin", "-f", str(hub / "mkdocs.yml"), "build", "--offline",
                        "-d", str(site)], check=True, env=dict(os.environ, CI="1"))
    return hub


def index_sizes(site: Path) -> tuple[float, float]:
    raw = (site / "search" / "hub-index.js").read_bytes()
    return len(raw) / 1e6, len(gzip.compress(raw, 9)) / 1e6


def browser_figures(site: Path, loads: int = 5) -> tuple[float, float, float, float]:
    """Medians over ``loads`` page loads of: engine ready (ms since navigation start), the
    typed query's own time in the page, their sum, and a two-facet query."""
    from playwright.sync_api import sync_playwright

    ready, typed, facet = [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(loads):
            page = browser.new_page()
            page.goto((site / "explore" / "index.html").as_uri())
            page.wait_for_function("window.hubExplore !== undefined")
            page.type("#hub-query", QUERY.split()[0], delay=20)
            page.wait_for_function("document.getElementById('hub-explore').getAttribute('data-result-count') !== '0'")
            ready.append(page.evaluate("HubSearch.readyAt"))
            typed.append(float(page.get_attribute("#hub-explore", "data-last-query-ms")))
            facet.append(page.evaluate("""() => {
                var engine = window.hubExplore.engine, index = engine.index;
                var filters = {themes: [index.facetValues.themes[0]], countries: [index.facetValues.countries[0]]};
                var times = [];
                for (var i = 0; i < 50; i++) {
                  var t = performance.now();
                  var found = engine.search(QUERY_TEXT, filters);
                  engine.facetCounts(found.matched, filters);
                  times.push(performance.now() - t);
                }
                times.sort(function (a, b) { return a - b; });
                return times[25];
            }""".replace("QUERY_TEXT", json.dumps(QUERY))))
            page.close()
        browser.close()
    median = statistics.median
    return median(ready), median(typed), median([r + t for r, t in zip(ready, typed)]), median(facet)


def cli_figures(hub: Path, runs: int = 5) -> tuple[float, float]:
    command = [sys.executable, "-m", "hub_plugin", "-f", str(hub / "mkdocs.yml"), "search", QUERY, "--json"]
    subprocess.run(command, check=True, capture_output=True)  # brings the index up to date, if needed
    hub_times, python_times, ratios = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        hub_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True)
        python_times.append(time.perf_counter() - start)
        ratios.append(hub_times[-1] / python_times[-1])
    return statistics.median(hub_times), statistics.median(ratios)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--work", type=Path, default=REPO / ".hub-cache" / "bench")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    hub = build(args.work, args.n, args.words)
    site = hub / "site-offline"
    raw_mb, gzip_mb = index_sizes(site)
    ready_ms, query_ms, load_ms, facet_ms = browser_figures(site)
    cli_s, cli_ratio = cli_figures(hub)
    rows = [
        ("index_gzip_mb", gzip_mb, "MB", 2.5),
        ("index_raw_mb", raw_mb, "MB", None),
        ("index_ready_ms", ready_ms, "ms", None),
        ("typed_query_ms", query_ms, "ms", None),
        ("load_to_result_ms", load_ms, "ms", 300),
        ("two_facet_query_ms", facet_ms, "ms", 10),
        ("cli_cold_s", cli_s, "s", 0.5),
        ("cli_vs_python", cli_ratio, "x", None),
    ]
    print(f"# search benchmark: {args.n} case studies of about {args.words} words, query {QUERY!r}")
    for name, value, unit, target in rows:
        verdict = "-" if target is None else ("ok" if value <= target else "OVER")
        print(f"{name} {value:.3f} {unit} {'-' if target is None else target} {verdict}")
    if args.json:
        args.json.write_text(json.dumps({name: value for name, value, _, _ in rows}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
