"""The one model of the compendium, shared by validation, pages, search and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class Term:
    vocabulary: str
    id: str
    labels: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    parent: Optional[str] = None
    aliases: tuple[str, ...] = ()
    m49: Optional[str] = None
    countries: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.labels.get(DEFAULT_LANGUAGE) or next(iter(self.labels.values()), self.id)

    @property
    def description(self) -> str:
        return self.descriptions.get(DEFAULT_LANGUAGE, "")


@dataclass
class Vocabulary:
    name: str
    terms: dict[str, Term] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __iter__(self):
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def resolve(self, term_id: str) -> Optional[str]:
        """The current id for ``term_id``, following aliases; None when unknown."""
        if term_id in self.terms:
            return term_id
        return self.aliases.get(term_id)

    def ancestors(self, term_id: str) -> list[str]:
        chain: list[str] = []
        parent = self.terms[term_id].parent if term_id in self.terms else None
        while parent and parent in self.terms and parent not in chain:
            chain.append(parent)
            parent = self.terms[parent].parent
        return chain

    def children(self, term_id: str) -> list[Term]:
        return [term for term in self.terms.values() if term.parent == term_id]

    def roots(self) -> list[Term]:
        return [term for term in self.terms.values() if not term.parent]


@dataclass
class Taxonomy:
    vocabularies: dict[str, Vocabulary] = field(default_factory=dict)
    region_of_country: dict[str, str] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Vocabulary:
        """The vocabulary ``name``; an empty one (not stored) when taxonomy.yml has none."""
        return self.vocabularies.get(name) or Vocabulary(name)

    def label(self, vocabulary: str, term_id: str) -> str:
        term = self[vocabulary].terms.get(term_id)
        return term.label if term else term_id


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date: as precise as the source is."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def latest_key(self) -> tuple[int, int, int]:
        """The last day this date can mean, to compare an end with a start."""
        return (self.year, self.month or 12, self.day or 31)


@dataclass(frozen=True)
class Period:
    start: PartialDate
    end: Optional[PartialDate] = None

    def __str__(self) -> str:
        if self.end is None:
            return f"since {self.start}"
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end}"


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
    url: Optional[str] = None
    publisher: Optional[str] = None
    year: Optional[int] = None


@dataclass(frozen=True)
class Contact:
    partner: str
    name: Optional[str] = None
    email: Optional[str] = None
    url: Optional[str] = None


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
    location: Optional[Location] = None
    website: Optional[str] = None
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
    period: Optional[Period] = None
    programme: Optional[str] = None
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
