#!/usr/bin/env python3
"""Sizes and times of the maps of partnerships on a generated hub (scripts/gen_corpus.py).

    python scripts/bench_map.py [--case-studies 2000] [--partners 500] [--seed 1]

Prints the home page's map (every partnership) raw and gzipped, the largest
case-study map and partner map, and how long computing and rendering them
took. The limits the hub keeps to: the home map at most 150 KB gzipped at
2,000 case studies and 500 partners, a case-study map at most 30 KB.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from gen_corpus import generate  # noqa: E402

from hub_plugin.check.loading import load_catalogue  # noqa: E402
from hub_plugin.derive.urls import Urls  # noqa: E402
from hub_plugin.read.diagnostics import Report  # noqa: E402
from hub_plugin.read.pathnames import HubPaths  # noqa: E402
from hub_plugin.render.renderer import Renderer  # noqa: E402

HOME_LIMIT_GZIP = 150_000
CASE_STUDY_LIMIT = 30_000
_FIGURE = re.compile(r'<figure class="hub-map[ "].*?</figure>', re.S)


def figure(html: str) -> str:
    """The map's figure (SVG, legend, notes) out of a page part."""
    found = _FIGURE.search(html)
    return found.group(0) if found else ""


def sizes(text: str) -> tuple[int, int]:
    data = text.encode("utf-8")
    return len(data), len(gzip.compress(data, 6))


def measure(root: Path) -> dict[str, object]:
    """The figures for the hub at ``root``."""
    catalogue = load_catalogue(HubPaths.at(root), Report())
    renderer = Renderer(catalogue, Urls())
    started = time.perf_counter()
    home = figure(renderer.home(""))
    home_seconds = time.perf_counter() - started
    if not home:
        raise SystemExit("the home page has no map")
    started = time.perf_counter()
    largest, largest_slug = "", ""
    for case_study in catalogue.case_studies.values():
        found = figure(renderer.case_study_facts(case_study, f"case-studies/{case_study.slug}/"))
        if len(found) > len(largest):
            largest, largest_slug = found, case_study.slug
    case_seconds = time.perf_counter() - started
    started = time.perf_counter()
    partner_largest = max((figure(renderer.partner_page(partner, f"partners/{partner.id}/"))
                           for partner in catalogue.partners.values()), key=len)
    partner_seconds = time.perf_counter() - started
    return {"case studies": len(catalogue.case_studies), "partners": len(catalogue.partners),
            "home": sizes(home), "home seconds": home_seconds,
            "case study": sizes(largest), "case study slug": largest_slug,
            "case study seconds": case_seconds, "partner": sizes(partner_largest), "partner seconds": partner_seconds}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case-studies", type=int, default=2000)
    parser.add_argument("--partners", type=int, default=500, help="gen_corpus makes N/4; other values are not supported")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.partners != max(4, args.case_studies // 4):
        parser.error("gen_corpus.py makes case studies / 4 partners: --partners must be that")
    with tempfile.TemporaryDirectory(prefix="hub-bench-map-") as folder:
        root = Path(folder) / "hub"
        generate(args.case_studies, root, args.seed, words=40)
        found = measure(root)
    home_raw, home_gzip = found["home"]  # type: ignore[misc]
    case_raw, case_gzip = found["case study"]  # type: ignore[misc]
    partner_raw, partner_gzip = found["partner"]  # type: ignore[misc]
    print(f"hub: {found['case studies']} case studies, {found['partners']} partners")
    print(f"home map: {home_raw:,} bytes raw, {home_gzip:,} gzipped (limit {HOME_LIMIT_GZIP:,} gzipped); "
          f"computed and rendered in {found['home seconds']:.2f} s")
    print(f"largest case-study map ({found['case study slug']}): {case_raw:,} bytes raw, {case_gzip:,} gzipped "
          f"(limit {CASE_STUDY_LIMIT:,}); all {found['case studies']} in {found['case study seconds']:.2f} s")
    print(f"largest partner map: {partner_raw:,} bytes raw, {partner_gzip:,} gzipped; "
          f"all {found['partners']} in {found['partner seconds']:.2f} s")
    ok = home_gzip <= HOME_LIMIT_GZIP and case_raw <= CASE_STUDY_LIMIT
    print("within the limits" if ok else "OVER A LIMIT")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
