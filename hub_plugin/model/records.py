"""A case study and a partner: the one model that validation, pages, search and exports share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .codes import DEFAULT_LANGUAGE
from .dates import PartialDate, Period


@dataclass(frozen=True)
class PartnerRef:
    id: str
    role: str


# An outcome's standing: a project's aim, what a partner or source reported, or what an evaluation found.
OUTCOME_STANDINGS = ("planned", "reported", "evaluated")


@dataclass(frozen=True)
class Outcome:
    text: str
    beneficiary: str                 # the partner it went to
    group: str | None = None         # who within the partner: "staff", "residents"
    standing: str = "reported"       # one of OUTCOME_STANDINGS
    reported_by: str | None = None   # the id of the source that says it


@dataclass(frozen=True)
class Milestone:
    """A dated step of a partnership: a pilot, a partner joining or leaving, a phase, the phase-out."""

    date: PartialDate
    text: str
    source: str | None = None        # the id of the source that dates it


# What an editor says about a fact where the fact is shown.
NOTE_KINDS = ("correction", "conflict", "uncertainty")


@dataclass(frozen=True)
class EditorialNote:
    about: str                       # the field it concerns: period, partners, country...
    kind: str                        # one of NOTE_KINDS
    text: str
    source: str | None = None


# Who does what for whom, between two partners of a case study.
RELATION_KINDS = ("mentors", "funds", "facilitates", "peers")


@dataclass(frozen=True)
class Relation:
    giver: str                       # "from": the mentor, the funder, the facilitator
    receiver: str                    # "to"
    kind: str                        # one of RELATION_KINDS
    direction_known: bool = True     # False: the source says they worked so, not who led


# On what a case study's facts rest. (How far it has been checked is the taxonomy's `standing`.)
EVIDENCE_KINDS = ("self-reported", "evaluation", "study")


@dataclass(frozen=True)
class Review:
    state: str                       # a term of the taxonomy's `standing`
    by: str | None = None
    date: PartialDate | None = None


@dataclass(frozen=True)
class Transfer:
    """Where a practice was adapted from, and what was changed."""

    case_study: str
    changes: str | None = None


# What a source is, as readers weigh it (the labels are the template's: case_study_links.html).
SOURCE_KINDS = ("study", "evaluation", "report", "article", "slides", "work-plan", "note", "web-page", "interview")


@dataclass(frozen=True)
class Source:
    title: str
    url: str | None = None
    publisher: str | None = None
    year: int | None = None
    id: str | None = None            # what the narrative cites: [@id]
    authors: tuple[str, ...] = ()
    date: PartialDate | None = None  # as precise as known; ``year`` alone is the older, shorter form
    kind: str | None = None          # one of SOURCE_KINDS

    @property
    def when(self) -> PartialDate | None:
        return self.date or (PartialDate(self.year) if self.year else None)


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
    notes: list[EditorialNote] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


@dataclass
class Programme:
    """A programme that frames partnerships (the KS MIC programme, UCLG's mentoring): who runs and funds it, when.

    Its id is the term case studies name in ``programme:``; its page lists them.
    """

    id: str
    path: str
    name: str
    summary: str
    owner: str | None = None         # the partner id of the body that runs it
    funders: list[str] = field(default_factory=list)
    period: Period | None = None
    website: str | None = None
    aliases: list[str] = field(default_factory=list)  # former ids, still accepted in ``programme:``
    sources: list[Source] = field(default_factory=list)
    notes: list[EditorialNote] = field(default_factory=list)
    body: str = ""
    body_line: int = 1

    def source_mentions(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(field path, source id) of every field that names one of its sources."""
        return [(("notes", i, "source"), n.source) for i, n in enumerate(self.notes) if n.source]


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
    timeline: list[Milestone] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    notes: list[EditorialNote] = field(default_factory=list)
    review: Review | None = None
    evidence: str | None = None      # one of EVIDENCE_KINDS
    derived_from: Transfer | None = None
    success_factors: list[str] = field(default_factory=list)
    limiting_factors: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1

    def partner_ids(self) -> list[str]:
        return [ref.id for ref in self.partners]

    def source_mentions(self) -> list[tuple[tuple[str | int, ...], str]]:
        """(field path, source id) of every field that names one of its sources: outcomes, milestones, notes."""
        return [
            *((("outcomes", i, "reported_by"), o.reported_by) for i, o in enumerate(self.outcomes) if o.reported_by),
            *((("timeline", i, "source"), m.source) for i, m in enumerate(self.timeline) if m.source),
            *((("notes", i, "source"), n.source) for i, n in enumerate(self.notes) if n.source),
        ]

    @property
    def review_state(self) -> str:
        """Its standing as a facet: a case study nobody has reviewed yet is "submitted"."""
        return self.review.state if self.review else "submitted"

    @property
    def recency(self) -> tuple[int, int, int]:
        """The start of the period, negated: sorted by it, the newest come first (no period: last)."""
        start = self.period.start.sort_key if self.period else (0, 0, 0)
        return (-start[0], -start[1], -start[2])


@dataclass
class Translation:
    """A case study's text in another language: its own file, ``<slug>.<language>.md``, beside the original.

    Only what is text: the facts (partners, period, themes...) are the original's alone.
    """

    slug: str                        # the original's: the key that links them
    language: str
    path: str
    title: str
    summary: str
    outcomes: list[str] = field(default_factory=list)   # the original's outcomes' texts, in its order
    lessons: list[str] = field(default_factory=list)
    success_factors: list[str] = field(default_factory=list)
    limiting_factors: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1


def newest_first(case_studies: Iterable[CaseStudy]) -> list[CaseStudy]:
    """The order of every listing: the newest start first, then by title."""
    return sorted(case_studies, key=lambda case_study: (case_study.recency, case_study.title.casefold(),
                                                        case_study.slug))
