#!/usr/bin/env python3
"""A rebuild as ``mkdocs serve`` does it: one process, one plugin instance, one file edited.

    python scripts/serve_rebuild.py MKDOCS_YML SITE_DIR EDITED_MD [--runs R]

Builds the site once (the first build, with the hub's cache emptied), then R
times appends a sentence to EDITED_MD and builds again in the same process,
with the configuration reloaded as ``mkdocs serve`` reloads it (plugins that
define ``on_startup``, as the hub does, keep their instance and its caches).
The file is restored afterwards. Prints one JSON object: the first build's
and each rebuild's wall and CPU seconds (CPU of this process and of the
worker processes, the hub's among them).
scripts/bench.py runs this as a child process for its warm-rebuild figure.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path


def cpu_seconds() -> float:
    """CPU of this process, of the children it waited for, and of those still running (the hub's
    worker stays between the rebuilds of `mkdocs serve`; Linux /proc, elsewhere they are left out)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime + running_children_cpu()


def running_children_cpu() -> float:
    total, me, tick = 0.0, str(os.getpid()), os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if fields[1] == me:  # ppid; then utime and stime are fields 14 and 15 of stat(5)
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def timed_build(config_file: Path, site_dir: Path) -> tuple[dict, object]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    wall, cpu = time.perf_counter(), cpu_seconds()
    build(config)
    return {"wall_s": round(time.perf_counter() - wall, 4), "cpu_s": round(cpu_seconds() - cpu, 4)}, config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("site", type=Path)
    parser.add_argument("edited", type=Path)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = args.config.resolve()
    os.chdir(config.parent)
    shutil.rmtree(config.parent / ".hub-cache", ignore_errors=True)
    original = args.edited.read_bytes()
    try:
        first, loaded = timed_build(config, args.site)
        rebuilds = []
        for index in range(args.runs):
            args.edited.write_bytes(original.rstrip(b"\n") + f" One more sentence, for rebuild {index + 1}.\n".encode())
            figures, loaded = timed_build(config, args.site)
            rebuilds.append(figures)
        loaded.plugins.on_shutdown()  # as serve does when it stops
    finally:
        args.edited.write_bytes(original)
    json.dump({"first": first, "rebuilds": rebuilds}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":  # the hub's search indexer starts a process that imports this module
    sys.exit(main())
