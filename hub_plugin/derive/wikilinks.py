"""``[[slug]]``, ``[[slug|text]]`` and ``[[partner:id]]``-style links in Markdown bodies."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model.catalogue import Catalogue
from ..model.vocabularies import LINK_KINDS, LINK_PREFIXES
from ..read.diagnostics import suggest
from ..read.files import CASE_STUDIES_DIR
from ..read.markdown import code_spans, outside_code_blocks
from .urls import Urls

WIKILINK = re.compile(r"\[\[(?:(?P<kind>[a-z]+):)?(?P<target>[^\]|\n]+?)(?:\|(?P<text>[^\]\n]+))?\]\]")


@dataclass(frozen=True)
class Wikilink:
    line_offset: int   # 0-based line within the body
    col: int           # 1-based column
    kind: str | None
    target: str
    text: str | None
    raw: str


def find_wikilinks(body: str) -> Iterator[Wikilink]:
    """Every wikilink outside fenced code blocks and inline code."""
    for index, line in outside_code_blocks(body.split("\n")):
        if "[[" not in line:
            continue
        spans = code_spans(line)
        for match in WIKILINK.finditer(line):
            if any(start <= match.start() < end for start, end in spans):
                continue
            yield Wikilink(index, match.start() + 1, match.group("kind"), match.group("target").strip(),
                           match.group("text"), match.group(0))


def resolve(link: Wikilink, catalogue: Catalogue) -> tuple[tuple[str, str] | None, str]:
    """((vocabulary or 'case-studies', id), '') or (None, message with a suggestion)."""
    if link.kind is None:
        if link.target in catalogue.case_studies:
            return (CASE_STUDIES_DIR, link.target), ""
        return None, (f"{link.raw} links to a case study '{link.target}' that does not exist"
                      + suggest(link.target, sorted(catalogue.case_studies)))
    spec = LINK_PREFIXES.get(link.kind)
    if spec is None:
        return None, f"{link.raw}: unknown link kind '{link.kind}'" + suggest(link.kind, LINK_KINDS)
    target = catalogue.resolve(spec.id, link.target)
    if target is not None:
        return (spec.id, target), ""
    return None, (f"{link.raw} links to an unknown {link.kind} '{link.target}'"
                  + suggest(link.target, sorted(catalogue.known_ids(spec.id))))


def check_wikilinks(body: str, body_line: int, catalogue: Catalogue,
                    report_error: Callable[[int, int, str], None]) -> None:
    for link in find_wikilinks(body):
        found, message = resolve(link, catalogue)
        if found is None:
            report_error(body_line + link.line_offset, link.col, message)


def replace_wikilinks(markdown: str, catalogue: Catalogue, src_uri: str) -> str:
    """Markdown links to the target's source file in place of wikilinks.

    MkDocs then turns them into URLs (with or without directory URLs) and
    checks them. Unknown targets are left as written: ``hub check`` reports them.
    """
    if "[[" not in markdown:
        return markdown
    lines = markdown.split("\n")
    for link in sorted(find_wikilinks(markdown), key=lambda found: (found.line_offset, -found.col)):
        found, _ = resolve(link, catalogue)
        if found is None:
            continue
        vocabulary, target = found
        if vocabulary == CASE_STUDIES_DIR:
            label = catalogue.case_studies[target].title
        else:
            label = catalogue.label(vocabulary, target)
        href = posixpath.relpath(Urls.source(vocabulary, target), posixpath.dirname(src_uri) or ".")
        text = link.text if link.text is not None else html.escape(label)
        text = text.replace("[", "\\[").replace("]", "\\]")
        line = lines[link.line_offset]
        start = link.col - 1
        lines[link.line_offset] = f"{line[:start]}[{text}](<{href}>){line[start + len(link.raw):]}"
    return "\n".join(lines)
