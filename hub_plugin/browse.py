"""The browse pages that exist only in the build: one per vocabulary and per term,
the list of all case studies and the coordination matrix.

This module decides which pages there are; ``render`` decides how they look.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Optional

from .catalogue import CASE_STUDIES_DIR, Catalogue
from .model import CaseStudy
from .urls import Urls

BROWSABLE = ("themes", "modalities", "sdgs", "regions", "countries", "programmes", "status", "partners")
TITLES = {
    "themes": "Themes",
    "modalities": "Modalities",
    "sdgs": "Sustainable Development Goals",
    "regions": "Regions",
    "countries": "Countries",
    "programmes": "Programmes",
    "status": "Status",
    "partners": "Partners",
}
SINGULAR = {
    "themes": "Theme", "modalities": "Modality", "sdgs": "SDG", "regions": "Region",
    "countries": "Country", "programmes": "Programme", "status": "Status", "partners": "Partner",
}
COORDINATION = "coordination/index.md"
ALL_CASE_STUDIES = f"{CASE_STUDIES_DIR}/index.md"
ORDER_NOTE = "Sorted by start of the period, newest first, then by title."

EXPLORE = "explore/index.md"

PageKind = Literal["vocabulary", "term", "coordination", "all", "explore"]


@dataclass(frozen=True)
class BrowsePage:
    src_uri: str
    title: str
    kind: PageKind
    vocabulary: Optional[str] = None
    term_id: Optional[str] = None


def newest_first(case_studies: list[CaseStudy]) -> list[CaseStudy]:
    def key(case_study: CaseStudy):
        start = case_study.period.start.sort_key if case_study.period else (0, 0, 0)
        return (tuple(-part for part in start), case_study.title.casefold(), case_study.slug)

    return sorted(case_studies, key=key)


def countries(catalogue: Catalogue) -> list[str]:
    """Every country where a partner is based, the only ones that get a page."""
    return sorted({partner.country for partner in catalogue.partners.values()})


def term_title(catalogue: Catalogue, vocabulary: str, term_id: str) -> str:
    from .schema import country_name

    if vocabulary == "countries":
        return country_name(term_id)
    if vocabulary == "sdgs":
        return f"SDG {term_id}: {catalogue.taxonomy.label('sdgs', term_id)}"
    return catalogue.taxonomy.label(vocabulary, term_id)


def browse_pages(catalogue: Catalogue) -> list[BrowsePage]:
    pages = [BrowsePage(EXPLORE, "Explore and search", "explore"),
             BrowsePage(ALL_CASE_STUDIES, "All case studies", "all"),
             BrowsePage(COORDINATION, "Who works where on what", "coordination")]
    for vocabulary in BROWSABLE:
        pages.append(BrowsePage(Urls.source(vocabulary), TITLES[vocabulary], "vocabulary", vocabulary))
        if vocabulary == "partners":
            continue  # partner pages are content files
        term_ids = countries(catalogue) if vocabulary == "countries" else list(catalogue.taxonomy[vocabulary].terms)
        for term_id in term_ids:
            pages.append(BrowsePage(Urls.source(vocabulary, term_id),
                                    f"{SINGULAR[vocabulary]}: {term_title(catalogue, vocabulary, term_id)}",
                                    "term", vocabulary, term_id))
    return pages
