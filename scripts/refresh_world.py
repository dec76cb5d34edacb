#!/usr/bin/env python3
"""Refresh the country shapes the hub's maps are drawn with, from the npm package world-atlas.

    python scripts/refresh_world.py [--version 2]

Runs ``npm pack world-atlas@VERSION`` in a temporary folder, takes
``countries-110m.json`` (Natural Earth 1:110m, public domain, as TopoJSON)
out of the tarball and writes it to ``hub_plugin/data/world/``. Only this
script needs Node.js: the hub reads the file it wrote and never runs npm.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "hub_plugin" / "data" / "world" / "countries-110m.json"
MEMBER = "package/countries-110m.json"


def fetch(version: str) -> bytes:
    """The TopoJSON file of world-atlas@version, as npm hands it out."""
    with tempfile.TemporaryDirectory(prefix="world-atlas-") as folder:
        result = subprocess.run(["npm", "pack", f"world-atlas@{version}", "--silent"], cwd=folder,
                                capture_output=True, text=True, check=True)
        tarball = Path(folder) / result.stdout.strip().splitlines()[-1]
        with tarfile.open(tarball, "r:gz") as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{tarball.name} has no {MEMBER}")
            return member.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default="2", help="world-atlas version or range (default: 2)")
    args = parser.parse_args(argv)
    data = fetch(args.version)
    topology = json.loads(data)  # refuse anything that is not the TopoJSON the hub reads
    if topology.get("type") != "Topology" or "countries" not in topology.get("objects", {}):
        raise SystemExit("world-atlas's countries-110m.json is not a topology with 'countries'")
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(REPO)} ({len(data)} bytes, "
          f"{len(topology['objects']['countries']['geometries'])} countries)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
