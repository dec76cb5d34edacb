"""TopoJSON to polygons of longitude and latitude: the country shapes the maps are drawn with.

The shapes are Natural Earth 1:110m from the npm package world-atlas, kept in
``hub_plugin/data/world/`` (``scripts/refresh_world.py`` refreshes them). They
are decoded here, in Python, so that a build never needs Node.js or a
geometry library: TopoJSON is small enough to read by hand (arcs of
quantized, delta-encoded points, shared between neighbouring countries).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

Point = tuple[float, float]  # (longitude, latitude) in degrees
Ring = list[Point]
WORLD_FILE = "data/world/countries-110m.json"


@dataclass(frozen=True)
class Shape:
    """One feature of a TopoJSON object: its id, its name and its polygons (outer ring first, then holes)."""

    id: str
    name: str
    polygons: tuple[tuple[Ring, ...], ...]


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute coordinates: quantized arcs are deltas from the previous point, then scaled."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)
    return arcs


def ring_of(indexes: Sequence[int], arcs: list[Ring]) -> Ring:
    """A ring from arc indexes: index ~i (negative) is arc i reversed; arcs share their end points."""
    ring: Ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def shapes(topology: dict[str, Any], name: str) -> list[Shape]:
    """The polygons and multipolygons of object ``name`` (a geometry collection), other geometries skipped."""
    arcs = decode_arcs(topology)
    found = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        found.append(Shape(id=str(geometry.get("id", "")), name=str(geometry.get("properties", {}).get("name", "")),
                           polygons=tuple(tuple(ring_of(ring, arcs) for ring in polygon) for polygon in polygons)))
    return found


@functools.lru_cache(maxsize=1)
def world_countries() -> tuple[Shape, ...]:
    """The countries of Natural Earth 1:110m, read once per process."""
    text = (resources.files("hub_plugin") / WORLD_FILE).read_text(encoding="utf-8")
    return tuple(shapes(json.loads(text), "countries"))
