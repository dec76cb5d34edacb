"""Maps of partnerships: inline SVG drawn at build time, on the home page, the map page, case-study and partner pages.

- Country shapes are Natural Earth 1:110m (world-atlas's TopoJSON, kept in the package), decoded in Python.
- The projection is Equal Earth: equal-area, the world 1000 units wide.
- Rings and great circles that cross the antimeridian are cut there, the latitude interpolated.
- Points at one spot are spread on a small ring, with a leader line to the spot.
- Every map has a text alternative, a legend, the partners it cannot place, and the disclaimer.
- The home map stays under 150 KB gzipped at 2,000 case studies (scripts/bench_map.py); a case-study map
  under 30 KB.

Expectations about the seed site come from the front matter in content/, read here.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import frontmatter
import pytest
from browse_helpers import content_of, parse_page, resolve
from conftest import REPO

from hub_plugin.derive import geo, maps
from hub_plugin.read.topojson import decode_arcs, ring_of, shapes, world_countries

SCRIPTS = REPO / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

CONTENT = REPO / "content"
DISCLAIMER = "do not imply official endorsement or acceptance"
ATTRIBUTION = "Country shapes: Natural Earth"


# -- the content, read here -----------------------------------------------------------------

def front_matter(folder: str) -> dict[str, dict]:
    return {path.stem: frontmatter.load(path).metadata for path in sorted((CONTENT / folder).glob("*.md"))
            if path.stem != "index" and "." not in path.stem}  # not the translations (<slug>.<lang>.md)


PARTNERS = front_matter("partners")
CASE_STUDIES = front_matter("case-studies")


def partners_of(slug: str) -> list[str]:
    return list(dict.fromkeys(ref["id"] for ref in CASE_STUDIES[slug]["partners"]))


def placed(ids) -> set[str]:
    return {pid for pid in ids if PARTNERS[pid].get("location")}


# -- path data, read back ---------------------------------------------------------------------

_TOKEN = re.compile(r"[MmLlQqAaZzHhVv]|-?(?:\d+\.?\d*|\.\d+)")


def subpaths(data: str) -> list[list[tuple[float, float]]]:
    """Absolute points of each subpath of the path data the hub writes (M, l, q, a, z), control points included."""
    found: list[list[tuple[float, float]]] = []
    tokens = _TOKEN.findall(data)
    x = y = 0.0
    command = ""
    i = 0
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                continue
        if command == "M":
            x, y = float(tokens[i]), float(tokens[i + 1])
            found.append([(x, y)])
            i += 2
            command = "l"
        elif command == "l":
            x, y = x + float(tokens[i]), y + float(tokens[i + 1])
            found[-1].append((x, y))
            i += 2
        elif command == "q":
            cx, cy = x + float(tokens[i]), y + float(tokens[i + 1])
            x, y = x + float(tokens[i + 2]), y + float(tokens[i + 3])
            found[-1] += [(cx, cy), (x, y)]
            i += 4
        elif command == "a":
            x, y = x + float(tokens[i + 5]), y + float(tokens[i + 6])
            found[-1].append((x, y))
            i += 7
        else:
            raise AssertionError(f"unexpected command {command!r} in {data[:80]}")
    return found


def test_path_data_is_relative_rounded_and_reads_back_to_the_points():
    ring = [(10.04, 20.06), (13.51, 19.94), (12.0, 25.55), (10.04, 20.06)]
    data = geo.polyline_data([ring], closed=True, decimals=1)
    assert data.startswith("M10 20.1l") and data.endswith("z")
    back = subpaths(data)[0]
    assert all(math.dist(p, q) < 0.1 for p, q in zip(back, ring[:-1]))
    assert geo.polyline_data([[(1.0, 1.0), (1.01, 1.02)]]) == ""  # rounds onto one point: nothing to draw


# -- the country shapes -------------------------------------------------------------------------

def test_the_topojson_decoder_undoes_quantization_deltas_and_reversed_arcs():
    topology = {"type": "Topology", "transform": {"scale": [0.5, 0.25], "translate": [-10, 20]},
                "arcs": [[[0, 0], [4, 0], [0, 8]], [[4, 8], [-4, -8]]],
                "objects": {"things": {"type": "GeometryCollection", "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "1", "properties": {"name": "Square-ish"}},
                    {"type": "Polygon", "arcs": [[~1, ~0]], "id": "2", "properties": {"name": "Backwards"}},
                    {"type": "LineString", "arcs": [0]}]}}}
    arcs = decode_arcs(topology)
    assert arcs[0] == [(-10.0, 20.0), (-8.0, 20.0), (-8.0, 22.0)]
    assert ring_of([0, 1], arcs) == [(-10.0, 20.0), (-8.0, 20.0), (-8.0, 22.0), (-10.0, 20.0)]
    found = shapes(topology, "things")
    assert [(shape.id, shape.name) for shape in found] == [("1", "Square-ish"), ("2", "Backwards")]
    assert found[1].polygons[0][0] == ring_of([0, 1], arcs)[::-1]


def test_the_package_holds_natural_earth_countries_with_their_attribution():
    countries = world_countries()
    assert 170 <= len(countries) <= 180
    by_name = {country.name: country for country in countries}
    for name, code in (("Norway", "578"), ("Kenya", "404"), ("Malawi", "454"), ("Fiji", "242")):
        assert by_name[name].id == code
    for country in countries:
        for polygon in country.polygons:
            for ring in polygon:
                assert ring[0] == ring[-1], country.name
                assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)
    notice = (REPO / "hub_plugin" / "data" / "world" / "README.md").read_text(encoding="utf-8")
    assert "Natural Earth" in notice and "public domain" in notice and "ISC" in notice and "Bostock" in notice
    assert (SCRIPTS / "refresh_world.py").is_file()


# -- the projection -------------------------------------------------------------------------------

def _area(points) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))) / 2


@pytest.mark.parametrize("lon", [0, 120, -175])
def test_equal_earth_keeps_areas_cells_of_one_area_on_the_globe_stay_one_area_on_the_map(lon):
    """A cell of 1° by 1° has the area cos(latitude) on the globe, in some unit; on the map the ratio is constant."""
    ratios = []
    for lat in (0, 25, 50, 70, 85):
        cell = [geo.project(lon, lat), geo.project(lon + 1, lat), geo.project(lon + 1, lat + 1), geo.project(lon, lat + 1)]
        on_globe = math.sin(math.radians(lat + 1)) - math.sin(math.radians(lat))
        ratios.append(_area(cell) / on_globe)
    assert max(ratios) / min(ratios) < 1.005, ratios


def test_the_world_is_1000_units_wide_and_every_projected_point_is_within_it():
    assert geo.project(-180, 0) == pytest.approx((0, geo.HEIGHT / 2))
    assert geo.project(180, 0) == pytest.approx((geo.WIDTH, geo.HEIGHT / 2))
    assert geo.project(0, 90) == pytest.approx((500, 0))
    assert geo.project(0, -90) == pytest.approx((500, geo.HEIGHT))
    assert 0.45 < geo.HEIGHT / geo.WIDTH < 0.5  # Equal Earth's proportions
    for country in maps.world_land():
        for piece in country.pieces:
            for ring in piece.rings:
                assert all(-1e-9 <= x <= geo.WIDTH + 1e-9 and -1e-9 <= y <= geo.HEIGHT + 1e-9 for x, y in ring)


# -- the antimeridian -------------------------------------------------------------------------

def _within(rings) -> bool:
    return all(-180 <= lon <= 180 for ring in rings for lon, _ in ring)


def test_a_fiji_like_square_across_180_degrees_is_cut_into_two_closed_rings_with_the_latitude_interpolated():
    square = [(179.0, -16.0), (-179.0, -17.0), (-179.0, -18.0), (179.0, -18.0), (179.0, -16.0)]
    rings = geo.cut_ring(square)
    assert len(rings) == 2 and _within(rings)
    east, west = sorted(rings, key=lambda ring: -max(lon for lon, _ in ring))
    assert min(lon for lon, _ in east) == 179 and max(lon for lon, _ in east) == 180
    assert max(lon for lon, _ in west) == -179 and min(lon for lon, _ in west) == -180
    assert (180, -16.5) in east and (-180, -16.5) in west  # halfway along the top edge, both sides
    assert all(ring[0] == ring[-1] for ring in rings)
    unwrapped = [(lon if lon > 0 else lon + 360, lat) for lon, lat in square[:-1]]
    pieces = [[(lon if lon > 0 or ring is east else lon + 360, lat) for lon, lat in ring[:-1]] for ring in rings]
    assert sum(_area(piece) for piece in pieces) == pytest.approx(_area(unwrapped))


def test_a_chukotka_like_ring_and_a_ring_round_the_pole_are_cut_and_closed():
    chukotka = [(175.0, 64.0), (179.0, 66.0), (-172.0, 66.5), (-170.0, 65.0), (-178.0, 63.0), (175.0, 64.0)]
    rings = geo.cut_ring(chukotka)
    assert len(rings) == 2 and _within(rings)
    assert not any(geo.crosses_antimeridian(ring) for ring in rings)
    around_the_pole = [(-180.0, -70.0), (-90.0, -75.0), (0.0, -70.0), (90.0, -72.0), (180.0, -70.0), (-180.0, -70.0)]
    (closed,) = geo.cut_ring(around_the_pole)
    assert _within([closed]) and min(lat for _, lat in closed) == -90  # closed along the south pole
    assert geo.cut_ring([(0, 0), (1, 0), (1, 1), (0, 0)]) == [[(0, 0), (1, 0), (1, 1), (0, 0)]]


@pytest.mark.parametrize("level", range(len(maps.DETAIL)))
def test_no_country_shape_has_a_segment_across_half_the_map(level):
    """A ring left uncut at ±180° would draw a line across the whole world."""
    longest = max(math.dist(a, b) for country in maps.world_land(level) for piece in country.pieces
                  for ring in piece.rings for a, b in zip(ring, ring[1:]))
    assert longest < geo.WIDTH / 2
    # and none as drawn on the page either (the path data, read back)
    for data in maps.land_in(maps.WORLD_VIEW) if level == 0 else ():
        for points in subpaths(data):
            assert all(math.dist(a, b) < geo.WIDTH / 2 for a, b in zip(points, points[1:]))


def test_a_great_circle_across_the_pacific_is_split_at_180_degrees_and_bends_towards_the_pole():
    tokyo, san_francisco = (139.7, 35.7), (-122.4, 37.8)
    pieces = geo.great_circle_pieces(tokyo, san_francisco)
    assert len(pieces) == 2
    (_, end), (_, start) = pieces[0][-1], pieces[1][0]
    assert end[0] == 180 and start[0] == -180 and end[1] == pytest.approx(start[1])
    assert pieces[0][-1][0] == pieces[1][0][0]  # the same point of the circle
    assert max(lat for piece in pieces for _, (_, lat) in piece) > 45  # north of both ends: a great circle
    omega, at = geo.great_circle(tokyo, san_francisco)
    angle = lambda a, b: geo.great_circle(a, b)[0]  # noqa: E731
    middle = at(0.5)
    assert angle(tokyo, middle) == pytest.approx(omega / 2) and angle(middle, san_francisco) == pytest.approx(omega / 2)
    assert len(geo.great_circle_pieces((2.17, 41.39), (31.02, -29.86))) == 1  # Barcelona to Durban: no cut


def test_a_great_circle_piece_is_one_quadratic_curve_through_its_middle():
    data = geo.curve_data((0.0, 0.0), (50.0, -20.0), (100.0, 0.0))
    assert data == "M0 0q50-40 100 0"  # at t = 1/2 a quadratic passes (start + 2 control + end) / 4 = the middle


# -- points at one spot ---------------------------------------------------------------------------

def test_points_at_one_spot_are_spread_on_a_ring_and_lone_points_stay_where_they_are():
    barcelona = (400.0, 100.0)
    spots = [barcelona] * 5 + [(402.0, 101.0), (700.0, 300.0)]
    drawn = maps.dodge(spots, gap=10.0)
    cluster = drawn[:6]
    assert all(math.dist(a, b) >= 10.0 - 1e-6 for i, a in enumerate(cluster) for b in cluster[i + 1:])
    assert all(math.dist(point, barcelona) < 20 for point in cluster)  # a small ring, around the spot
    assert drawn[6] == (700.0, 300.0)
    assert maps.dodge(spots, gap=10.0) == drawn  # the same every build


def test_every_kind_of_partner_has_its_own_shape():
    shapes_ = [maps.shape_of(kind) for kind in maps.KIND_SHAPES]
    assert len(set(shapes_)) == len(shapes_)
    assert maps.shape_of("a-kind-added-later") == maps.OTHER_SHAPE
    assert len(set(maps.LEGEND_KEYS.values())) == len(maps.LEGEND_KEYS)


# -- the built seed site ----------------------------------------------------------------------------

def the_map(site: Path, url: str):
    figure = content_of(parse_page(site, url)).find("figure", cls="hub-map")
    assert figure is not None, f"/{url} has no map"
    return figure


def svg_of(figure):
    svg = figure.find("svg", cls="hub-map__svg")
    assert svg is not None
    return svg


def text_alternative(figure) -> tuple[str, str]:
    svg = svg_of(figure)
    assert svg.attrs["role"] == "img"
    title_id, desc_id = svg.attrs["aria-labelledby"].split()
    title, desc = svg.find("title", id=title_id), svg.find("desc", id=desc_id)
    assert title is not None and desc is not None and title.parent is svg and desc.parent is svg
    return title.text(), desc.text()


def marker_names(figure) -> list[str]:
    return [path.find("title").text().rsplit(" (", 1)[0] for path in svg_of(figure).find_all("path", cls="hub-map__pt")]


def assert_notes(figure) -> None:
    caption = figure.find("figcaption").text()
    assert ATTRIBUTION in caption and DISCLAIMER in caption


def assert_inside_the_view(figure) -> None:
    svg = svg_of(figure)
    _, _, width, height = (float(value) for value in svg.attrs["viewbox"].split())
    for path in svg.find_all("path", cls="hub-map__pt"):
        x, y = subpaths(path.attrs["d"])[0][0]
        assert -10 <= x <= width + 10 and -10 <= y <= height + 10, path.find("title").text()


def assert_not_interactive(figure) -> None:
    svg = svg_of(figure)
    assert not svg.find_all("a") and not svg.find_all("script")
    assert not [node for node in svg.iter() if "tabindex" in node.attrs or "style" in node.attrs]


def test_the_home_page_maps_every_partnership_and_says_so_in_words(seed_site):
    figure = the_map(seed_site, "")
    title, desc = text_alternative(figure)
    involved = {pid for slug in CASE_STUDIES for pid in partners_of(slug)}
    countries = {PARTNERS[pid]["country"] for pid in involved}
    assert title == "Map of partnerships"
    assert desc.startswith(f"Map of {len(CASE_STUDIES)} partnerships between {len(involved)} partners "
                           f"in {len(countries)} countries")
    assert sorted(marker_names(figure)) == sorted(PARTNERS[pid]["name"] for pid in placed(involved))
    assert figure.find("g", cls="hub-map__land").find("path") is not None
    assert svg_of(figure).find_all("path", cls="hub-map__line")
    assert_notes(figure)
    assert_inside_the_view(figure)
    assert_not_interactive(figure)
    home = content_of(parse_page(seed_site, ""))
    assert "map/" in [resolve("", a.attrs["href"]) for a in home.find_all("a") if "href" in a.attrs]


def test_partners_without_coordinates_are_listed_under_the_map_not_dropped(seed_site):
    figure = the_map(seed_site, "map/")
    unplaced = {pid for slug in CASE_STUDIES for pid in partners_of(slug)} - placed(PARTNERS)
    assert unplaced, "the seed has partners without coordinates"
    note = figure.find("p", cls="hub-map__unplaced")
    assert note.text().startswith("Not on the map (no coordinates):")
    listed = {resolve("map/", a.attrs["href"]) for a in note.find_all("a")}
    assert listed == {f"partners/{pid}/" for pid in unplaced}


def test_the_map_page_is_in_the_navigation_and_has_the_map_as_a_table(seed_site):
    document = parse_page(seed_site, "map/")
    nav = document.find("nav", cls="md-nav--primary")
    assert "Map of partnerships" in [a.text() for a in nav.find_all("a")]
    figure = the_map(seed_site, "map/")
    _, desc = text_alternative(figure)
    assert desc.endswith("the table below lists them.")
    table = content_of(document).find("table", cls="hub-map-table")
    headings = [th.text() for th in table.find("thead").find_all("th")]
    assert headings == ["Partner", "Country", "Partner worked with", "Case study", "Period"]
    rows = set()
    for tr in table.find("tbody").find_all("tr"):
        cells = tr.find_all("td")
        partner = resolve("map/", cells[0].find("a").attrs["href"])
        others = frozenset(resolve("map/", a.attrs["href"]) for a in cells[2].find_all("a"))
        case_study = resolve("map/", cells[3].find("a").attrs["href"])
        rows.add((partner, others, case_study))
    expected = {(f"partners/{pid}/", frozenset(f"partners/{other}/" for other in partners_of(slug) if other != pid),
                 f"case-studies/{slug}/") for slug in CASE_STUDIES for pid in partners_of(slug)}
    assert rows == expected


@pytest.mark.parametrize("slug", sorted(CASE_STUDIES))
def test_each_case_study_page_maps_its_partners_in_a_section_of_its_own(seed_site, slug):
    url = f"case-studies/{slug}/"
    document = parse_page(seed_site, url)
    ids = partners_of(slug)
    if not placed(ids):
        assert content_of(document).find("figure", cls="hub-map") is None
        return
    heading = content_of(document).find("h2", id="map")
    assert heading is not None and heading.text() == "Map of the partners"
    toc = document.find("nav", cls="md-nav--secondary")
    assert toc is not None and "#map" in [a.attrs.get("href") for a in toc.find_all("a")]
    figure = the_map(seed_site, url)
    title, desc = text_alternative(figure)
    assert title == "Map of the partners of this case study"
    assert desc.startswith(f"Map of the {len(ids)} partner")
    assert sorted(marker_names(figure)) == sorted(PARTNERS[pid]["name"] for pid in placed(ids))
    note = figure.find("p", cls="hub-map__unplaced")
    missing = set(ids) - placed(ids)
    assert (note is None) == (not missing)
    if note is not None:
        assert {resolve(url, a.attrs["href"]) for a in note.find_all("a")} == {f"partners/{pid}/" for pid in missing}
    assert_notes(figure)
    assert_inside_the_view(figure)
    assert_not_interactive(figure)
    assert svg_of(figure).attrs["viewbox"] != svg_of(the_map(seed_site, "")).attrs["viewbox"]  # cropped


@pytest.mark.parametrize("partner_id", sorted(PARTNERS))
def test_each_partner_page_maps_the_partner_and_those_it_worked_with(seed_site, partner_id):
    url = f"partners/{partner_id}/"
    worked_with = {other for slug in CASE_STUDIES if partner_id in partners_of(slug)
                   for other in partners_of(slug) if other != partner_id}
    shown = placed({partner_id} | worked_with)
    content = content_of(parse_page(seed_site, url))
    if not shown:
        assert content.find("figure", cls="hub-map") is None
        return
    figure = the_map(seed_site, url)
    title, _ = text_alternative(figure)
    assert title == f"Map of {PARTNERS[partner_id]['name']} and the partners it has worked with"
    assert sorted(marker_names(figure)) == sorted(PARTNERS[pid]["name"] for pid in shown)
    focus = svg_of(figure).find_all("path", cls="hub-map__pt--focus")
    assert len(focus) == (1 if partner_id in shown else 0)
    assert_notes(figure)
    assert_inside_the_view(figure)


def test_points_at_one_place_in_the_seed_are_drawn_apart_with_leader_lines(seed_site):
    at_barcelona = [pid for pid, meta in PARTNERS.items() if meta.get("location") == {"lat": 41.3874, "lon": 2.1686}]
    assert len(at_barcelona) >= 4
    figure = the_map(seed_site, "")
    svg = svg_of(figure)
    names = {PARTNERS[pid]["name"] for pid in at_barcelona}
    starts = [subpaths(path.attrs["d"])[0][0] for path in svg.find_all("path", cls="hub-map__pt")
              if path.find("title").text().rsplit(" (", 1)[0] in names]
    assert len(starts) == len(at_barcelona)
    assert len({(round(x), round(y)) for x, y in starts}) == len(starts)
    assert svg.find("path", cls="hub-map__leader") is not None


def test_the_legend_names_each_kind_on_the_map_with_its_shape(seed_site):
    figure = the_map(seed_site, "")
    legend = figure.find("ul", cls="hub-map__legend")
    kinds = {PARTNERS[pid]["kind"] for pid in placed({pid for slug in CASE_STUDIES for pid in partners_of(slug)})}
    shapes_ = {path.attrs["class"].split("--")[-1] for path in legend.find_all("path", cls="hub-map__pt")}
    assert shapes_ == {maps.shape_of(kind) for kind in kinds}
    for key in legend.find_all("svg"):
        assert key.attrs.get("aria-hidden") == "true"


# -- accessibility in Chromium ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def seed_http(seed_site):
    from search_helpers import serve

    with serve(seed_site) as base:
        yield base


# The map page is the map's own: axe checks all of it. On the other pages axe checks the map's figure
# (test_accessibility.py checks those pages whole).
AXE_MAPS = {"map/": None, "": "figure.hub-map", "case-studies/ilo-uclg-led-peer-learning/": "figure.hub-map",
            "case-studies/gran-mukono-lugazi/": "figure.hub-map", "partners/barcelona/": "figure.hub-map"}


@pytest.mark.parametrize("url", list(AXE_MAPS))
def test_axe_finds_no_serious_or_critical_violation_on_pages_with_maps(browser, seed_http, url):
    pytest.importorskip("axe_playwright_python")
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    page.goto(seed_http + url, wait_until="load")
    assert page.locator("svg.hub-map__svg").count() == 1
    violations = Axe().run(page, context=AXE_MAPS[url]).response["violations"]
    page.close()
    bad = [f"{v['impact']}: {v['id']}: {[node['target'] for node in v['nodes'][:3]]}" for v in violations
           if v["impact"] in ("serious", "critical")]
    assert not bad, bad


def test_the_map_scales_to_a_phone_and_draws_its_points(browser, seed_http):
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(seed_http + "map/", wait_until="load")
    box = page.locator("svg.hub-map__svg").bounding_box()
    assert box is not None and 300 < box["width"] <= 360 and box["height"] > 100
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.locator("svg.hub-map__svg path.hub-map__pt").first.bounding_box()["width"] > 1
    page.close()


# -- size, on a generated hub -------------------------------------------------------------------------

def test_the_maps_stay_small_on_a_generated_hub(tmp_path):
    """At 400 case studies here; scripts/bench_map.py gives the figures at 2,000 with 500 partners."""
    from bench_map import CASE_STUDY_LIMIT, HOME_LIMIT_GZIP, measure
    from gen_corpus import generate

    generate(400, tmp_path / "hub", seed=7, words=30)
    generated = [frontmatter.load(path).metadata for path in (tmp_path / "hub" / "content" / "partners").glob("*.md")]
    assert generated and all(meta.get("location") for meta in generated), "gen_corpus gives every partner a location"
    found = measure(tmp_path / "hub")
    home_raw, home_gzip = found["home"]
    assert 0 < home_gzip <= HOME_LIMIT_GZIP and home_raw > home_gzip
    assert found["case study"][0] <= CASE_STUDY_LIMIT
