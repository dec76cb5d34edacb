"""Pages' HTML set aside between MkDocs' two passes, off the heap, and let go of once written.

MkDocs converts every page's Markdown first, then themes the pages one by
one: between the two, it holds every page's HTML and Markdown at once. With
three editions of a large hub that is most of the build's memory (at 2,000
case studies, 8,000 pages and about 150 MB). The hub's pages leave their
HTML here, compressed in a temporary file, once every plugin has changed it
(``on_page_content``), and take it back just before they are themed
(``on_page_context``), before any plugin reads it again. Once written, a page
keeps only what other pages and the end of the build read of it (``page_written``).
"""

from __future__ import annotations

import zlib

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents

from .pagecache import Spool


class SetAside:
    """The HTML of the pages of one build, by source path, until each is themed."""

    def __init__(self) -> None:
        self.spool = Spool()
        self.where: dict[str, tuple[int, int]] = {}

    def keep(self, page: Page, html: str) -> str:
        """Keep ``html`` for ``page``; what the page holds meanwhile (nothing). Its Markdown goes too:
        once converted nothing reads it, and its title, read from the HTML, stays (``page_written``)."""
        self.where[page.file.src_uri] = self.spool.add(zlib.compress(html.encode("utf-8"), 1))
        page.markdown = ""
        return ""

    def take_back(self, page: Page) -> None:
        """Give ``page`` its HTML again, if it left it here."""
        where = self.where.pop(page.file.src_uri, None)
        if where is not None:
            page.content = zlib.decompress(self.spool.read(where)).decode("utf-8")

    def close(self) -> None:
        self.spool.close()
        self.where.clear()


def page_written(page: Page, *, in_nav: bool) -> None:
    """Let go of what a written page no longer needs: MkDocs keeps every page to the end of the build (a
    fifth of a large hub's memory, three times over with three editions), though once a page is written
    only its title, its address and its anchors (checked at the end, from lists of their own) are read.

    Emptied, not None: a page's title, which the navigation shows, is None without Markdown and is read
    from the Markdown when the content is None. A page in the navigation keeps its metadata, which the
    theme reads there (an icon, a status)."""
    page.content = page.markdown = ""
    page.toc = TableOfContents([])
    if not in_nav:
        page.meta = {key: value for key, value in page.meta.items() if key == "title"}
