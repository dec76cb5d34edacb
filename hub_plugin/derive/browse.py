"""The browse pages that exist only in the build: one per vocabulary and per term,
the list of all case studies, the coordination matrix, the map of partnerships and Explore.

This module decides which pages there are; ``render`` decides how they look.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..model.catalogue import Catalogue
from ..model.messages import N_
from ..model.vocabularies import BROWSABLE
from .urls import ALL_CASE_STUDIES, COORDINATION, EXPLORE, MAP, OPEN_DATA, Urls

ORDER_NOTE = N_("Sorted by start of the period, newest first, then by title.")

PageKind = Literal["vocabulary", "term", "coordination", "all", "explore", "map", "open-data"]


@dataclass(frozen=True)
class BrowsePage:
    src_uri: str
    title: str
    kind: PageKind
    vocabulary: str | None = None
    term_id: str | None = None


def browse_pages(catalogue: Catalogue) -> list[BrowsePage]:
    pages = [BrowsePage(EXPLORE, N_("Explore and search"), "explore"),
             BrowsePage(ALL_CASE_STUDIES, N_("All case studies"), "all"),
             BrowsePage(COORDINATION, N_("Who works where on what"), "coordination"),
             BrowsePage(MAP, N_("Map of partnerships"), "map"),
             BrowsePage(OPEN_DATA, N_("Open data"), "open-data")]
    for spec in BROWSABLE:
        pages.append(BrowsePage(Urls.source(spec.id), spec.title(), "vocabulary", spec.id))
        if not spec.term_pages:
            continue
        for term_id in catalogue.known_ids(spec.id):
            pages.append(BrowsePage(Urls.source(spec.id, term_id),
                                    spec.page_title.format(one=spec.one_title(), term=catalogue.term_title(spec, term_id)),
                                    "term", spec.id, term_id))
    return pages
