"""Which briefing packs there are: one PDF per theme, programme and country that has case studies.

This module decides which packs exist and where they live in the site, so that
the term page (rendered before any PDF is made) and the PDF writer
(``build/packs.py``) agree; ``render/packs.py`` decides what a pack says. Which
vocabularies get packs is said once, in the registry (``briefing_packs``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, newest_first
from ..model.vocabularies import BROWSABLE, VocabularySpec, spec_of

PACKS_DIR = "packs"


@dataclass(frozen=True)
class PackSubject:
    """One pack: the term it is about and its case studies, in the order of the term page."""

    spec: VocabularySpec
    term_id: str
    title: str
    case_studies: tuple[CaseStudy, ...]

    @property
    def path(self) -> str:
        return pack_path(self.spec, self.term_id)

    @property
    def key(self) -> str:
        """A name for messages: "themes/urban-planning"."""
        return self.path.removeprefix(f"{PACKS_DIR}/").removesuffix(".pdf")


def pack_path(spec: VocabularySpec, term_id: str) -> str:
    """The pack's site path, beside nothing else: ``packs/themes/urban-planning.pdf``."""
    return f"{PACKS_DIR}/{spec.folder}/{term_id.lower()}.pdf"


def has_pack(catalogue: Catalogue, vocabulary: str, term_id: str) -> bool:
    spec = spec_of(vocabulary)
    return spec.briefing_packs and spec.folder is not None and catalogue.count(vocabulary, term_id) > 0


def pack_subjects(catalogue: Catalogue) -> list[PackSubject]:
    """Every pack of the hub, vocabulary by vocabulary in the registry's order."""
    found = []
    for spec in BROWSABLE:
        if not spec.briefing_packs:
            continue
        for term_id in catalogue.known_ids(spec.id):
            if has_pack(catalogue, spec.id, term_id):
                found.append(PackSubject(spec, term_id, catalogue.term_title(spec, term_id),
                                         tuple(newest_first(catalogue.case_studies_with(spec.id, term_id)))))
    return found
