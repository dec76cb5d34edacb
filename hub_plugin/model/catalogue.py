"""The whole compendium in memory: case studies, partners, terms and their indexes.

``check.loading`` reads and validates every file once and fills a catalogue;
everything else (pages, search, exports, related case studies) reads the
catalogue, never files. What a vocabulary is comes from ``vocabularies``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from .codes import DEFAULT_LANGUAGE, country_name
from .records import CaseStudy, Partner, Programme, Translation
from .taxonomy import Taxonomy
from .vocabularies import CARRIED, VocabularySpec, spec_of

SUPPORTING_ROLES = frozenset({"funder", "facilitator"})
SUPRANATIONAL_KINDS = frozenset({"international-organisation", "local-government-network"})


@dataclass
class Catalogue:
    taxonomy: Taxonomy
    case_studies: dict[str, CaseStudy] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)  # the records; their ids are terms of the taxonomy
    translations: dict[str, dict[str, Translation]] = field(default_factory=dict)  # slug -> language -> translation

    def translation(self, slug: str, language: str) -> Translation | None:
        """The case study's text in ``language`` when someone translated it (never its original language)."""
        return self.translations.get(slug, {}).get(language)

    def written_in(self, case_study: CaseStudy, language: str) -> bool:
        """Whether the case study's text exists in ``language``: its original's, or a translation."""
        return language == case_study.language or self.translation(case_study.slug, language) is not None

    # -- where the cooperation took place ----------------------------------------------

    def countries_of(self, case_study: CaseStudy) -> list[str]:
        """Where the cooperation took place: the countries of the partners that did it.

        Funders, facilitators and international bodies are left out (UCLG's
        seat in Spain says nothing about where a mentoring happened), unless
        nobody else is left.
        """
        partners = [(ref, self.partners[ref.id]) for ref in case_study.partners if ref.id in self.partners]
        local = [partner.country for ref, partner in partners
                 if ref.role not in SUPPORTING_ROLES and partner.kind not in SUPRANATIONAL_KINDS]
        return sorted(set(local or [partner.country for _, partner in partners]))

    def regions_of(self, case_study: CaseStudy) -> list[str]:
        """The regions of those countries, and the broader regions that hold them."""
        direct = [self.taxonomy.region_of_country[country] for country in self.countries_of(case_study)
                  if country in self.taxonomy.region_of_country]
        return self.taxonomy["regions"].with_ancestors(direct)

    def partners_of(self, case_study: CaseStudy) -> list[str]:
        return case_study.partner_ids()

    # -- terms, whatever vocabulary they belong to --------------------------------------

    def terms_of(self, case_study: CaseStudy, vocabulary: str) -> list[str]:
        """The ids a case study carries in ``vocabulary``, as written (no broader terms)."""
        spec = spec_of(vocabulary)
        if spec.case_study_field is not None:
            value = getattr(case_study, spec.case_study_field)
            values = value if isinstance(value, list) else [value] if value else []
            return [str(item) for item in values] if spec.numeric_ids else values
        if spec.derived_by is not None:
            found: list[str] = getattr(self, spec.derived_by)(case_study)
            return found
        return []

    def facet_terms(self, case_study: CaseStudy, vocabulary: str) -> list[str]:
        """The ids a case study is found under: with every broader term where the vocabulary nests.

        Terms a case study names (its themes) get their broader terms here; derived ones
        (``regions_of``) come with them already.
        """
        own = self.terms_of(case_study, vocabulary)
        spec = spec_of(vocabulary)
        return self.taxonomy[vocabulary].with_ancestors(own) if spec.nested and spec.case_study_field else own

    @cached_property
    def by_term(self) -> dict[tuple[str, str], list[str]]:
        """Slugs per (vocabulary, term), a broader term holding its narrower terms' case studies."""
        index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for slug, case_study in self.case_studies.items():
            for spec in CARRIED:
                for term_id in self.facet_terms(case_study, spec.id):
                    index[(spec.id, term_id)].add(slug)
        return {key: sorted(slugs) for key, slugs in index.items()}

    def case_studies_with(self, vocabulary: str, term_id: str) -> list[CaseStudy]:
        return [self.case_studies[slug] for slug in self.by_term.get((vocabulary, term_id), [])]

    def count(self, vocabulary: str, term_id: str) -> int:
        return len(self.by_term.get((vocabulary, term_id), ()))

    @cached_property
    def partner_countries(self) -> list[str]:
        """Every country where a partner is based: the only ones with a page, or a ``[[country:..]]`` link."""
        return sorted({partner.country for partner in self.partners.values()})

    def known_ids(self, vocabulary: str) -> Collection[str]:
        """The ids that exist in ``vocabulary``, in the order pages list them."""
        source = spec_of(vocabulary).source
        if source == "partner-countries":
            return self.partner_countries
        if source == "partner-files":
            return self.partners
        return self.taxonomy[vocabulary].terms

    def resolve(self, vocabulary: str, term_id: str) -> str | None:
        """The current id that ``term_id`` names (a former id followed, a country code in capitals); None if none."""
        spec = spec_of(vocabulary)
        term_id = spec.normalised(term_id)
        if spec.source == "taxonomy":
            return self.taxonomy[vocabulary].resolve(term_id)
        return term_id if term_id in self.known_ids(vocabulary) else None

    def label(self, vocabulary: str, term_id: str, language: str = DEFAULT_LANGUAGE) -> str:
        """A term's name as readers see it (in ``language``): its label, a country's name, a partner's name."""
        source = spec_of(vocabulary).source
        if source == "partner-countries":
            return country_name(term_id, language)
        if source == "partner-files":
            partner = self.partners.get(term_id)
            return partner.name if partner else term_id
        return self.taxonomy.label(vocabulary, term_id, language)

    def term_title(self, spec: VocabularySpec, term_id: str, language: str = DEFAULT_LANGUAGE,
                   pattern: str | None = None) -> str:
        """A term's title on its page and in search: "SDG 11: Sustainable cities" where the vocabulary says so.

        ``pattern``: the vocabulary's ``term_title`` as the edition says it ("ODD {id} : {label}").
        """
        return (pattern or spec.term_title).format(id=term_id, label=self.label(spec.id, term_id, language))

    @cached_property
    def adapted_into(self) -> dict[str, list[str]]:
        """For each slug, the case studies that say they adapted its practice (``derived_from``)."""
        index: dict[str, set[str]] = defaultdict(set)
        for slug, case_study in self.case_studies.items():
            if case_study.derived_from:
                index[case_study.derived_from.case_study].add(slug)
        return {slug: sorted(slugs) for slug, slugs in index.items()}

    @cached_property
    def referenced_by(self) -> dict[str, list[str]]:
        """For each slug, the case studies whose ``related`` names it."""
        index: dict[str, set[str]] = defaultdict(set)
        for slug, case_study in self.case_studies.items():
            for target in case_study.related:
                index[target].add(slug)
        return {slug: sorted(sources) for slug, sources in index.items()}
