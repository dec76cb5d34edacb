"""Where every page of the compendium lives, and relative links between them.

HTML that the hub renders is not rewritten by MkDocs, so links are made
relative here: the same pages then work on a web host and from disk.
"""

from __future__ import annotations

from dataclasses import dataclass

# The folder of each browsable vocabulary in the site.
VOCABULARY_FOLDERS = {
    "themes": "themes",
    "modalities": "modalities",
    "sdgs": "sdgs",
    "regions": "regions",
    "countries": "countries",
    "programmes": "programmes",
    "status": "status",
    "partners": "partners",
}


@dataclass(frozen=True)
class Urls:
    directory_urls: bool = True

    def for_source(self, src_uri: str) -> str:
        """The URL MkDocs gives the page built from ``src_uri`` (mirrors its rule)."""
        stem = src_uri.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            folder = stem.removesuffix("index")
            return folder if self.directory_urls else folder + "index.html"
        return stem + "/" if self.directory_urls else stem + ".html"

    @staticmethod
    def source(vocabulary: str, term_id: str = "index") -> str:
        """The source path of a page: a case study, a partner, a term or a vocabulary index."""
        if vocabulary in ("case-studies", "partners"):
            return f"{vocabulary}/{term_id}.md"
        return f"{VOCABULARY_FOLDERS[vocabulary]}/{term_id.lower()}.md"

    def case_study(self, slug: str) -> str:
        return self.for_source(self.source("case-studies", slug))

    def partner(self, partner_id: str) -> str:
        return self.for_source(self.source("partners", partner_id))

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
