"""On a phone: no page of the seed site is wider than the screen, and the site's title stays whole.

Every built page is opened in Chromium at 360 and 390 px (the narrowest phones
in common use) and at 1366 px; the header's search box must never cover the
title, which must not be cut short with an ellipsis.
"""

from __future__ import annotations

import pytest
from search_helpers import serve

WIDTHS = (360, 390, 1366)
TITLE_AND_SEARCH = """() => {
  const title = document.querySelector('.md-header__title .md-header__topic .md-ellipsis');
  const search = document.querySelector('.hub-header-search');
  const box = title.getBoundingClientRect(), form = search.getBoundingClientRect();
  return {cut: title.scrollWidth > title.clientWidth + 1, overlap: box.right > form.left + 0.5,
          searchVisible: form.width > 0 && form.height > 0};
}"""


@pytest.fixture(scope="module")
def seed_http(seed_site):
    with serve(seed_site) as base:
        yield base, seed_site


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_is_wider_than_the_screen(seed_http, browser, width):
    base, site = seed_http
    page = browser.new_page(viewport={"width": width, "height": 800})
    too_wide = []
    for path in sorted(site.rglob("index.html")):
        address = path.relative_to(site).as_posix().removesuffix("index.html")
        page.goto(base + address, wait_until="load")
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide.append(f"{address or '/'}: {scroll_width} px")
    page.close()
    assert not too_wide, f"{len(too_wide)} pages wider than {width} px: {too_wide[:10]}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("address", ["", "case-studies/johannesburg-lilongwe-cds/", "explore/", "coordination/"])
def test_the_site_title_is_whole_and_the_search_box_beside_it(seed_http, browser, width, address):
    base, _ = seed_http
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(base + address, wait_until="load")
    found = page.evaluate(TITLE_AND_SEARCH)
    page.close()
    assert found == {"cut": False, "overlap": False, "searchVisible": True}


def test_on_a_phone_the_search_button_opens_explore(seed_http, browser):
    base, _ = seed_http
    page = browser.new_page(viewport={"width": 360, "height": 800})
    page.goto(base + "case-studies/johannesburg-lilongwe-cds/", wait_until="load")
    page.click(".hub-header-search button")
    page.wait_for_url("**/explore/**")
    assert page.query_selector("#hub-query") is not None
    page.close()
