"""The terms of taxonomy.yml: each vocabulary's terms, their labels by language, nesting and former ids."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from .codes import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Term:
    vocabulary: str
    id: str
    labels: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    m49: str | None = None
    countries: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.labels.get(DEFAULT_LANGUAGE) or next(iter(self.labels.values()), self.id)

    @property
    def description(self) -> str:
        return self.descriptions.get(DEFAULT_LANGUAGE, "")

    def label_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The term's label in ``language``; the default language's where it has none."""
        return self.labels.get(language) or self.label

    def description_in(self, language: str = DEFAULT_LANGUAGE) -> str:
        """The term's description in ``language``; the default language's where it has none."""
        return self.descriptions.get(language) or self.description


@dataclass
class Vocabulary:
    name: str
    terms: dict[str, Term] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self.terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms.values())

    def __len__(self) -> int:
        return len(self.terms)

    def resolve(self, term_id: str) -> str | None:
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

    def with_ancestors(self, term_ids: Iterable[str]) -> list[str]:
        """The terms and every broader term of theirs, sorted: a case study on a narrower
        theme is found under the broader one too."""
        return sorted({found for term_id in term_ids for found in (term_id, *self.ancestors(term_id))})

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

    def label(self, vocabulary: str, term_id: str, language: str = DEFAULT_LANGUAGE) -> str:
        term = self[vocabulary].terms.get(term_id)
        return term.label_in(language) if term else term_id
