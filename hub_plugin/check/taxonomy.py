"""taxonomy.yml: every controlled vocabulary, checked and turned into the model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.codes import country_codes
from ..model.taxonomy import Taxonomy, Term, Vocabulary
from ..model.vocabularies import REGISTRY, REQUIRED_IN_TAXONOMY, spec_of
from ..read.diagnostics import ContentError, Report, suggest
from ..read.source import MAX_FILE_BYTES
from ..read.text import ID_PATTERN
from ..read.yamlsource import YamlDocument, YamlPath, parse_yaml
from .schema import Checker

REQUIRED_VOCABULARIES = REQUIRED_IN_TAXONOMY
NESTED_VOCABULARIES = tuple(sorted(spec.id for spec in REGISTRY if spec.nested))
TERM_FIELDS = ("id", "label", "description", "parent", "aliases", "m49", "countries")


def load_taxonomy(path: Path, display_path: str, report: Report, languages: Sequence[str] = ()) -> Taxonomy:
    """Read taxonomy.yml; problems go to ``report``, the usable part is returned.

    ``languages`` are the hub's (the plugin's ``languages`` option): a term whose label lacks one
    of them is a warning, for ``hub check`` to say which translation is still to write.
    """
    try:
        raw = path.read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            report.error(display_path, 1, 1, "taxonomy.yml is larger than 1 MB; it should hold vocabularies only")
            return Taxonomy()
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except FileNotFoundError:
        if path.name == "taxonomy.yml":
            report.error(display_path, 1, 1, "taxonomy.yml is missing; the hub needs it to know themes, roles and other lists")
        else:
            report.error(display_path, 1, 1, f"the taxonomy file {path.name} does not exist; create it, "
                                             "or correct 'taxonomy' under the hub plugin in mkdocs.yml")
        return Taxonomy()
    except UnicodeDecodeError:
        report.error(display_path, 1, 1, "taxonomy.yml is not valid UTF-8 text; save it with the UTF-8 encoding")
        return Taxonomy()
    try:
        document = parse_yaml(text, display_path)
    except ContentError as exc:
        report.add(exc.diagnostic)
        return Taxonomy()
    checker = Checker(document, display_path, report, Taxonomy())
    return _TaxonomyReader(document, checker, languages).read()


class _TaxonomyReader:
    def __init__(self, document: YamlDocument, checker: Checker, languages: Sequence[str] = ()):
        self.document = document
        self.checker = checker
        self.languages = tuple(languages)
        self.taxonomy = Taxonomy()

    def read(self) -> Taxonomy:
        data = self.document.data
        if not isinstance(data, dict):
            self.checker.error((), "taxonomy.yml must be a list of vocabularies: 'themes:', 'roles:' and so on")
            return self.taxonomy
        for name in REQUIRED_VOCABULARIES:
            if name not in data:
                self.checker.error((), f"the vocabulary '{name}' is missing from taxonomy.yml; add '{name}:' with its terms")
        first_seen: dict[str, str] = {}
        for name, terms in data.items():
            if not isinstance(terms, list):
                self.checker.error((name,), f"'{name}' must be a list of terms, each starting with '- id:'")
                continue
            vocabulary = self.taxonomy.vocabularies.setdefault(name, Vocabulary(name))
            for index, raw in enumerate(terms):
                term = self.read_term(name, raw, (name, index))
                if term is None:
                    continue
                if term.id in vocabulary.terms:
                    self.checker.error((name, index, "id"), f"the id '{term.id}' is used twice in '{name}'; ids must be unique")
                    continue
                other = first_seen.get(term.id)
                if other and other != name and not spec_of(name).numeric_ids:
                    self.checker.error((name, index, "id"), f"the id '{term.id}' is already used in '{other}'; "
                                       f"give this term another id, for example '{spec_of(name).singular}-{term.id}'")
                    continue
                first_seen.setdefault(term.id, name)
                vocabulary.terms[term.id] = term
            self.check_vocabulary(vocabulary, terms)
        return self.taxonomy

    def read_term(self, vocabulary: str, raw: Any, at: YamlPath) -> Term | None:
        checker = self.checker
        if not isinstance(raw, dict):
            checker.error(at, f"each term of '{vocabulary}' must be a group of fields starting with '- id:'")
            return None
        for key in raw:
            if key not in TERM_FIELDS:
                checker.error(at + (key,), f"unknown field '{key}' in a term" + (suggest(key, TERM_FIELDS) or
                                                                              "; the fields are: " + ", ".join(TERM_FIELDS)))
        term_id = raw.get("id")
        spec = spec_of(vocabulary)
        if isinstance(term_id, int) and spec.numeric_ids:
            term_id = str(term_id)
        if not isinstance(term_id, str) or not ID_PATTERN.match(term_id):
            checker.error(at + ("id",),
                          "each term needs an 'id' of lower-case letters, digits and hyphens, like 'urban-planning'")
            return None
        labels = self.read_text_by_language(raw.get("label"), at + ("label",), required=True)
        descriptions = self.read_text_by_language(raw.get("description"), at + ("description",), required=False)
        if labels:
            self.check_languages(vocabulary, term_id, labels, isinstance(raw.get("label"), str), at + ("label",))
        parent = raw.get("parent")
        if parent is not None and (not isinstance(parent, str) or not spec.nested):
            checker.error(at + ("parent",), "'parent' must be the id of another term, "
                                            f"and only {', '.join(NESTED_VOCABULARIES)} may nest")
            parent = None
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and ID_PATTERN.match(a) for a in aliases):
            checker.error(at + ("aliases",), "'aliases' must be a list of former ids, like: aliases: [old-id]")
            aliases = []
        countries = raw.get("countries") or []
        if spec.holds_countries:
            countries = self.read_countries(countries, at + ("countries",))
        elif countries:
            checker.error(at + ("countries",), "only regions list countries")
            countries = []
        m49 = raw.get("m49")
        return Term(vocabulary, term_id, labels or {"en": term_id}, descriptions, parent, tuple(aliases),
                    str(m49) if m49 is not None else None, tuple(countries))

    def read_text_by_language(self, value: Any, at: YamlPath, required: bool) -> dict[str, str]:
        if value is None:
            if required:
                self.checker.error(at[:-1], "each term needs a 'label', like: label: {en: Urban planning}")
            return {}
        if isinstance(value, str):
            return {"en": value}
        if isinstance(value, dict) and value and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return dict(value)
        if isinstance(value, dict) and any(v is None for v in value.values()):
            self.checker.error(at, f"a comma inside {{...}} cut the text of '{at[-1]}' into pieces; "
                                   f"put the text in quotes: {at[-1]}: {{en: \"...\"}}")
            return {}
        self.checker.error(at, f"'{at[-1]}' must be text by language, like: {at[-1]}: {{en: Urban planning, fr: Urbanisme}}")
        return {}

    def check_languages(self, vocabulary: str, term_id: str, labels: dict[str, str], plain: bool, at: YamlPath) -> None:
        """One warning for a term whose label lacks some of the hub's languages, naming each."""
        missing = [code for code in self.languages if not labels.get(code, "").strip()]
        if not missing:
            return
        names = " or ".join(f"{_language_name(code)} ({code})" for code in missing)
        additions = [f'{code}: "..."' for code in missing]
        if plain:  # label: Urban planning, which is English
            written = ", ".join([f'{code}: "{text}"' for code, text in labels.items()] + additions)
            fix = f"write it by language: label: {{{written}}}"
        else:
            fix = f"add {' and '.join(additions)} to its label"
        self.checker.warning(at, f"the term '{term_id}' of '{vocabulary}' has no {names} label; {fix}")

    def read_countries(self, countries: Any, at: YamlPath) -> list[str]:
        if not isinstance(countries, list):
            self.checker.error(at, 'countries must be a list of quoted country codes, like: countries: ["MW", "ZA"]')
            return []
        codes = country_codes()
        valid = []
        for index, code in enumerate(countries):
            if isinstance(code, bool):
                plain = self.document.plain.get(at + (index,), str(code))
                self.checker.error(at + (index,), f'YAML read {plain} as a yes/no value; put it in quotes: "{plain}"')
            elif not isinstance(code, str) or code not in codes:
                self.checker.error(at + (index,), f"'{code}' is not an ISO 3166-1 alpha-2 country code"
                                   + suggest(str(code), sorted(codes)))
            else:
                valid.append(code)
        return valid

    def check_vocabulary(self, vocabulary: Vocabulary, raw_terms: list[Any]) -> None:
        position = {raw.get("id"): index for index, raw in enumerate(raw_terms) if isinstance(raw, dict)}
        name = vocabulary.name
        for term in list(vocabulary.terms.values()):
            at = (name, position.get(term.id, 0))
            if term.parent and term.parent not in vocabulary.terms:
                self.checker.error(at + ("parent",), f"the parent '{term.parent}' of '{term.id}' is not a term of '{name}'"
                                   + suggest(term.parent, sorted(vocabulary.terms)))
            elif term.parent and term.id in vocabulary.ancestors(term.id) + [term.parent] and self._cycles(vocabulary, term.id):
                self.checker.error(at + ("parent",), f"'{term.id}' is its own ancestor through 'parent'; "
                                                     "break the cycle by changing one parent")
            for alias in term.aliases:
                if alias in vocabulary.terms or alias in vocabulary.aliases:
                    self.checker.error(at + ("aliases",), f"the alias '{alias}' is already an id or alias in '{name}'")
                else:
                    vocabulary.aliases[alias] = term.id
        if spec_of(name).holds_countries:
            owner: dict[str, str] = {}
            for term in vocabulary:
                for code in term.countries:
                    if code in owner:
                        self.checker.error((name, position.get(term.id, 0), "countries"),
                                           f"the country {code} is in two regions ('{owner[code]}' and '{term.id}')")
                    owner[code] = term.id
            self.taxonomy.region_of_country = owner

    @staticmethod
    def _cycles(vocabulary: Vocabulary, term_id: str) -> bool:
        seen: set[str] = set()
        current: str | None = term_id
        while current:
            if current in seen:
                return current == term_id
            seen.add(current)
            current = vocabulary.terms[current].parent if current in vocabulary.terms else None
        return False


def _language_name(code: str) -> str:
    """The language's English name, as Babel (CLDR) writes it: French, Spanish, Portuguese."""
    from babel import Locale

    return str(Locale("en").languages.get(code, code))
