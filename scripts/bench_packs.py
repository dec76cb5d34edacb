#!/usr/bin/env python3
"""Briefing-pack benchmark: one pack of 50 or more case studies, and whole builds with packs off and on.

    python scripts/bench_packs.py [--n 250] [--min-pack 50] [--words 800] [--seed 1] [--runs 3]
                                  [--work DIR] [--json FILE] [--timeout S]

Generates N case studies (scripts/gen_corpus.py, reused when the work folder
holds them for the same N, seed and words), then, each in a child process
(bench.py's ``run_child``: wall and CPU seconds from os.wait4, peak memory):

  pack       the theme pack closest to --min-pack case studies (at least that many):
             its document from the model and each case study's Markdown narrative
             (Python-Markdown with mkdocs.yml's extensions, sanitised as the site
             does), then WeasyPrint; seconds for the document and for the PDF, pages.
             The target: 10 s or less for 50 case studies.
  off        python -m mkdocs build of the corpus (packs off, the default), cache emptied
  on         the same with packs: true (every theme, programme and country pack), cache emptied
  on-cached  the same again, the cache as "on" left it: every pack from the cache

R runs each (median). Printed side by side with the ratios to "off": what
packs cost a first build, and what they cost once cached. Packs off must cost
nothing: the build does not import WeasyPrint then (tests/test_packs.py).
The figures also go to a JSON file (--json, default .hub-cache/bench-packs.json).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from bench import Run, ensure_corpus, run_child  # noqa: E402

TARGET_S = 10.0
PACK_CHILD = r"""
import json, sys, time
from pathlib import Path
import markdown, yaml
from hub_plugin.check.loading import load_catalogue
from hub_plugin.derive.packs import pack_subjects
from hub_plugin.derive.urls import Urls
from hub_plugin.derive.wikilinks import replace_wikilinks
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.render.packs import pack_html, stylesheet
from hub_plugin.render.renderer import Renderer
from hub_plugin.render.sanitize import clean_body
from hub_plugin.render.site import SiteInfo
from hub_plugin.build.packs import render_pdf

root, least = Path(sys.argv[1]), int(sys.argv[2])
report = Report()
catalogue = load_catalogue(HubPaths.at(root), report)
config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
extensions = [item if isinstance(item, str) else next(iter(item)) for item in config.get("markdown_extensions", [])]
themes = [s for s in pack_subjects(catalogue) if s.spec.id == sys.argv[3] and len(s.case_studies) >= least]
if not themes:
    sys.exit(f"no theme has {least} case studies: generate more (--n)")
subject = min(themes, key=lambda s: len(s.case_studies))
renderer = Renderer(catalogue, Urls(), site=SiteInfo(name=config.get("site_name", "")))
narratives = {}
for cs in subject.case_studies:
    body = replace_wikilinks(cs.body, catalogue, f"case-studies/{cs.slug}.md")
    narratives[cs.slug] = clean_body(markdown.markdown(body, extensions=extensions))
site = root / "bench-pack-site"
site.mkdir(exist_ok=True)
started = time.perf_counter()
document = pack_html(renderer, subject, narratives, "2026-01-01", site)
made = time.perf_counter()
pdf, refused = render_pdf(document, stylesheet(), str(site), None)
printed = time.perf_counter()
import pypdf, io
pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
print(json.dumps({"pack": subject.key, "case_studies": len(subject.case_studies), "document_s": made - started,
                  "pdf_s": printed - made, "pages": pages, "bytes": len(pdf), "refused": len(refused)}))
"""


def with_packs(config: Path, target: Path) -> Path:
    """A copy of the corpus' mkdocs.yml with ``packs: true`` for the hub."""
    text = config.read_text(encoding="utf-8")
    text, count = re.subn(r"^  - hub\b.*$", "  - hub:\n      packs: true", text, count=1, flags=re.M)
    assert count == 1, "the corpus' mkdocs.yml lists the hub plugin as '- hub'"
    target.write_text(text, encoding="utf-8")
    return target


def median(runs: list[Run], attribute: str) -> float | None:
    good = [getattr(run, attribute) for run in runs if run.ok]
    return statistics.median(good) if good and len(good) == len(runs) else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=250, help="case studies in the corpus (default 250)")
    parser.add_argument("--min-pack", type=int, default=50, help="case studies the timed pack has at least")
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=REPO / ".hub-cache" / "bench-packs")
    parser.add_argument("--json", type=Path, default=REPO / ".hub-cache" / "bench-packs.json")
    parser.add_argument("--timeout", type=float, default=1800)
    args = parser.parse_args(argv)

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpus = ensure_corpus(work, args.n, args.seed, args.words)
    env = dict(os.environ, CI="1", GIT_CEILING_DIRECTORIES=str(work), NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    packs_yml = with_packs(corpus / "mkdocs.yml", corpus / "mkdocs-packs.yml")
    cache = corpus / ".hub-cache"

    pack_runs = [run_child([sys.executable, "-c", PACK_CHILD, str(corpus), str(args.min_pack), "themes"], work, env,
                           args.timeout) for _ in range(args.runs)]
    failed = next((run for run in pack_runs if not run.ok), None)
    if failed:
        print(f"the pack could not be made: {failed.error}", file=sys.stderr)
        return 1
    figures = [json.loads(run.stdout.strip().splitlines()[-1]) for run in pack_runs]
    pack = {**figures[0], "document_s": statistics.median(f["document_s"] for f in figures),
            "pdf_s": statistics.median(f["pdf_s"] for f in figures), "wall_s": median(pack_runs, "wall_s")}

    builds: dict[str, list[Run]] = {"off": [], "on": [], "on-cached": []}
    for _ in range(args.runs):
        for name, config in (("off", corpus / "mkdocs.yml"), ("on", packs_yml)):
            shutil.rmtree(cache, ignore_errors=True)  # a first build, as bench.py's "hub"
            site = work / f"site-{name}"
            builds[name].append(run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                                           "-d", str(site)], work, env, args.timeout))
            if name == "on":  # again, the cache as that build left it
                builds["on-cached"].append(run_child([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                                                      str(config), "-d", str(site)], work, env, args.timeout))
    for name, runs in builds.items():
        bad = next((run for run in runs if not run.ok), None)
        if bad:
            print(f"build '{name}' failed: {bad.error}", file=sys.stderr)
            return 1
    packs_built = len(list((work / "site-on" / "packs").rglob("*.pdf")))

    per_case = pack["pdf_s"] / pack["case_studies"]
    print(f"pack {pack['pack']}: {pack['case_studies']} case studies, {pack['pages']} pages, "
          f"{pack['bytes'] / 1e6:.1f} MB; document {pack['document_s']:.2f} s + PDF {pack['pdf_s']:.2f} s "
          f"= {pack['document_s'] + pack['pdf_s']:.2f} s ({per_case * 50:.1f} s per 50 case studies; "
          f"target <= {TARGET_S:.0f} s: {'met' if per_case * 50 <= TARGET_S else 'NOT met'})")
    off = median(builds["off"], "wall_s")
    print(f"\nwhole builds of {args.n} case studies ({packs_built} packs), median of {args.runs}:")
    print(f"{'build':<10} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'x off':>7}")
    table = {}
    for name, runs in builds.items():
        wall, cpu, peak = (median(runs, key) for key in ("wall_s", "cpu_s", "peak_mb"))
        table[name] = {"wall_s": wall, "cpu_s": cpu, "peak_mb": peak, "walls": [run.wall_s for run in runs]}
        ratio = f"{wall / off:.2f}" if wall and off else "-"
        print(f"{name:<10} {wall or 0:>8.2f} {cpu or 0:>8.2f} {peak or 0:>8.0f} {ratio:>7}")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"n": args.n, "words": args.words, "seed": args.seed, "runs": args.runs,
                                     "pack": pack, "builds": table, "packs": packs_built,
                                     "cpus": os.cpu_count(), "python": platform.python_version()}, indent=2),
                         encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
