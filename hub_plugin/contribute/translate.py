"""``hub translate``: a case study's translation file, its text left for the translator to write.

The file (``<slug>.<language>.md`` beside the original) has the text fields the translation
check accepts, each a TODO under a comment holding the original's text; one TODO per outcome,
lesson and factor, in the original's order; and the original's headings, each with its
paragraphs in an HTML comment and a TODO below it. The facts are the original's alone, so
none is written. ``hub check`` reports every TODO left, with its line.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from pathlib import Path

from ..check.loading import load_catalogue
from ..check.schema import PLACEHOLDER
from ..check.translations import BODY_PLACEHOLDER
from ..model.codes import language_name
from ..model.records import CaseStudy
from ..read.diagnostics import Report, suggest
from ..read.files import CASE_STUDIES_DIR, TRANSLATED_NAME
from ..read.markdown import outside_code_blocks
from ..read.pathnames import HubPaths
from ..read.text import ID_PATTERN
from .scaffold import ScaffoldError, refuse_unknown_language, template_environment

COMMENT_WIDTH = 100
_ATX_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)\s*$")
# A line that starts a list item, a quote, a table row or a block of HTML: '---' under it is not its underline.
_NOT_A_PARAGRAPH = re.compile(r"^\s*(?:[-*+>|<]|\d+[.)])")


def case_study_slugs(content_dir: Path) -> list[str]:
    """The slugs of the originals: the case-study files that are not translations."""
    folder = content_dir / CASE_STUDIES_DIR
    return sorted(path.stem for path in folder.glob("*.md") if path.name != "index.md"
                  and not TRANSLATED_NAME.match(path.name) and ID_PATTERN.match(path.stem))


def new_translation(paths: HubPaths, slug: str, language: str, languages: Sequence[str]) -> Path:
    """Write ``<slug>.<language>.md`` for the translator; ScaffoldError (with the fix) when it cannot be."""
    refuse_unknown_language(language, languages)
    slug = Path(slug).name.removesuffix(".md")  # its file, named as the shell completes it, is understood too
    slugs = case_study_slugs(paths.content_dir)
    if slug not in slugs:
        hint = suggest(slug, slugs)
        raise ScaffoldError(f"there is no case study '{slug}' (no file {paths.display(paths.content_dir)}/"
                            f"{CASE_STUDIES_DIR}/{slug}.md){hint or '; the slug is the file name without .md'}")
    original_file = paths.content_dir / CASE_STUDIES_DIR / f"{slug}.md"
    target = original_file.with_name(f"{slug}.{language}.md")
    if target.exists():
        raise ScaffoldError(f"{paths.display(target)} already exists and is not overwritten; edit it, or delete "
                            "it first to start again")
    report = Report()
    original = load_catalogue(paths, report, editions=languages).case_studies.get(slug)
    if original is None:
        shown = paths.display(original_file)
        if any(item.path == shown and item.severity == "error" for item in report.items):
            raise ScaffoldError(f"{shown} has errors, and only a valid case study is translated; fix what "
                                f"'hub check {shown}' reports, then translate it")
        raise ScaffoldError(f"errors elsewhere in the hub keep {shown} from being read; fix what 'hub check' "
                            "reports, then translate it")
    if language == original.language:
        others = [other for other in languages if other != original.language]
        raise ScaffoldError(f"{original.path} is already written in '{language}'; a translation is in another "
                            f"language" + (f": --lang {' or --lang '.join(others)}" if others else ""))
    text = translation_text(original, language, paths.display(target))
    target.write_text(text, encoding="utf-8")
    return target


def translation_text(original: CaseStudy, language: str, display_path: str) -> str:
    """The translation file's text: every text field and paragraph of ``original`` in a comment, a TODO under it."""
    environment = template_environment()
    environment.filters["comment"] = yaml_comment
    lists = {"outcomes": [outcome.text for outcome in original.outcomes], "lessons": original.lessons,
             "success_factors": original.success_factors, "limiting_factors": original.limiting_factors}
    return environment.get_template("translation.md").render(
        original=original, language=language, language_name=language_name(language),
        original_language_name=language_name(original.language), path=display_path,
        lists={name: items for name, items in lists.items() if items},
        body=translation_body(original.body), placeholder=PLACEHOLDER)


def yaml_comment(text: str, indent: str = "") -> str:
    """``text`` as YAML comment lines (``# ...``), wrapped, each line of it kept a line."""
    lines: list[str] = []
    for line in str(text).splitlines() or [""]:
        wrapped = textwrap.wrap(line, COMMENT_WIDTH - len(indent) - 2, break_long_words=False,
                                break_on_hyphens=False) or [""]
        lines += [f"{indent}# {part}".rstrip() for part in wrapped]
    return "\n".join(lines)


def html_comment(text: str) -> str:
    """``text`` in an HTML comment that nothing inside can close early."""
    safe = text.replace("--!>", "--! >").replace("-->", "-- >")
    return f"<!--\n{safe}\n-->"


def translation_body(body: str) -> str:
    """The original's headings as they are; under each, its paragraphs in a comment and a TODO to replace."""
    lines = body.split("\n")
    visible = dict(outside_code_blocks(lines))
    starts: list[tuple[int, int]] = []  # (first line, how many lines) of each heading
    for index, line in visible.items():
        if starts and index < starts[-1][0] + starts[-1][1]:
            continue  # the underline of the heading above
        if _ATX_HEADING.match(line):
            starts.append((index, 1))
        elif (line.strip() and not _NOT_A_PARAGRAPH.match(line) and not (index and lines[index - 1].strip())
              and _SETEXT_UNDERLINE.match(visible.get(index + 1, ""))):
            starts.append((index, 2))
    parts: list[str] = []

    def section(content: list[str]) -> None:
        text = "\n".join(content).strip("\n")
        if text.strip():
            parts.append(html_comment(text) + "\n\n" + BODY_PLACEHOLDER + "\n")

    section(lines[:starts[0][0]] if starts else lines)
    for number, (first, length) in enumerate(starts):
        end = starts[number + 1][0] if number + 1 < len(starts) else len(lines)
        parts.append("\n".join(lines[first:first + length]) + "\n")
        section(lines[first + length:end])
    return "\n".join(parts).rstrip("\n")
