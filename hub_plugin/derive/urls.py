"""Where every page of the compendium lives, and relative links between them.

HTML that the hub renders is not rewritten by MkDocs, so links are made
relative here: the same pages then work on a web host and from disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model.vocabularies import VOCABULARIES
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR
from ..read.markdown import code_spans, outside_code_blocks

ALL_CASE_STUDIES = f"{CASE_STUDIES_DIR}/index.md"
COORDINATION = "coordination/index.md"
EXPLORE = "explore/index.md"
OPEN_DATA = "api/index.md"  # beside the files it describes
MAP = "map/index.md"


@dataclass(frozen=True)
class Urls:
    """Page URLs of one edition: ``prefix`` is its folder ("fr/"), empty for the default language's."""

    directory_urls: bool = True
    prefix: str = ""

    def for_source(self, src_uri: str) -> str:
        """The URL MkDocs gives the page built from ``src_uri`` (mirrors its rule), in this edition."""
        stem = src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            folder = stem.removesuffix("index")
            return self.prefix + (folder if self.directory_urls else folder + "index.html")
        return self.prefix + (stem + "/" if self.directory_urls else stem + ".html")

    def in_edition(self, prefix: str) -> Urls:
        return Urls(self.directory_urls, prefix)

    @staticmethod
    def source(vocabulary: str, term_id: str = "index") -> str:
        """The source path of a page: a case study, a partner, a term or a vocabulary index."""
        if vocabulary in (CASE_STUDIES_DIR, PARTNERS_DIR):  # content files: their names are their ids
            return f"{vocabulary}/{term_id}.md"
        return f"{VOCABULARIES[vocabulary].folder}/{term_id.lower()}.md"

    def case_study(self, slug: str) -> str:
        return self.for_source(self.source(CASE_STUDIES_DIR, slug))

    def partner(self, partner_id: str) -> str:
        return self.for_source(self.source(PARTNERS_DIR, partner_id))

    def term(self, vocabulary: str, term_id: str) -> str:
        return self.for_source(self.source(vocabulary, term_id))

    def vocabulary(self, vocabulary: str) -> str:
        return self.for_source(self.source(vocabulary))

    @staticmethod
    def root(page_url: str) -> str:
        """The prefix that leads from the page at ``page_url`` to the site's root folder."""
        return "../" * page_url.count("/")

    def relative(self, target: str, page_url: str) -> str:
        """``target`` (site-relative) as seen from the page at ``page_url``: up to the root, then down.

        Not the shortest path, but the same for every page at one depth, which
        lets rendered fragments be reused, and cheap (called for every link).
        """
        if target == "" or target.startswith("#"):
            target = ("" if self.directory_urls else "index.html") + target
        return (self.root(page_url) + target) or "./"


_FILE_LINK = re.compile(r"(\]\()(?!(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|/))([^)\s]+?\.(?!md\b)[A-Za-z0-9]{1,8})(?=[)#\s])")


def links_from_edition(markdown: str, prefix: str) -> str:
    """The Markdown of a page copied into an edition's folder, its links to files (not pages) leading
    back up to them: only pages have a copy in each edition, so ``api/case-studies.json`` written in
    ``about.md`` is ``../api/case-studies.json`` from ``fr/about.md``. Code is left as written."""
    if not prefix or "](" not in markdown:
        return markdown
    up = "../" * prefix.count("/")
    lines = markdown.split("\n")
    for index, line in outside_code_blocks(lines):
        if "](" not in line:
            continue
        lines[index] = _up_to_files(line, up)
    return "\n".join(lines)


def _up_to_files(line: str, up: str) -> str:
    spans = code_spans(line)

    def lead_up(found: re.Match[str]) -> str:
        if any(start <= found.start() < end for start, end in spans):
            return found.group(0)
        return found.group(1) + up + found.group(2)

    return _FILE_LINK.sub(lead_up, line)
