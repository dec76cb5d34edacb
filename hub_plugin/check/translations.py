"""Translations of case studies: ``<slug>.<language>.md`` beside the original, carrying only its text.

The facts (partners and roles, period, themes, sources...) are the original's alone: a
translation that states one differently is refused, so that no edition can say something
the original does not; one that repeats a fact as it is gets a warning to drop it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path

from ..git.history import GitFacts, translation_behind
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Translation
from ..read.diagnostics import Report
from ..read.files import TRANSLATED_NAME
from ..read.markdown import outside_code_blocks
from ..read.source import SourceFile
from .schema import CASE_STUDY_FIELDS, INVALID, PLACEHOLDER, Checker, ListOf, Record, Text

# What ``hub translate`` writes under each of the original's paragraphs, and ``hub check`` finds if left.
BODY_PLACEHOLDER = f"{PLACEHOLDER}: the translation of the text in the comment above"
_BODY_PLACEHOLDER_LINE = re.compile(rf"^\s*{PLACEHOLDER}(?::|\s*$)")

_TEXT = {field.name: field for field in CASE_STUDY_FIELDS
         if field.name in ("title", "summary", "lessons", "success_factors", "limiting_factors")}
TRANSLATION = Record("front matter", fields=[
    _TEXT["title"], _TEXT["summary"],
    ListOf("outcomes", item=Text("outcomes", max_length=1000), help="The original's outcome texts, in its order.",
           example="outcomes: [Une stratégie de recouvrement a été adoptée]"),
    _TEXT["lessons"], _TEXT["success_factors"], _TEXT["limiting_factors"],
])
TEXT_FIELDS = tuple(field.name for field in TRANSLATION.fields)
FACT_FIELDS = tuple(field.name for field in CASE_STUDY_FIELDS if field.name not in TEXT_FIELDS)


def split_translations(files: dict[str, Path]) -> tuple[dict[str, Path], dict[tuple[str, str], Path]]:
    """The case-study files, and the translations among them by (slug, language)."""
    originals: dict[str, Path] = {}
    translated: dict[tuple[str, str], Path] = {}
    for name, path in files.items():
        found = TRANSLATED_NAME.match(path.name)
        if found:
            translated[(found["stem"], found["language"])] = path
        else:
            originals[name] = path
    return originals, translated


def check_translation(source: SourceFile, original: CaseStudy, original_data: dict, language: str,
                      checker: Checker, languages: Sequence[str]) -> Translation | None:
    """The translation in ``source``, or None (with its errors reported) when it cannot be shown.

    ``original_data`` is the original's front matter as YAML read it: a fact is compared as written."""
    data = source.front.data if isinstance(source.front.data, dict) else {}
    if languages and language not in languages:
        checker.warning((), f"the hub has no '{language}' edition, so this translation is not shown; add "
                            f"'{language}' to the hub's 'languages' in mkdocs.yml, or rename the file")
        return None
    if language == original.language:
        checker.error((), f"{original.path} is already written in '{language}'; a translation is in another "
                          "language: rename the file")
        return None
    valid = True
    for key in [key for key in data if key in FACT_FIELDS]:
        if key in original_data and data[key] == original_data[key]:
            checker.warning((key,), f"'{key}' is a fact, and the original ({original.path}) already states it; "
                                    "remove it here: a translation carries only text")
        else:
            checker.error((key,), f"'{key}' differs from the original's ({original.path}); a translation carries "
                                  f"only text: remove '{key}' here, and correct the original if it is wrong")
            valid = False
    text = TRANSLATION.check({key: value for key, value in data.items() if key not in FACT_FIELDS}, (), checker)
    placeholders = body_placeholders(source.body, source.body_line)
    for line, col in placeholders:
        checker.report.error(source.display_path, line, col, "the narrative still holds the template's placeholder "
                                                             f"'{PLACEHOLDER}'; replace the line with the translation "
                                                             "of the text in the comment above it")
    if text is INVALID or not valid or placeholders:
        return None
    outcomes = text.get("outcomes", [])
    if "outcomes" in text and len(outcomes) != len(original.outcomes):
        checker.error(("outcomes",), f"the original ({original.path}) has {len(original.outcomes)} outcomes and "
                                     f"this translation {len(outcomes)}; translate each of them, in the same order")
        return None
    return Translation(slug=original.slug, language=language, path=source.display_path, body=source.body,
                       body_line=source.body_line, **text)


def body_placeholders(body: str, body_line: int) -> list[tuple[int, int]]:
    """(line, column) of each line of ``body`` that starts with the placeholder (``TODO`` alone or ``TODO:``),
    outside code blocks and HTML comments (where ``hub translate`` shows the original's text)."""
    found: list[tuple[int, int]] = []
    in_comment = False
    for index, line in outside_code_blocks(body.split("\n")):
        if not in_comment and _BODY_PLACEHOLDER_LINE.match(line):
            found.append((body_line + index, len(line) - len(line.lstrip()) + 1))
        in_comment = _in_comment_after(line, in_comment)
    return found


def _in_comment_after(line: str, in_comment: bool) -> bool:
    """Whether an HTML comment is still open at the end of ``line``, given whether one was at its start."""
    position = 0
    while True:
        mark = line.find("-->" if in_comment else "<!--", position)
        if mark < 0:
            return in_comment
        position, in_comment = mark + (3 if in_comment else 4), not in_comment


def load_translations(catalogue: Catalogue, translated: dict[tuple[str, str], Path],
                      read: Callable[[Path], SourceFile | None], checker_for: Callable[[SourceFile], Checker],
                      originals_data: dict[str, dict], languages: Sequence[str]) -> None:
    """Each translation whose original is valid into ``catalogue.translations``; problems reported.

    ``originals_data``: every original that parsed, valid or not, by slug."""
    for (slug, language), path in sorted(translated.items()):
        source = read(path)
        if source is None:
            continue
        checker = checker_for(source)
        original = catalogue.case_studies.get(slug)
        if original is None:
            if slug not in originals_data:
                checker.error((), f"there is no case study '{slug}' to translate; name the file after the "
                                  f"original: <slug>.{language}.md")
            continue  # the original has errors of its own, reported there
        translation = check_translation(source, original, originals_data[slug], language, checker, languages)
        if translation is not None:
            catalogue.translations.setdefault(slug, {})[language] = translation


def translations_behind(catalogue: Catalogue, git: GitFacts | None, root: Path) -> dict[tuple[str, str], tuple[str, str]]:
    """(slug, language) -> the days the original and its translation last changed, where the original
    changed after the translation (from Git): the page and ``hub check`` say it may be out of date."""
    behind: dict[tuple[str, str], tuple[str, str]] = {}
    if git is None:
        return behind
    for slug, by_language in catalogue.translations.items():
        original = catalogue.case_studies[slug]
        for language, translation in by_language.items():
            found = translation_behind(git, root / original.path, root / translation.path)
            if found is not None:
                behind[(slug, language)] = found
    return behind


def warn_translations_behind(catalogue: Catalogue, git: GitFacts | None, root: Path, report: Report) -> None:
    for (slug, language), (changed, translated) in sorted(translations_behind(catalogue, git, root).items()):
        translation = catalogue.translations[slug][language]
        report.warning(translation.path, 1, 1, f"the original ({catalogue.case_studies[slug].path}) changed on "
                                               f"{changed}, after this translation's last change on {translated}; "
                                               "bring the translation up to date with it")
