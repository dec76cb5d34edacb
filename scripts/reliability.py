"""Reliability of the hub against bad input, script injection, accessibility and broken links.

Runs the families of tests/test_hostile.py, tests/test_hostile_browser.py,
tests/test_accessibility.py and tests/test_site_links.py outside pytest (their
case tables and helpers, imported) and prints one line per family:

  bad-input: inputs=N refused=R diagnostics-as-expected=D builds-without-traceback=B site-untouched=S
  injection: pages=N injections-executed=0 dialogs=0 page-errors=0 searches=3
  accessibility: pages=6 critical=0 serious=0 moderate=N minor=M
  links: pages=P links=L broken=0 anchors-missing=0 pages-without-title=0 images-without-alt=0

bad-input: every case of tests/hostile/cases.yml; refused = the cases whose build
must fail; diagnostics-as-expected = `hub check` exited as expected and printed
exactly the expected error lines, without a Traceback; site-untouched counts, among
the refused, the builds that left the previous site byte-identical.
injection: every page of the hostile hub loaded in Chromium, then searches on Explore.
accessibility: axe-core violations (one rule on one page) by impact, on the seed site.
links: the crawl of the built seed site (internal links and anchors).

The browser families need Debian's chromium and say "skipped" without it.
Exit status 0, whatever was found; 1 only if a family itself crashed.

Usage: python scripts/reliability.py [bad-input] [injection] [accessibility] [links]
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def _chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return None


def _quiet_mkdocs() -> None:
    import logging

    logging.getLogger("mkdocs").setLevel(logging.ERROR)


def bad_input(work: Path, seed_site: Path) -> str:
    from hostile_cases import build_clean_site, load_cases, run_case, snapshot

    cases = load_cases()
    clean_site = build_clean_site(work / "clean")
    clean = snapshot(clean_site)
    results = []
    for number, case in enumerate(cases, 1):
        folder = work / f"{number:03d}-{case.id}"
        folder.mkdir()
        results.append(run_case(case, folder, clean_site, clean))
        print(f"  bad-input {number}/{len(cases)} {case.id}: {'ok' if not results[-1].problems else 'NOT AS EXPECTED'}",
              file=sys.stderr)
    refused = [result for result in results if result.case.build_should_fail]
    return (f"bad-input: inputs={len(results)} refused={len(refused)}"
            f" diagnostics-as-expected={sum(r.diagnostics_as_expected for r in results)}"
            f" builds-without-traceback={sum(not r.build_traceback for r in results)}"
            f" site-untouched={sum(bool(r.site_untouched) for r in refused)}")


def injection(work: Path, seed_site: Path) -> str:
    executable = _chromium()
    if not executable:
        return "injection: skipped (no Chromium: apt-get install chromium)"
    from search_helpers import chromium, serve
    from test_hostile_browser import build_injection_site, visit_site

    site = build_injection_site(work)
    with chromium(executable) as browser, serve(site) as base:
        visit = visit_site(browser, site, base)
    return (f"injection: pages={len(visit.pages)} injections-executed={len(visit.executed)}"
            f" dialogs={len(visit.dialogs)} page-errors={len(visit.errors)} searches={visit.searches}")


def accessibility(work: Path, seed_site: Path) -> str:
    executable = _chromium()
    if not executable:
        return "accessibility: skipped (no Chromium: apt-get install chromium)"
    from search_helpers import chromium, serve
    from test_accessibility import AXE_PAGES, audit, count_by_impact

    with chromium(executable) as browser, serve(seed_site) as base:
        found = audit(browser, base)
    counts = count_by_impact(found)
    return (f"accessibility: pages={len(AXE_PAGES)} critical={counts['critical']} serious={counts['serious']}"
            f" moderate={counts['moderate']} minor={counts['minor']}")


def links(work: Path, seed_site: Path) -> str:
    from test_site_links import crawl

    pages = sum(1 for _ in seed_site.rglob("*.html"))
    checked, failures = crawl(seed_site)
    broken = sum(1 for f in failures if f.endswith("does not exist") or f.endswith("leaves the site"))
    anchors = sum(1 for f in failures if ": no id=" in f)
    titles = sum(1 for f in failures if f.endswith("empty or missing <title>"))
    alts = sum(1 for f in failures if f.endswith("has no alt"))
    return (f"links: pages={pages} links={checked} broken={broken} anchors-missing={anchors}"
            f" pages-without-title={titles} images-without-alt={alts}")


FAMILIES = {"bad-input": bad_input, "injection": injection, "accessibility": accessibility, "links": links}


def main(argv: list[str]) -> int:
    wanted = argv or list(FAMILIES)
    unknown = [name for name in wanted if name not in FAMILIES]
    if unknown:
        print(f"reliability: unknown families {unknown}; choose from {list(FAMILIES)}", file=sys.stderr)
        return 2
    _quiet_mkdocs()
    crashed = False
    with tempfile.TemporaryDirectory(prefix="hub-reliability-") as tmp:
        work = Path(tmp)
        seed_site = None
        if {"accessibility", "links"} & set(wanted):
            from conftest import mkdocs_build

            print("  building the seed site…", file=sys.stderr)
            seed_site = work / "seed" / "site"
            mkdocs_build(REPO / "mkdocs.yml", seed_site)
        for name in wanted:
            folder = work / name
            folder.mkdir()
            try:
                line = FAMILIES[name](folder, seed_site)
            except Exception as exc:  # noqa: BLE001 - a family that crashes is reported, the others still run
                traceback.print_exc()
                line, crashed = f"{name}: crashed ({type(exc).__name__}: {exc})", True
            print(line, flush=True)
    return 1 if crashed else 0


if __name__ == "__main__":  # the plugin indexes in spawned processes: nothing may run on import
    sys.exit(main(sys.argv[1:]))
