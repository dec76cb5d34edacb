"""The hub's options (under ``plugins: [hub: {...}]`` in mkdocs.yml): what each is, its type and default.

One list for both readers: ``hosts/mkdocs/config.py`` turns it into MkDocs' option
schema for the build, and ``hub check`` checks mkdocs.yml against it without
starting MkDocs, so that a mistyped option fails the check, not only the build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model.codes import language_codes


@dataclass(frozen=True)
class Option:
    name: str
    kind: type
    default: Any
    about: str
    shape: str = ""  # what a value must be when its type does not say it all, as kind_name says it
    valid: Callable[[Any], bool] | None = None  # checked once the type is right

    @property
    def kind_name(self) -> str:
        return self.shape or {str: "text", int: "a whole number", bool: "true or false"}[self.kind]

    @property
    def example(self) -> str:
        if self.kind is list:
            return f"{self.name}: [{', '.join(map(str, self.default))}]"
        return f"{self.name}: {str(self.default).lower() if self.kind is bool else self.default}"

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` for this option, as a message with the fix; None if nothing."""
        if self.accepts(value):
            return None
        return f"the hub plugin's option '{self.name}' must be {self.kind_name}; for example: {self.example}"

    def accepts(self, value: Any) -> bool:
        # YAML's true/false are not numbers here, though Python counts bool as int.
        return (isinstance(value, self.kind) and (self.kind is bool or not isinstance(value, bool))
                and (self.valid is None or self.valid(value)))


def _language_list(value: list[Any]) -> bool:
    """At least one language, each an ISO 639-1 code once: the first is the hub's default language."""
    codes = language_codes()
    return bool(value) and all(isinstance(code, str) and code in codes for code in value) and len(set(value)) == len(value)


OPTIONS: dict[str, Option] = {option.name: option for option in [
    Option("taxonomy", str, "taxonomy.yml", "taxonomy.yml, relative to mkdocs.yml"),
    Option("related_top_k", int, 5, 'how many computed "related case studies" a case study shows'),
    Option("cache_dir", str, ".hub-cache",
           "where the search index is kept between builds, relative to mkdocs.yml; outside the published site"),
    Option("repo_branch", str, "main", 'the branch that "edit this page" and "history" links open on the forge'),
    Option("git_facts", bool, True, "first published, last updated and editors on case-study and partner pages"),
    Option("packs", bool, False, "a PDF briefing pack per theme, programme and country (needs the pdf extra: "
           "pip install -e '.[pdf]')"),
    Option("languages", list, ["en", "fr", "es"], "the hub's languages, ISO 639-1 codes, the first its default; "
           "hub check warns of a taxonomy term without a label in one of them",
           shape="a list of distinct ISO 639-1 language codes, the default language first", valid=_language_list),
]}


def with_defaults(values: dict[str, Any]) -> dict[str, Any]:
    """Every option's value: the one given where it is of the right type, else the default."""
    return {name: values[name] if option.accepts(values.get(name)) else option.default
            for name, option in OPTIONS.items()}
