"""A case study and a partner: the one model that validation, pages, search and exports share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .codes import DEFAULT_LANGUAGE
from .dates import Period


@dataclass(frozen=True)
class PartnerRef:
    id: str
    role: str


@dataclass(frozen=True)
class Outcome:
    text: str
    beneficiary: str


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class Contact:
    partner: str
    name: str | None = None
    email: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float


@dataclass
class Partner:
    id: str
    path: str
    name: str
    kind: str
    country: str
    location: Location | None = None
    website: str | None = None
    body: str = ""
    body_line: int = 1


@dataclass
class CaseStudy:
    slug: str
    path: str
    title: str
    summary: str
    partners: list[PartnerRef]
    themes: list[str]
    modalities: list[str]
    status: str
    sources: list[Source]
    period: Period | None = None
    programme: str | None = None
    sdgs: list[int] = field(default_factory=list)
    language: str = DEFAULT_LANGUAGE
    outcomes: list[Outcome] = field(default_factory=list)
    lessons: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    licence: str = "CC-BY-4.0"
    body: str = ""
    body_line: int = 1

    def partner_ids(self) -> list[str]:
        return [ref.id for ref in self.partners]

    @property
    def recency(self) -> tuple[int, int, int]:
        """The start of the period, negated: sorted by it, the newest come first (no period: last)."""
        start = self.period.start.sort_key if self.period else (0, 0, 0)
        return (-start[0], -start[1], -start[2])


def newest_first(case_studies: Iterable[CaseStudy]) -> list[CaseStudy]:
    """The order of every listing: the newest start first, then by title."""
    return sorted(case_studies, key=lambda case_study: (case_study.recency, case_study.title.casefold(),
                                                        case_study.slug))
