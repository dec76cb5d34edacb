"""What each vocabulary is, said once: its folder, its names, whether it nests, how case studies carry it.

Browse pages, search facets, exports, wikilinks, URLs, the checks of
taxonomy.yml and the command line all read this registry instead of keeping
tables of their own: a new vocabulary is one more entry here (and its terms
in taxonomy.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from .codes import DEFAULT_LANGUAGE
from .messages import N_

TermSource = Literal["taxonomy", "partner-countries", "partner-files"]


@dataclass(frozen=True)
class VocabularySpec:
    id: str                              # the key in taxonomy.yml, the facet's name, the index key
    singular: str                        # one term of it: the wikilink prefix ([[theme:...]]), the CLI flag
    titles: dict[str, str]               # the vocabulary's name by language: "Themes"
    one_titles: dict[str, str]           # one of its terms by language, before a term's label: "Theme"
    source: TermSource = "taxonomy"      # where its terms come from
    folder: str | None = None            # the site folder of its browse pages; None: no pages
    term_pages: bool = True              # a page per term (partners have their own content files)
    nested: bool = False                 # terms may have a parent; a broader term holds its narrower ones
    numeric_ids: bool = False            # ids are numbers in YAML (SDG 11): read as text ids "11"
    ids_in_capitals: bool = False        # country codes: [[country:mw]] means MW
    holds_countries: bool = False        # its terms list countries (UN M49 regions)
    case_study_field: str | None = None  # the front-matter field that names its terms
    derived_by: str | None = None        # or the Catalogue method that finds a case study's terms
    facet_rank: int | None = None        # position among search facets (after "kind"); None: no facet
    term_title: str = "{label}"          # a term's own title: "SDG 11: Sustainable cities"
    page_title: str = N_("{one}: {term}")  # its page's title; "{term}" alone where the term's title says the kind
    unknown_hint: str = ""               # what to write instead of an unknown id, when the list says little
    briefing_packs: bool = False         # a PDF briefing pack per term with case studies (packs: true)
    records: str | None = None           # terms are records of this content folder (content/programmes/<id>.md),
                                         # each page the record's own; taxonomy.yml need not list them

    def title(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.titles.get(language) or self.titles[DEFAULT_LANGUAGE]

    def one_title(self, language: str = DEFAULT_LANGUAGE) -> str:
        return self.one_titles.get(language) or self.one_titles[DEFAULT_LANGUAGE]

    @property
    def carried_by_case_studies(self) -> bool:
        return self.case_study_field is not None or self.derived_by is not None

    @property
    def browsable(self) -> bool:
        return self.folder is not None

    def normalised(self, term_id: str) -> str:
        return term_id.upper() if self.ids_in_capitals else term_id


def _spec(id: str, singular: str, title: str, one: str, **details: Any) -> VocabularySpec:
    return VocabularySpec(id, singular, {"en": title}, {"en": one}, **details)


# In the order readers meet them: the home page, the browse indexes, Explore's filters.
REGISTRY: tuple[VocabularySpec, ...] = (
    _spec("themes", "theme", N_("Themes"), N_("Theme"), folder="themes", nested=True, case_study_field="themes",
          facet_rank=1, briefing_packs=True),
    _spec("modalities", "modality", N_("Modalities"), N_("Modality"), folder="modalities", case_study_field="modalities",
          facet_rank=2),
    _spec("sdgs", "sdg", N_("Sustainable Development Goals"), N_("SDG"), folder="sdgs", numeric_ids=True,
          case_study_field="sdgs", facet_rank=3, term_title=N_("SDG {id}: {label}"), page_title="{term}",
          unknown_hint="use a goal number from 1 to 17"),
    _spec("regions", "region", N_("Regions"), N_("Region"), folder="regions", nested=True, holds_countries=True,
          derived_by="regions_of", facet_rank=4),
    _spec("countries", "country", N_("Countries"), N_("Country"), source="partner-countries", folder="countries",
          ids_in_capitals=True, derived_by="countries_of", facet_rank=5, briefing_packs=True),
    _spec("programmes", "programme", N_("Programmes"), N_("Programme"), folder="programmes", case_study_field="programme",
          facet_rank=6, briefing_packs=True, records="programmes"),
    _spec("status", "status", N_("Status"), N_("Status"), folder="status", case_study_field="status", facet_rank=8),
    _spec("standing", "standing", N_("Standing"), N_("Standing"), folder="standing", case_study_field="review_state",
          facet_rank=9),
    _spec("partners", "partner", N_("Partners"), N_("Partner"), source="partner-files", folder="partners", term_pages=False,
          derived_by="partners_of", facet_rank=7),
    # In taxonomy.yml, but not browsed: what a partner did and what kind of body it is.
    _spec("roles", "role", N_("Roles"), N_("Role")),
    _spec("partner_kinds", "kind", N_("Kinds of partner"), N_("Kind")),
)

VOCABULARIES: dict[str, VocabularySpec] = {spec.id: spec for spec in REGISTRY}
BROWSABLE: tuple[VocabularySpec, ...] = tuple(spec for spec in REGISTRY if spec.browsable)
CARRIED: tuple[VocabularySpec, ...] = tuple(spec for spec in REGISTRY if spec.carried_by_case_studies)
IN_TAXONOMY: tuple[VocabularySpec, ...] = tuple(spec for spec in REGISTRY if spec.source == "taxonomy")
# What taxonomy.yml must list: the vocabularies whose terms are not records of their own.
REQUIRED_IN_TAXONOMY: tuple[str, ...] = tuple(spec.id for spec in IN_TAXONOMY if spec.records is None)
# Search facets: the kind of page first, then the vocabularies by facet rank.
KIND_FACET = "kind"
FACETS: tuple[str, ...] = (KIND_FACET, *(spec.id for spec in sorted(
    (spec for spec in REGISTRY if spec.facet_rank is not None), key=lambda spec: spec.facet_rank or 0)))
# What a wikilink may name: [[theme:governance]], and the plural [[themes:governance]] too.
LINK_KINDS: tuple[str, ...] = tuple(sorted(spec.singular for spec in BROWSABLE))
LINK_PREFIXES: dict[str, VocabularySpec] = {
    **{spec.id: spec for spec in BROWSABLE}, **{spec.singular: spec for spec in BROWSABLE}}


def spec_of(vocabulary: str) -> VocabularySpec:
    """The registry's entry, or a plain one for a vocabulary taxonomy.yml adds on its own."""
    return VOCABULARIES.get(vocabulary) or VocabularySpec(vocabulary, "term", {"en": vocabulary}, {"en": N_("Term")})

