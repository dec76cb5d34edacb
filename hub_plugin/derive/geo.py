"""Geometry of the maps: the Equal Earth projection, the cut at the antimeridian, great circles and path data.

Plain arithmetic on (longitude, latitude) in degrees and on projected (x, y)
in map units (the whole world is ``WIDTH`` wide, y grows downwards as in SVG),
so that maps are drawn at build time with no geometry library and no script.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

LonLat = tuple[float, float]
XY = tuple[float, float]

WIDTH = 1000.0  # the world's width in map units, at the equator from -180 to 180

# Equal Earth (Šavrič, Patterson and Jenny, 2018): equal-area, with closed formulas both ways.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def _equal_earth(lon: float, lat: float) -> XY:
    """Equal Earth on the unit sphere, y upwards."""
    theta = math.asin(_M * math.sin(math.radians(lat)))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * math.radians(lon) * math.cos(theta) / (3 * (9 * _A4 * t6 * t2 + 7 * _A3 * t6 + 3 * _A2 * t2 + _A1))
    y = theta * (_A4 * t6 * t2 + _A3 * t6 + _A2 * t2 + _A1)
    return x, y


SCALE = WIDTH / (2 * _equal_earth(180, 0)[0])
TOP = _equal_earth(0, 90)[1] * SCALE  # the north pole's y upwards; map y is measured down from it
HEIGHT = 2 * TOP  # pole to pole


def project(lon: float, lat: float) -> XY:
    """(longitude, latitude) to map units: x from 0 (-180°) to WIDTH (180°), y from 0 (north pole) down."""
    x, y = _equal_earth(lon, lat)
    return WIDTH / 2 + x * SCALE, TOP - y * SCALE


def _wrap(delta: float) -> float:
    """A difference of longitudes brought into [-180, 180]."""
    while delta > 180:
        delta -= 360
    while delta < -180:
        delta += 360
    return delta


def crosses_antimeridian(points: Sequence[LonLat]) -> bool:
    """Whether consecutive longitudes jump by more than 180°: the line goes the short way, across ±180°."""
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:]))


def unwrap(points: Sequence[LonLat]) -> list[LonLat]:
    """The same points with longitudes made continuous (they may leave [-180, 180])."""
    if not points:
        return []
    found = [points[0]]
    for lon, lat in points[1:]:
        found.append((found[-1][0] + _wrap(lon - found[-1][0]), lat))
    return found


def _densify(a: LonLat, b: LonLat, step: float = 5.0) -> list[LonLat]:
    """Points from a towards b (a included, b not) at most ``step`` degrees apart: long edges that the cut
    adds (along ±180° and the poles) would otherwise project as straight chords across the map."""
    count = max(1, math.ceil(max(abs(b[0] - a[0]), abs(b[1] - a[1])) / step))
    return [(a[0] + (b[0] - a[0]) * i / count, a[1] + (b[1] - a[1]) * i / count) for i in range(count)]


def _clip(ring: list[LonLat], low: float, high: float) -> list[LonLat]:
    """Sutherland-Hodgman against the strip low <= lon <= high (convex), latitude interpolated on the edges."""
    def side(points: list[LonLat], inside, edge: float) -> list[LonLat]:
        out: list[LonLat] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(_crossing(previous, current, edge))
                out.append(current)
            elif inside(previous):
                out.append(_crossing(previous, current, edge))
        return out

    open_ring = ring[:-1] if ring and ring[0] == ring[-1] else ring
    clipped = side(open_ring, lambda p: p[0] >= low, low)
    clipped = side(clipped, lambda p: p[0] <= high, high) if clipped else []
    return clipped


def _crossing(a: LonLat, b: LonLat, lon: float) -> LonLat:
    """Where the segment a-b meets the meridian ``lon``, the latitude interpolated along it."""
    t = (lon - a[0]) / (b[0] - a[0])
    return (lon, a[1] + (b[1] - a[1]) * t)


def cut_ring(ring: Sequence[LonLat]) -> list[list[LonLat]]:
    """A closed ring as one or more closed rings within [-180, 180], cut where it crosses the antimeridian.

    A ring that does not cross comes back as it is. One that does is unwrapped
    (continuous longitudes), closed over the pole if it goes round it
    (Antarctica), then clipped to each 360° strip it covers and shifted back.
    """
    points = list(ring)
    if not crosses_antimeridian(points):
        return [points]
    unwrapped = unwrap(points)
    if unwrapped[0] != unwrapped[-1] and abs(unwrapped[-1][1] - unwrapped[0][1]) < 1e-9 \
            and abs(abs(unwrapped[-1][0] - unwrapped[0][0]) - 360) < 1e-6:  # round a pole: close it through the pole
        pole = 90.0 if sum(lat for _, lat in unwrapped) > 0 else -90.0
        last, first = unwrapped[-1], unwrapped[0]
        edge = [(last[0], pole), (first[0], pole)]
        closing = _densify(last, edge[0]) + _densify(edge[0], edge[1]) + _densify(edge[1], first)
        unwrapped = unwrapped + closing[1:] + [first]
    lons = [lon for lon, _ in unwrapped]
    pieces = []
    for k in range(math.floor((min(lons) + 180) / 360), math.ceil((max(lons) - 180) / 360) + 1):
        clipped = _clip(unwrapped, -180 + 360 * k, 180 + 360 * k)
        if len(clipped) < 3:
            continue
        shifted = [(lon - 360 * k, lat) for lon, lat in clipped]
        dense: list[LonLat] = []
        for a, b in zip(shifted, shifted[1:] + shifted[:1]):
            on_edge = abs(a[0]) == 180 and a[0] == b[0]
            dense.extend(_densify(a, b) if on_edge else [a])
        pieces.append(dense + dense[:1])
    return pieces


def _vector(lon: float, lat: float) -> tuple[float, float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


def great_circle(a: LonLat, b: LonLat) -> tuple[float, Callable[[float], LonLat]]:
    """The angle between a and b (radians) and the function t -> (lon, lat) along the shorter great circle.

    Spherical linear interpolation (slerp) of the two unit vectors.
    """
    va, vb = _vector(*a), _vector(*b)
    dot = max(-1.0, min(1.0, sum(p * q for p, q in zip(va, vb))))
    omega = math.acos(dot)

    def at(t: float) -> LonLat:
        if omega < 1e-9 or math.sin(omega) < 1e-9:  # the same point, or antipodes: no one great circle
            return (a[0] + _wrap(b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
        wa, wb = math.sin((1 - t) * omega) / math.sin(omega), math.sin(t * omega) / math.sin(omega)
        x, y, z = (wa * p + wb * q for p, q in zip(va, vb))
        return (math.degrees(math.atan2(y, x)), math.degrees(math.atan2(z, math.hypot(x, y))))

    return omega, at


def great_circle_pieces(a: LonLat, b: LonLat, step: float = 3.0) -> list[list[tuple[float, LonLat]]]:
    """The great circle from a to b as pieces that do not cross the antimeridian: (t, (lon, lat)) samples
    at most ``step`` degrees apart, each piece ending (or starting) on ±180° where the circle crosses it."""
    omega, at = great_circle(a, b)
    count = max(2, math.ceil(math.degrees(omega) / step))
    samples = [(i / count, at(i / count)) for i in range(count + 1)]
    pieces: list[list[tuple[float, LonLat]]] = [[samples[0]]]
    for (t0, p0), (t1, p1) in zip(samples, samples[1:]):
        if abs(p1[0] - p0[0]) > 180:  # crosses: interpolate the latitude at ±180° on the unwrapped longitude
            edge = 180.0 if p0[0] > 0 else -180.0
            lon1 = p0[0] + _wrap(p1[0] - p0[0])
            f = (edge - p0[0]) / (lon1 - p0[0]) if lon1 != p0[0] else 0.0
            lat, t = p0[1] + (p1[1] - p0[1]) * f, t0 + (t1 - t0) * f
            pieces[-1].append((t, (edge, lat)))
            pieces.append([(t, (-edge, lat))])
        pieces[-1].append((t1, p1))
    return pieces


# -- path data ----------------------------------------------------------------------------

def _number(tenths: int, decimals: int) -> str:
    """A rounded coordinate, as short as SVG allows: 1.5, -.5, 12."""
    if decimals == 0:
        return str(tenths)
    text = f"{tenths / 10 ** decimals:.{decimals}f}".rstrip("0").rstrip(".")
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text if text != "-0" else "0"


def _numbers(values: Iterable[int], decimals: int) -> str:
    """Numbers joined as SVG path data allows: a minus sign separates as well as a space."""
    out = ""
    for value in values:
        text = _number(value, decimals)
        out += text if not out or text.startswith("-") else " " + text
    return out


def _rounded(point: XY, decimals: int) -> tuple[int, int]:
    factor = 10 ** decimals
    return round(point[0] * factor), round(point[1] * factor)


def polyline_data(lines: Iterable[Sequence[XY]], closed: bool = False, decimals: int = 1) -> str:
    """SVG path data of polylines (rings when ``closed``): an absolute move, then relative lines.

    Coordinates are rounded first and the deltas taken between rounded points,
    so no error adds up; points that round onto the previous one are dropped.
    """
    parts = []
    for line in lines:
        rounded = [_rounded(point, decimals) for point in line]
        if closed and len(rounded) > 1 and rounded[0] == rounded[-1]:
            rounded = rounded[:-1]
        kept = [rounded[0]] if rounded else []
        for point in rounded[1:]:
            if point != kept[-1]:
                kept.append(point)
        if len(kept) < (3 if closed else 2):
            continue
        deltas = [value for p, q in zip(kept, kept[1:]) for value in (q[0] - p[0], q[1] - p[1])]
        parts.append("M" + _numbers(kept[0], decimals) + "l" + _numbers(deltas, decimals) + ("z" if closed else ""))
    return "".join(parts)


def curve_data(start: XY, middle: XY, end: XY, decimals: int = 1) -> str:
    """A quadratic Bézier from start to end that passes through ``middle`` at its half: one short command
    stands for a whole great-circle piece (its control point is 2·middle − (start + end)/2)."""
    control = (2 * middle[0] - (start[0] + end[0]) / 2, 2 * middle[1] - (start[1] + end[1]) / 2)
    s, c, e = (_rounded(point, decimals) for point in (start, control, end))
    if s == e:
        return ""
    return "M" + _numbers(s, decimals) + "q" + _numbers((c[0] - s[0], c[1] - s[1], e[0] - s[0], e[1] - s[1]), decimals)


def circle_data(center: XY, radius: float, decimals: int = 1) -> str:
    """A circle as path data (two arcs), so that every marker is one ``<path>`` whatever its shape."""
    r = _rounded((radius, 0), decimals)[0]
    left = _rounded((center[0] - radius, center[1]), decimals)
    return ("M" + _numbers(left, decimals) + "a" + _numbers((r, r), decimals) + " 0 1 0 " + _numbers((2 * r, 0), decimals)
            + "a" + _numbers((r, r), decimals) + " 0 1 0 " + _numbers((-2 * r, 0), decimals) + "z")


def simplify(ring: Sequence[XY], tolerance: float) -> list[XY]:
    """A closed ring with the points that move it less than ``tolerance`` dropped (Douglas-Peucker).

    1:110m coastlines hold far more points than a map 1000 units wide can show;
    dropping what is under half a pixel halves the map's size and changes no pixel.
    """
    points = list(ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring)
    if len(points) < 4:
        return list(ring)
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    keep = {0, far}
    stack = [(0, far), (far, len(points))]
    while stack:
        first, last = stack.pop()
        a, b = points[first], points[last % len(points)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        length = math.hypot(dx, dy)
        worst, worst_at = 0.0, -1
        for i in range(first + 1, last):
            p = points[i]
            distance = (abs(dy * (p[0] - a[0]) - dx * (p[1] - a[1])) / length if length
                        else math.hypot(p[0] - a[0], p[1] - a[1]))
            if distance > worst:
                worst, worst_at = distance, i
        if worst > tolerance:
            keep.add(worst_at)
            stack += [(first, worst_at), (worst_at, last)]
    kept = [points[i] for i in sorted(keep)]
    return kept + kept[:1]


def clip_to_box(ring: Sequence[XY], box: tuple[float, float, float, float]) -> list[XY]:
    """A closed projected ring cut to the box (left, top, right, bottom), Sutherland-Hodgman: what a
    cropped map cannot show is left out of its page."""
    left, top, right, bottom = box
    points = list(ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring)
    edges = ((0, left, True), (0, right, False), (1, top, True), (1, bottom, False))
    for axis, limit, above in edges:
        if not points:
            break
        out: list[XY] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            inside_now = current[axis] >= limit if above else current[axis] <= limit
            inside_before = previous[axis] >= limit if above else previous[axis] <= limit
            if inside_now != inside_before:
                t = (limit - previous[axis]) / (current[axis] - previous[axis])
                out.append((previous[0] + (current[0] - previous[0]) * t, previous[1] + (current[1] - previous[1]) * t))
            if inside_now:
                out.append(current)
        points = out
    return points + points[:1] if len(points) >= 3 else []
