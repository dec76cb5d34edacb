"""A case study printed is a clean brief; its copy buttons copy what they say. In Chromium.

Printed (print media), the page keeps its title, fact box, outcomes, lessons, narrative,
sources and citation, and loses the header, its search box, the navigation, the table of
contents, the footer and the buttons; nothing covers the title. The buttons exist only
where a script runs, and put the citation and the page's address on the clipboard.
"""

from __future__ import annotations

import pytest
from search_helpers import serve

PAGE = "case-studies/johannesburg-lilongwe-cds/"
KEPT = ["article h1", ".hub-facts", ".hub-outcomes", ".hub-lessons", ".hub-sources", ".hub-citation"]
GONE = [".md-header", ".hub-header-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
        ".hub-cite__actions", ".hub-related"]


@pytest.fixture(scope="module")
def site_address(seed_site):
    with serve(seed_site) as base:
        yield base


def test_printed_a_case_study_is_a_brief_without_navigation_or_search(browser, site_address):
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    try:
        page.goto(site_address + PAGE, wait_until="load")
        for selector in GONE + KEPT:
            assert page.locator(selector).count(), f"{selector} is not on the page at all"
        page.emulate_media(media="print")
        hidden = [selector for selector in KEPT if not page.locator(selector).first.is_visible()]
        shown = [selector for selector in GONE if page.locator(selector).first.is_visible()]
        assert not hidden and not shown, f"hidden in print: {hidden}; still printed: {shown}"
        # Nothing is drawn over the title (the header's search box once was).
        covered = page.evaluate("""() => {
          const h1 = document.querySelector('article h1').getBoundingClientRect();
          const x = h1.left + Math.min(h1.width, 200) / 2, y = h1.top + h1.height / 2;
          const top = document.elementFromPoint(x, y);
          return top && !top.closest('article h1') ? top.outerHTML.slice(0, 120) : null;
        }""")
        assert covered is None
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
    finally:
        page.close()


def test_the_copy_buttons_put_the_citation_and_the_address_on_the_clipboard(browser, site_address):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_address.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_address + PAGE + "#lessons", wait_until="load")
        citation = " ".join(page.inner_text(".hub-citation").split())
        page.click("text=Copy the citation")
        assert page.evaluate("navigator.clipboard.readText()") == citation
        assert page.inner_text(".hub-copy__done") == "Copied."
        page.click("text=Copy the link to this page")
        assert page.evaluate("navigator.clipboard.readText()") == site_address + PAGE
    finally:
        context.close()


def test_without_a_script_there_is_no_button_that_does_nothing(browser, site_address):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_address + PAGE, wait_until="load")
        assert page.locator(".hub-copy").count() == 2
        assert not page.locator(".hub-copy").first.is_visible()
        assert page.locator(".hub-cite__actions a").count() == 2  # the downloads need no script
    finally:
        context.close()
