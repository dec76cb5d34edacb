"""Pages left in place: the file the last build wrote for a page taken whole stays in the site folder.

A page none of whose inputs changed (``pagecache.Unchanged``) whose file in
the site folder is still the one the last build wrote (same size, time and
inode) need not be rendered or written at all. The hub marks it "excluded",
so that MkDocs skips it, and does what its build would have done: say again
what its conversion said (a broken link), check its anchors and those other
pages link to, list it in the sitemap, keep its narrative for the briefing
packs. MkDocs' note that a page links to an "excluded" one is dropped for
these (``LinksToKept``): they are in the site.
"""

from __future__ import annotations

import logging
import re

from mkdocs.structure.files import File, Files, InclusionLevel

from ...build.session import BuildSession
from .pagecache import CachedPage, Earlier, Renderings, file_state

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")


class LinksToKept(logging.Filter):
    """Drops MkDocs' note that a page links to one "excluded from the built site" when it is a page left
    in place."""

    MESSAGE = re.compile(r"contains a link to '(?P<target>[^']+)' which is excluded from the built site\.$")

    def __init__(self, kept: dict[str, CachedPage]) -> None:
        super().__init__()
        self.kept = kept

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.MESSAGE.search(record.getMessage())
        return found is None or found.group("target") not in self.kept


class KeptPages:
    """The pages of one build left in place, by source path, from the navigation to the end of the build."""

    def __init__(self) -> None:
        self.pages: dict[str, CachedPage] = {}
        self.files = Files([])
        self._links = LinksToKept(self.pages)

    def start(self, files: Files) -> None:
        self.end()
        self.files = files

    def keep_if_in_place(self, page: CachedPage, found: Earlier, renderings: Renderings,
                         session: BuildSession) -> bool:
        """Leave ``page`` in place when the site folder still holds its file as the last build wrote it."""
        if found.file is None or file_state(page.file.abs_dest_path) != found.file:
            return False
        page.file.inclusion = InclusionLevel.EXCLUDED
        page.meta = dict(found.meta)  # the sitemap reads it
        renderings.restore(page, found.rendering, self.files)  # its anchors and links, checked at the end
        session.content_unchanged(page.file.src_uri, page.content or "")
        page.content = ""
        if not self.pages:
            _PAGES_LOG.addFilter(self._links)  # while the other pages are converted
        self.pages[page.file.src_uri] = page
        return True

    def converted(self) -> None:
        """Every page is converted: MkDocs' notes on links are its own again."""
        _PAGES_LOG.removeFilter(self._links)

    def sitemap_pages(self) -> list[File]:
        """Every page the sitemap lists: MkDocs' (those it builds) and those left in place, in MkDocs' order."""
        return [file for file in self.files if file.is_documentation_page()
                and (file.inclusion.is_included() or file.src_uri in self.pages)]

    def check_links(self, log_level: int) -> None:
        """Check the anchors the pages left in place link to, as MkDocs checks those of the pages it builds."""
        for page in self.pages.values():
            page.validate_anchor_links(files=self.files, log_level=log_level)

    def paths(self) -> set[str]:
        """Where the files left in place are: the end of the build must not delete them."""
        return {page.file.abs_dest_path for page in self.pages.values()}

    def end(self) -> None:
        self.converted()
        self.pages.clear()
