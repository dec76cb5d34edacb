"""``[[slug]]``, ``[[slug|text]]`` and ``[[partner:id]]``-style links in Markdown bodies."""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Collection, Iterator, Optional

from .catalogue import Catalogue
from .schema import country_codes, suggest
from .urls import Urls

WIKILINK = re.compile(r"\[\[(?:(?P<kind>[a-z]+):)?(?P<target>[^\]|\n]+?)(?:\|(?P<text>[^\]\n]+))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A code span as CommonMark reads it: a run of N backticks up to the next run of exactly N.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")

# Prefix in a link -> vocabulary it names ("theme:" and "themes:" both work).
KINDS = {
    "partner": "partners", "theme": "themes", "modality": "modalities", "programme": "programmes",
    "sdg": "sdgs", "region": "regions", "country": "countries", "status": "status",
}


@dataclass(frozen=True)
class Wikilink:
    line_offset: int   # 0-based line within the body
    col: int           # 1-based column
    kind: Optional[str]
    target: str
    text: Optional[str]
    raw: str


def find_wikilinks(body: str) -> Iterator[Wikilink]:
    """Every wikilink outside fenced code blocks and inline code."""
    fence: Optional[str] = None  # the opening run of ``` or ~~~ while inside a fenced block
    for index, line in enumerate(body.split("\n")):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            continue
        if fence is not None:
            # CommonMark: the block closes on a run of the same character, at least as long, alone on its line.
            stripped = line.strip()
            if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                fence = None
            continue
        if "[[" not in line:
            continue
        code_spans = [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)] if "`" in line else []
        for match in WIKILINK.finditer(line):
            if any(start <= match.start() < end for start, end in code_spans):
                continue
            yield Wikilink(index, match.start() + 1, match.group("kind"), match.group("target").strip(),
                           match.group("text"), match.group(0))


def _vocabulary(kind: str) -> Optional[str]:
    return KINDS.get(kind) or (kind if kind in KINDS.values() else None)


def resolve(link: Wikilink, catalogue: Catalogue) -> tuple[Optional[tuple[str, str]], str]:
    """((vocabulary or 'case-studies', id), '') or (None, message with a suggestion)."""
    if link.kind is None:
        if link.target in catalogue.case_studies:
            return ("case-studies", link.target), ""
        return None, (f"{link.raw} links to a case study '{link.target}' that does not exist"
                      + suggest(link.target, sorted(catalogue.case_studies)))
    vocabulary = _vocabulary(link.kind)
    if vocabulary is None:
        return None, f"{link.raw}: unknown link kind '{link.kind}'" + suggest(link.kind, sorted(KINDS))
    known: Collection[str]
    if vocabulary == "partners":
        known = catalogue.partners
        target = link.target
    elif vocabulary == "countries":
        known = catalogue.partner_countries
        target = link.target.upper()
    else:
        terms = catalogue.taxonomy[vocabulary]
        target = terms.resolve(link.target) or link.target
        known = terms.terms
    if target in known:
        return (vocabulary, target), ""
    return None, f"{link.raw} links to an unknown {link.kind} '{link.target}'" + suggest(link.target, sorted(known))


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
    for link in sorted(find_wikilinks(markdown), key=lambda l: (l.line_offset, -l.col)):
        found, _ = resolve(link, catalogue)
        if found is None:
            continue
        vocabulary, target = found
        if vocabulary == "case-studies":
            label = catalogue.case_studies[target].title
        elif vocabulary == "partners":
            label = catalogue.partners[target].name
        elif vocabulary == "countries":
            label = country_codes().get(target, target)
        else:
            label = catalogue.taxonomy.label(vocabulary, target)
        href = posixpath.relpath(Urls.source(vocabulary, target), posixpath.dirname(src_uri) or ".")
        text = link.text if link.text is not None else html.escape(label)
        text = text.replace("[", "\\[").replace("]", "\\]")
        line = lines[link.line_offset]
        start = link.col - 1
        lines[link.line_offset] = f"{line[:start]}[{text}](<{href}>){line[start + len(link.raw):]}"
    return "\n".join(lines)
