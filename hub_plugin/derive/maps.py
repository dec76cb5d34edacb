"""Maps of partnerships: which partners are points where, which partnerships are lines, and what the map shows.

Everything a map template needs is computed here, as path data and plain
values: the country shapes in view (projected once per process), the great
circles between partners, points that overlap spread on a small ring (with a
leader line to their true spot), the view cropped to what the map is about.
``templates/_map.html`` turns a ``PartnershipMap`` into SVG, escaping every
value that comes from content.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, newest_first
from ..read.topojson import world_countries
from . import geo
from .geo import XY

LOCAL_WIDTH = 1000.0  # every map is drawn 1000 units wide, whatever part of the world it shows
MARKER = 6.5          # a marker's radius in those units (about 4.5 px in the page's column)
GAP = 2.4 * MARKER    # points closer than this are spread apart
DENSE = 150           # a map with more lines than this draws them fainter, so that they do not hide the land
MIN_SPAN = 70.0       # a cropped view is at least this wide in world units (about 2,800 km at the equator)
ASPECTS = (1.3, 2.3)  # a cropped view's width / height stays between these
PAD = 0.18            # room around what a cropped view shows, as a share of its size
WORLD_SOUTH = -58.0   # the world map ends south of Tierra del Fuego: no partner is in Antarctica
DECIMALS = 1          # coordinates rounded to 1/10 unit: 1/10,000 of the map's width
# Country shapes come in levels of detail, (largest zoom, tolerance in world units, units per world unit): a
# map uses the coarsest level fine enough for its zoom (``View.scale``), whose shapes are drawn in whole units
# of 1/factor world unit (short path data at any zoom): points dropped or rounded move an outline by about a
# map unit at most (under a pixel in the page's column).
DETAIL = ((2.0, 0.6, 1), (4.0, 0.3, 2), (8.0, 0.15, 4), (16.0, 0.08, 8), (32.0, 0.04, 16), (math.inf, 0.02, 32))

# Each kind of partner has a shape of its own (and a colour, in hub.css): told apart without colour too.
KIND_SHAPES = {
    "city": "circle",
    "association": "square",
    "local-government-network": "diamond",
    "international-organisation": "triangle",
    "national-government": "triangle-down",
    "regional-government": "hexagon",
    "ngo": "pentagon",
    "academic": "star",
}
OTHER_SHAPE = "plus"  # a kind taxonomy.yml adds later


@dataclass(frozen=True)
class View:
    """The part of the projected world a map shows, in world units (``geo.project``)."""

    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        return LOCAL_WIDTH / self.width

    def local(self, point: XY) -> XY:
        """A world point in the map's own units (0 to LOCAL_WIDTH across)."""
        return (point[0] - self.x) * self.scale, (point[1] - self.y) * self.scale

    @property
    def local_height(self) -> float:
        return round(self.height * self.scale, 1)

    @property
    def transform(self) -> str:
        """The SVG transform that draws the country shapes (in units of its level of detail) in the map's units."""
        k = self.scale
        f = DETAIL[detail_for(k)][2]
        return f"matrix({k / f:.5g} 0 0 {k / f:.5g} {-self.x * k:.5g} {-self.y * k:.5g})"

    def meets(self, box: tuple[float, float, float, float]) -> bool:
        left, top, right, bottom = box
        return left <= self.x + self.width and right >= self.x and top <= self.y + self.height and bottom >= self.y


WORLD_VIEW = View(0.0, 0.0, geo.WIDTH, math.ceil(geo.project(0, WORLD_SOUTH)[1]))


def detail_for(scale: float) -> int:
    """The level of ``DETAIL`` a map at this zoom uses."""
    return next(level for level, (zoom, _, _) in enumerate(DETAIL) if scale <= zoom)


@dataclass(frozen=True)
class LandPiece:
    """One projected polygon of a country (a ring and its holes), with its path data and bounding box."""

    rings: tuple[tuple[XY, ...], ...]
    data: str
    box: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Country:
    id: str
    name: str
    pieces: tuple[LandPiece, ...]


@dataclass(frozen=True)
class MapPoint:
    partner_id: str
    kind: str
    shape: str
    data: str      # the marker's path data, in the map's units
    focus: bool    # the partner the page is about


@dataclass(frozen=True)
class PartnershipMap:
    view: View
    whole_world: bool              # the same land on every such map: rendered once per build
    land: tuple[str, ...]          # path data of each country in view, in world units
    points: tuple[MapPoint, ...]
    lines: tuple[tuple[int, str], ...]  # (weight 1-3, path data of every line of that weight)
    leaders: str                   # path data of the lines from a moved point to its true spot
    kinds: tuple[str, ...]         # the kinds of partner on the map, in legend order
    unplaced: tuple[str, ...]      # partners without coordinates, listed under the map
    partnerships: int              # case studies shown
    partners: int
    countries: int
    dense: bool = False            # more than DENSE lines


# -- the land --------------------------------------------------------------------------------

def _scaled(rings: Iterable[Sequence[XY]], factor: float) -> list[list[XY]]:
    return [[(x * factor, y * factor) for x, y in ring] for ring in rings]


def _piece(rings: Sequence[Sequence[geo.LonLat]], level: int) -> LandPiece:
    _, tolerance, factor = DETAIL[level]
    projected = tuple(tuple(geo.simplify([geo.project(lon, lat) for lon, lat in ring], tolerance)) for ring in rings)
    xs = [x for ring in projected for x, _ in ring]
    ys = [y for ring in projected for _, y in ring]
    return LandPiece(projected, geo.polyline_data(_scaled(projected, factor), closed=True, decimals=0),
                     (min(xs), min(ys), max(xs), max(ys)))


@functools.lru_cache(maxsize=len(DETAIL))
def world_land(level: int = 0) -> tuple[Country, ...]:
    """Every country of Natural Earth 1:110m, cut at the antimeridian, projected and simplified for
    ``level`` of ``DETAIL``: once per process and level. Land wholly south of the world map (Antarctica)
    is left out: no map shows it."""
    countries = []
    for shape in world_countries():
        pieces = []
        for outer, *holes in shape.polygons:
            if max(lat for _, lat in outer) < WORLD_SOUTH:
                continue
            cut = geo.cut_ring(outer)
            hole_rings = [piece for hole in holes for piece in geo.cut_ring(hole)]
            pieces.append(_piece([cut[0], *hole_rings], level))  # holes go with the first piece (none crosses ±180°)
            pieces.extend(_piece([ring], level) for ring in cut[1:])
        if pieces:
            countries.append(Country(shape.id, shape.name, tuple(pieces)))
    return tuple(countries)


def land_in(view: View) -> tuple[str, ...]:
    """Path data of each country with a piece in view: only those pieces, and of a piece that reaches out
    of view only what is in it (cut a little outside the view, so that the cut never shows)."""
    level = detail_for(view.scale)
    factor = DETAIL[level][2]
    margin = 0.02 * view.width
    box = (view.x - margin, view.y - margin, view.x + view.width + margin, view.y + view.height + margin)
    found = []
    for country in world_land(level):
        parts = []
        for piece in country.pieces:
            left, top, right, bottom = piece.box
            if right < box[0] or left > box[2] or bottom < box[1] or top > box[3]:
                continue
            if left >= box[0] and right <= box[2] and top >= box[1] and bottom <= box[3]:
                parts.append(piece.data)
            else:
                parts.append(geo.polyline_data(_scaled((geo.clip_to_box(ring, box) for ring in piece.rings), factor),
                                               closed=True, decimals=0))
        if any(parts):
            found.append("".join(parts))
    return tuple(found)


@functools.lru_cache(maxsize=1)
def world_land_in_view() -> tuple[str, ...]:
    return land_in(WORLD_VIEW)


# -- points ---------------------------------------------------------------------------------

def dodge(spots: Sequence[XY], gap: float = GAP) -> list[XY]:
    """Where to draw each point: points within ``gap`` of one spot are spread evenly on a small ring around
    their mean, at least ``gap`` apart, each on the side it lies towards; lone points stay where they are.

    A group is the points within ``gap`` of its first point, the spot with the most
    neighbours first: groups never chain across a crowded region into one huge ring.
    A grid of ``gap``-sized cells finds the neighbours, so the work grows with the
    number of points, not its square.
    """
    cells: dict[tuple[int, int], list[int]] = {}
    for i, (x, y) in enumerate(spots):
        cells.setdefault((math.floor(x / gap), math.floor(y / gap)), []).append(i)

    def near(i: int) -> list[int]:
        cx, cy = math.floor(spots[i][0] / gap), math.floor(spots[i][1] / gap)
        return [j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in cells.get((cx + dx, cy + dy), ())
                if math.dist(spots[i], spots[j]) < gap]

    neighbours = {i: near(i) for i in range(len(spots))}
    placed = list(spots)
    taken: set[int] = set()
    for seed in sorted(range(len(spots)), key=lambda i: (-len(neighbours[i]), i)):
        if seed in taken:
            continue
        members = sorted(j for j in neighbours[seed] if j not in taken)
        taken.update(members)
        if len(members) < 2:
            continue
        n = len(members)
        middle = (sum(spots[i][0] for i in members) / n, sum(spots[i][1] for i in members) / n)
        radius = max(gap, 1.15 * gap / (2 * math.sin(math.pi / n)))
        by_angle = sorted(members, key=lambda i: (math.atan2(spots[i][1] - middle[1], spots[i][0] - middle[0])
                                                  if math.dist(spots[i], middle) > 1e-6 else -math.pi / 2, i))
        for step, i in enumerate(by_angle):
            angle = -math.pi / 2 + 2 * math.pi * step / n
            placed[i] = (middle[0] + radius * math.cos(angle), middle[1] + radius * math.sin(angle))
    return placed


def marker_size(points: int) -> float:
    """A marker's radius: ``MARKER`` on a map of a few dozen points, smaller on a crowded one."""
    return max(0.55 * MARKER, min(MARKER, MARKER * math.sqrt(60 / max(points, 1))))


def shape_of(kind: str) -> str:
    return KIND_SHAPES.get(kind, OTHER_SHAPE)


def _polygon(center: XY, radius: float, corners: int, turn: float, inner: float = 1.0) -> list[XY]:
    """A regular polygon (a star when ``inner`` < 1: every other corner drawn in), the first corner at ``turn``."""
    points = []
    for i in range(corners):
        r = radius if i % 2 == 0 or inner == 1.0 else radius * inner
        angle = turn + 2 * math.pi * i / corners
        points.append((center[0] + r * math.cos(angle), center[1] + r * math.sin(angle)))
    return points + points[:1]


_UP = -math.pi / 2


def marker_data(shape: str, center: XY, radius: float = MARKER) -> str:
    """A marker's path data; shapes are sized to look about as big as the circle."""
    if shape == "circle":
        return geo.circle_data(center, radius, DECIMALS)
    if shape == "plus":
        a, b = radius * 1.15, radius * 0.42
        cx, cy = center
        outline = [(cx - b, cy - a), (cx + b, cy - a), (cx + b, cy - b), (cx + a, cy - b), (cx + a, cy + b), (cx + b, cy + b),
                   (cx + b, cy + a), (cx - b, cy + a), (cx - b, cy + b), (cx - a, cy + b), (cx - a, cy - b), (cx - b, cy - b)]
        return geo.polyline_data([outline + outline[:1]], closed=True, decimals=DECIMALS)
    corners, size, turn, inner = {
        "square": (4, 1.2, math.pi / 4, 1.0),
        "diamond": (4, 1.35, _UP, 1.0),
        "triangle": (3, 1.5, _UP, 1.0),
        "triangle-down": (3, 1.5, -_UP, 1.0),
        "pentagon": (5, 1.15, _UP, 1.0),
        "hexagon": (6, 1.1, 0.0, 1.0),
        "star": (10, 1.55, _UP, 0.5),
    }[shape]
    return geo.polyline_data([_polygon(center, radius * size, corners, turn, inner)], closed=True, decimals=DECIMALS)


# -- the map --------------------------------------------------------------------------------

def _fit(points: Sequence[XY]) -> View:
    """A view around ``points`` (world units): padded, not too small, not too narrow nor too flat, within
    the world map's (a partner south of it would be cut off, as on the world map)."""
    left, right = min(x for x, _ in points), max(x for x, _ in points)
    top, bottom = min(y for _, y in points), max(y for _, y in points)
    width = max(right - left, 1.0) * (1 + 2 * PAD)
    height = max(bottom - top, 1.0) * (1 + 2 * PAD)
    width = max(width, MIN_SPAN, height * ASPECTS[0])
    height = max(height, width / ASPECTS[1])
    width, height = min(width, WORLD_VIEW.width), min(height, WORLD_VIEW.height)  # never beyond the world map
    x = min(max((left + right - width) / 2, WORLD_VIEW.x), WORLD_VIEW.x + WORLD_VIEW.width - width)
    y = min(max((top + bottom - height) / 2, WORLD_VIEW.y), WORLD_VIEW.y + WORLD_VIEW.height - height)
    return View(round(x, 2), round(y, 2), round(width, 2), round(height, 2))


def _line_pieces(a: geo.LonLat, b: geo.LonLat) -> list[tuple[tuple[float, XY], tuple[float, XY], tuple[float, XY]]]:
    """The great circle from a to b as (t, world point) at the start, middle and end of each piece."""
    _, at = geo.great_circle(a, b)
    found = []
    for piece in geo.great_circle_pieces(a, b):
        (t0, start), (t1, end) = piece[0], piece[-1]
        middle = (t0 + t1) / 2
        found.append(((t0, geo.project(*start)), (middle, geo.project(*at(middle))), (t1, geo.project(*end))))
    return found


def _moved(point: XY, t: float, start: XY, end: XY) -> XY:
    """A point of a line at ``t`` (0 to 1) shifted as its ends are (points spread apart by ``dodge``)."""
    return (point[0] + start[0] * (1 - t) + end[0] * t, point[1] + start[1] * (1 - t) + end[1] * t)


def _build(catalogue: Catalogue, partner_ids: Iterable[str], pairs: Counter[tuple[str, str]], partnerships: int,
           focus: str | None = None, whole_world: bool = False) -> PartnershipMap | None:
    """The map of ``partner_ids`` (in the catalogue) and lines for ``pairs`` (weighted by case studies shared)."""
    known = [pid for pid in dict.fromkeys(partner_ids) if pid in catalogue.partners]
    placed = [pid for pid in known if catalogue.partners[pid].location is not None]
    if not placed:
        return None
    where: dict[str, geo.LonLat] = {}
    for pid in placed:
        location = catalogue.partners[pid].location
        assert location is not None
        where[pid] = (location.lon, location.lat)
    lines = {pair: _line_pieces(where[pair[0]], where[pair[1]]) for pair in pairs if pair[0] in where and pair[1] in where}
    if whole_world:
        view = WORLD_VIEW
    else:
        reach = [geo.project(*where[pid]) for pid in placed]
        reach += [point for pieces in lines.values() for piece in pieces for _, point in piece
                  if len(pieces) == 1]  # a line across ±180° would stretch the view round the world
        view = _fit(reach)
    spots = {pid: view.local(geo.project(*where[pid])) for pid in placed}
    order = sorted(placed, key=lambda pid: (pid == focus, pid))  # the page's own partner drawn last, on top
    size = marker_size(len(order))
    gap = GAP * size / MARKER
    drawn = dict(zip(order, dodge([spots[pid] for pid in order], gap)))
    shift = {pid: (drawn[pid][0] - spots[pid][0], drawn[pid][1] - spots[pid][1]) for pid in placed}

    by_weight: dict[int, list[str]] = {}
    for (a, b), pieces in sorted(lines.items()):
        if math.dist(spots[a], spots[b]) < gap:  # at one place: a line would only scribble inside the ring
            continue
        weight = min(pairs[(a, b)], 3)
        for (t0, p0), (tm, pm), (t1, p1) in pieces:
            start, middle, end = (_moved(view.local(point), t, shift[a], shift[b])
                                  for t, point in ((t0, p0), (tm, pm), (t1, p1)))
            data = geo.curve_data(start, middle, end, DECIMALS)
            if data:
                by_weight.setdefault(weight, []).append(data)
    leaders = geo.polyline_data([(spots[pid], drawn[pid]) for pid in order if math.dist(spots[pid], drawn[pid]) > size],
                                decimals=DECIMALS)
    points = tuple(MapPoint(pid, catalogue.partners[pid].kind, shape_of(catalogue.partners[pid].kind),
                            marker_data(shape_of(catalogue.partners[pid].kind), drawn[pid],
                                        size * (1.35 if pid == focus else 1.0)), pid == focus)
                   for pid in order)
    kinds = sorted({catalogue.partners[pid].kind for pid in placed},
                   key=lambda kind: (list(KIND_SHAPES).index(kind) if kind in KIND_SHAPES else len(KIND_SHAPES), kind))
    return PartnershipMap(
        view=view, whole_world=whole_world, land=world_land_in_view() if whole_world else land_in(view),
        points=points, lines=tuple((weight, "".join(data)) for weight, data in sorted(by_weight.items())),
        leaders=leaders, kinds=tuple(kinds),
        unplaced=tuple(sorted((pid for pid in known if pid not in where),
                              key=lambda pid: catalogue.partners[pid].name.casefold())),
        partnerships=partnerships, partners=len(known),
        countries=len({catalogue.partners[pid].country for pid in known}),
        dense=sum(len(data) for data in by_weight.values()) > DENSE)


def _pair(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def all_pairs(case_studies: Iterable[CaseStudy]) -> Counter[tuple[str, str]]:
    """Every two partners of a case study, counted once per case study they share."""
    pairs: Counter[tuple[str, str]] = Counter()
    for case_study in case_studies:
        ids = list(dict.fromkeys(case_study.partner_ids()))
        pairs.update({_pair(a, b) for i, a in enumerate(ids) for b in ids[i + 1:]})
    return pairs


def world_map(catalogue: Catalogue) -> PartnershipMap | None:
    """Every partnership of the hub on the whole world (the home page, the map page)."""
    case_studies = list(catalogue.case_studies.values())
    ids = [pid for case_study in case_studies for pid in case_study.partner_ids()]
    return _build(catalogue, ids, all_pairs(case_studies), len(case_studies), whole_world=True)


def selection_map(catalogue: Catalogue, case_studies: Sequence[CaseStudy]) -> PartnershipMap | None:
    """The partnerships of some case studies (a briefing pack's), the view cropped to their partners."""
    ids = [pid for case_study in case_studies for pid in case_study.partner_ids()]
    return _build(catalogue, ids, all_pairs(case_studies), len(case_studies))


def case_study_map(catalogue: Catalogue, case_study: CaseStudy) -> PartnershipMap | None:
    """A case study's partners, the view cropped to them; None when none of them has coordinates."""
    return _build(catalogue, case_study.partner_ids(), all_pairs([case_study]), 1)


def partner_map(catalogue: Catalogue, partner_id: str) -> PartnershipMap | None:
    """A partner and the partners it worked with, a line to each (thicker for more case studies), cropped."""
    case_studies = catalogue.case_studies_with("partners", partner_id)
    pairs: Counter[tuple[str, str]] = Counter()
    others: list[str] = []
    for case_study in case_studies:
        for other in dict.fromkeys(case_study.partner_ids()):
            if other != partner_id:
                others.append(other)
                pairs[_pair(partner_id, other)] += 1
    return _build(catalogue, [partner_id, *others], pairs, len(case_studies), focus=partner_id)


class PartnershipMaps:
    """The maps of one catalogue, each computed once: a map shows places and ids, no word of any language,
    so every edition's page of a case study or partner draws the same one (the geometry is most of its cost)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._made: dict[tuple[str, ...], PartnershipMap | None] = {}

    def _once(self, key: tuple[str, ...], make: Callable[[], PartnershipMap | None]) -> PartnershipMap | None:
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def world(self) -> PartnershipMap | None:
        return self._once(("world",), lambda: world_map(self.catalogue))

    def case_study(self, case_study: CaseStudy) -> PartnershipMap | None:
        return self._once(("case-study", case_study.slug), lambda: case_study_map(self.catalogue, case_study))

    def partner(self, partner_id: str) -> PartnershipMap | None:
        return self._once(("partner", partner_id), lambda: partner_map(self.catalogue, partner_id))

    def selection(self, case_studies: Sequence[CaseStudy]) -> PartnershipMap | None:
        key = ("selection", *(case_study.slug for case_study in case_studies))
        return self._once(key, lambda: selection_map(self.catalogue, case_studies))


# -- the same as a table ------------------------------------------------------------------------

@dataclass(frozen=True)
class PartnershipRow:
    partner_id: str
    case_study: CaseStudy
    others: tuple[str, ...]  # the case study's other partners


def partnership_rows(catalogue: Catalogue) -> list[PartnershipRow]:
    """One row per partner and case study, by partner name, then newest first: the map as a table."""
    rows: list[PartnershipRow] = []
    for case_study in newest_first(catalogue.case_studies.values()):
        ids = [pid for pid in dict.fromkeys(case_study.partner_ids()) if pid in catalogue.partners]
        rows.extend(PartnershipRow(pid, case_study, tuple(other for other in ids if other != pid)) for pid in ids)
    rows.sort(key=lambda row: catalogue.partners[row.partner_id].name.casefold())  # stable: newest first within
    return rows


# The legend's keys: each shape drawn in a 14-unit square.
LEGEND_KEYS = {shape: marker_data(shape, (7.0, 7.0), 4.2) for shape in [*KIND_SHAPES.values(), OTHER_SHAPE]}
