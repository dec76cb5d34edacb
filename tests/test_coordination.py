"""Who works where: the country x theme matrix and the organisations view, read as a reader would.

The organisations table answers the CIB Compendium's question (which organisations work in which
countries, on which themes or programmes); its counts are computed here from the content, not by
the hub. In Chromium: no heading is broken inside a word, every link in the tables is a target of
24 x 24 px at least (WCAG 2.2), the tables scroll in their own box, and the columns switch between
themes and programmes.
"""

from __future__ import annotations

import pytest
from browse_helpers import content_of, resolve, seed_hub  # noqa: F401  (a fixture)
from search_helpers import serve

URL = "coordination/"


def _organisation_rows(table, url: str) -> dict[str, list]:
    rows = {}
    for tr in table.find("tbody").child_nodes("tr"):
        href = tr.find("th").find("a").attrs["href"]
        rows[resolve(url, href).split("/")[1]] = tr.child_nodes("td")
    return rows


@pytest.mark.parametrize("columns", ["themes", "programmes"])
def test_each_organisation_lists_where_it_works_and_its_case_studies_by_column(seed_hub, columns):
    catalogue = seed_hub.catalogue
    article = content_of(seed_hub.page(URL))
    view = next(div for div in article.find_all("div") if f"hub-view--{columns}" in div.classes)
    table = view.find("table")
    headings = table.find("thead").find_all("th")[2:-1]
    terms = [resolve(URL, th.find("a").attrs["href"]).split("/")[1] for th in headings]
    if columns == "themes":
        assert terms == [term.id for term in catalogue.taxonomy["themes"].roots()]
    else:
        assert set(terms) == {cs.programme for cs in catalogue.case_studies.values() if cs.programme}
    rows = _organisation_rows(table, URL)
    with_case_studies = {ref.id for cs in catalogue.case_studies.values() for ref in cs.partners}
    assert set(rows) == with_case_studies
    themes = catalogue.taxonomy["themes"]
    for partner_id, cells in rows.items():
        theirs = [cs for cs in catalogue.case_studies.values() if partner_id in cs.partner_ids()]
        where = {resolve(URL, a.attrs["href"]).split("/")[1].upper() for a in cells[0].find_all("a")}
        assert where == {code for cs in theirs for code in catalogue.countries_of(cs)}, partner_id
        for term, cell in zip(terms, cells[1:-1]):
            if columns == "themes":
                expected = sum(1 for cs in theirs if any(t == term or term in themes.ancestors(t) for t in cs.themes))
            else:
                expected = sum(1 for cs in theirs if cs.programme == term)
            assert (int(cell.text()) if cell.text().strip() else 0) == expected, (partner_id, term)
        assert int(cells[-1].text()) == len(theirs)


def test_cells_are_shaded_by_their_count(seed_hub):
    table = content_of(seed_hub.page(URL)).find("table", cls="hub-matrix")
    shades = {}
    for td in table.find("tbody").find_all("td"):
        shade = next((c for c in td.classes if c.startswith("hub-shade-")), None)
        if shade is not None:
            shades.setdefault(int(td.text() or 0), set()).add(int(shade.rsplit("-", 1)[1]))
    assert shades[0] == {0}
    counts = sorted(n for n in shades if n)
    assert all(len(shades[n]) == 1 for n in counts)
    assert [next(iter(shades[n])) for n in counts] == sorted(next(iter(shades[n])) for n in counts)
    assert next(iter(shades[counts[-1]])) == 4


@pytest.fixture(scope="module")
def coordination_page(seed_site):
    with serve(seed_site) as base:
        yield base + URL


HEADINGS_WHOLE = """() => {
  const broken = [];
  for (const span of document.querySelectorAll('.hub-matrix th.hub-rotated span')) {
    const text = span.firstChild;
    if (!text || text.nodeType !== 3) continue;
    const re = /\\S+/g; let m;
    while ((m = re.exec(text.data)) !== null) {
      const range = document.createRange();
      range.setStart(text, m.index); range.setEnd(text, m.index + m[0].length);
      if (range.getClientRects().length > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""

SMALL_TARGETS = """() => Array.from(document.querySelectorAll('.hub-matrix a')).filter(a => {
  const box = a.getBoundingClientRect();
  return box.width > 0 && (box.width < 24 || box.height < 24);
}).map(a => a.textContent.trim() + ' ' + Math.round(a.getBoundingClientRect().width) + 'x' +
        Math.round(a.getBoundingClientRect().height))"""


@pytest.mark.parametrize("width", [390, 1366])
def test_headings_are_whole_words_targets_are_24_px_and_tables_scroll_in_their_box(browser, coordination_page, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(coordination_page, wait_until="load")
        assert page.evaluate(HEADINGS_WHOLE) == []
        for view in ("themes", "programmes"):
            page.check(f"#hub-columns-{view}")
            assert page.evaluate(SMALL_TARGETS) == [], view
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        # The table scrolls in its own box, which the keyboard can reach.
        wrap = page.locator(".hub-table-wrap").first
        assert wrap.get_attribute("tabindex") == "0"
    finally:
        page.close()


def test_the_columns_switch_between_themes_and_programmes(browser, coordination_page):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(coordination_page, wait_until="load")
        assert page.is_visible(".hub-view--themes") and page.is_hidden(".hub-view--programmes")
        page.check("#hub-columns-programmes")
        assert page.is_visible(".hub-view--programmes") and page.is_hidden(".hub-view--themes")
        page.keyboard.press("ArrowLeft")  # radio buttons: the arrow keys move the choice
        assert page.is_checked("#hub-columns-themes")
        assert page.is_visible(".hub-view--themes")
    finally:
        page.close()
