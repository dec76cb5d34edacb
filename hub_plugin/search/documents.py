"""The searchable pages as documents: case studies, partners and term pages, with their facets."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from functools import cached_property

from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.codes import country_name
from ..model.messages import N_
from ..model.records import CaseStudy, Partner, Programme
from ..model.vocabularies import CARRIED, KIND_FACET, VocabularySpec, spec_of
from ..read.markdown import without_code_blocks
from ..render.i18n import gettext
from .schema import SCHEMA_VERSION

EXCERPT_CHARS = 280
KIND_LABELS = {"case-study": N_("Case study"), "partner": N_("Partner"), "programme": N_("Programme"),
               "term": N_("Browse page")}


def kind_labels(language: str) -> dict[str, str]:
    return {kind: gettext(language, label) for kind, label in KIND_LABELS.items()}


def term_title(catalogue: Catalogue, spec: VocabularySpec, term_id: str, language: str) -> str:
    """"ODD 11 : Villes et communautés durables" in the French edition."""
    return catalogue.term_title(spec, term_id, language, gettext(language, spec.term_title))


@dataclass
class SearchDocument:
    """One searchable page, as the index and the browser both see it."""

    id: str                      # the page's site path, like "case-studies/x/"
    kind: str
    title: str
    summary: str
    body: str
    themes: str = ""
    partners: str = ""
    facets: dict[str, list[str]] = field(default_factory=dict)
    start: int | None = None
    end: int | None = None

    @property
    def excerpt(self) -> str:
        text = " ".join(self.body.split())
        return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"

    @cached_property
    def hash(self) -> str:
        # Everything the index stores for the document, so that a change in
        # what is stored (the excerpt's length, say) updates it too. (A shallow
        # dict serialises as dataclasses.asdict would, without its deep copy.)
        values = {item.name: getattr(self, item.name) for item in fields(self)}
        payload = json.dumps([SCHEMA_VERSION, values, self.excerpt], sort_keys=True, ensure_ascii=False)
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()


_MARKDOWN_NOISE = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[\[(?:[a-z]+:)?([^\]|]+)\|([^\]]+)\]\]"), r"\2"),
    (re.compile(r"\[\[(?:[a-z]+:)?([^\]|]+)\]\]"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<[^>]+>"), " "),
    (re.compile(r"^[#>\-*+\s]+", re.M), ""),
    (re.compile(r"[*_`]{1,3}"), ""),
]


def plain_text(markdown: str) -> str:
    """Markdown as the words a reader sees, for indexing and excerpts: code blocks are examples, not text."""
    text = without_code_blocks(markdown)
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _case_study_document(case_study: CaseStudy, catalogue: Catalogue, urls: Urls, language: str) -> SearchDocument:
    """The case study as the edition shows it: its translation's text where there is one, its terms' labels
    in the edition's language always (so that "gestion des déchets" finds an English narrative)."""
    text = catalogue.translation(case_study.slug, language) or case_study
    outcomes = text.outcomes if text is not case_study else [o.text for o in case_study.outcomes]
    body = " ".join([plain_text(text.body), *text.lessons, *outcomes])
    return SearchDocument(
        id=urls.case_study(case_study.slug), kind="case-study", title=text.title, summary=text.summary,
        body=body,
        themes=" ".join(catalogue.label("themes", theme, language) for theme in case_study.themes),
        partners=" ".join(catalogue.partners[p].name for p in case_study.partner_ids() if p in catalogue.partners),
        facets={KIND_FACET: ["case-study"],
                **{spec.id: catalogue.facet_terms(case_study, spec.id) for spec in CARRIED}},
        start=case_study.period.start.filter_year if case_study.period else None,
        end=(case_study.period.end.year if case_study.period and case_study.period.end else None),
    )


def _partner_document(partner: Partner, catalogue: Catalogue, urls: Urls, language: str) -> SearchDocument:
    kind = catalogue.taxonomy.label("partner_kinds", partner.kind, language)
    region = catalogue.taxonomy.region_of_country.get(partner.country)
    return SearchDocument(
        id=urls.partner(partner.id), kind="partner", title=partner.name,
        summary=gettext(language, N_("%(kind)s in %(country)s")) % {
            "kind": kind, "country": country_name(partner.country, language)},
        body=plain_text(partner.body), partners=partner.name,
        # A partner is found under its region and the broader ones, as its case studies are.
        facets={KIND_FACET: ["partner"], "countries": [partner.country],
                "regions": catalogue.taxonomy["regions"].with_ancestors([region] if region else []),
                "partners": [partner.id]},
    )


def _programme_document(programme: Programme, catalogue: Catalogue, urls: Urls, language: str) -> SearchDocument:
    return SearchDocument(
        id=urls.term("programmes", programme.id), kind="programme", title=programme.name, summary=programme.summary,
        body=plain_text(programme.body),
        partners=" ".join(catalogue.partners[p].name for p in [programme.owner or "", *programme.funders]
                          if p in catalogue.partners),
        facets={KIND_FACET: ["programme"], "programmes": [programme.id]},
    )


def documents(catalogue: Catalogue, urls: Urls, browse_terms: Iterable[tuple[str, str]] = (),
              language: str = "en") -> list[SearchDocument]:
    """Every page of an edition a reader may search for: case studies, partners, programmes and term pages."""
    docs = [_case_study_document(catalogue.case_studies[slug], catalogue, urls, language)
            for slug in sorted(catalogue.case_studies)]
    docs += [_partner_document(catalogue.partners[pid], catalogue, urls, language) for pid in sorted(catalogue.partners)]
    docs += [_programme_document(catalogue.programmes[pid], catalogue, urls, language)
             for pid in sorted(catalogue.programmes)]
    pages = {doc.id for doc in docs}  # a programme's record is its term page: one document, the record's
    for vocabulary, term_id in browse_terms:
        if urls.term(vocabulary, term_id) in pages:
            continue
        term = catalogue.taxonomy[vocabulary].terms.get(term_id)
        docs.append(SearchDocument(
            id=urls.term(vocabulary, term_id), kind="term", title=term_title(catalogue, spec_of(vocabulary), term_id, language),
            summary=term.description_in(language) if term else "", body="", facets={KIND_FACET: ["term"]}))
    return docs
