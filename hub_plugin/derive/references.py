"""Citations in a narrative: ``[@gran-study-2012]`` (or ``[@a; @b]``) names sources of the case study by id.

On the page a citation is a numbered reference, the source's number in the list of
sources, linking to it; each source links back to where it is cited. ``hub check``
refuses a citation of an id that no source of the case study has, and warns about a
source with an id that nothing cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..model.records import CaseStudy, Programme
from ..read.markdown import code_spans, outside_code_blocks

CITATION = re.compile(r"\[@(?P<ids>[a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")


@dataclass(frozen=True)
class Citation:
    line_offset: int          # 0-based line within the body
    col: int                  # 1-based column
    ids: tuple[str, ...]
    raw: str


def find_citations(body: str) -> Iterator[Citation]:
    """Every citation outside code, in reading order."""
    if "[@" not in body:
        return
    for index, line in outside_code_blocks(body.split("\n")):
        if "[@" not in line:
            continue
        spans = code_spans(line)
        for match in CITATION.finditer(line):
            if not any(start <= match.start() < end for start, end in spans):
                ids = tuple(part.strip().lstrip("@") for part in match.group("ids").split(";"))
                yield Citation(index, match.start() + 1, ids, match.group(0))


def anchor(source_id: str, occurrence: int) -> str:
    """The id of the n-th citation of a source in the page (from 1), where its back-link leads."""
    return f"cite-{source_id}-{occurrence}"


def cited_at(case_study: CaseStudy | Programme) -> dict[str, list[str]]:
    """Source id -> the anchors of its citations in the narrative, in reading order."""
    found: dict[str, list[str]] = {}
    for citation in find_citations(case_study.body):
        for source_id in citation.ids:
            found.setdefault(source_id, []).append(anchor(source_id, len(found.get(source_id, [])) + 1))
    return found


def numbers(case_study: CaseStudy | Programme) -> dict[str, int]:
    """Source id -> its number on the page: its place in the list of sources."""
    return {source.id: position for position, source in enumerate(case_study.sources, 1) if source.id}


@dataclass(frozen=True)
class Reference:
    source_id: str
    number: int     # the source's place in the list
    anchor: str     # this citation's own id, for the source's back-link


def replace_citations(markdown: str, case_study: CaseStudy | Programme, render: Callable[[list[Reference]], str]) -> str:
    """Each known citation replaced by ``render`` of its references (a template: ``_references.html``).

    Unknown ids are left as written: ``hub check`` reports them.
    """
    if "[@" not in markdown:
        return markdown
    known = numbers(case_study)
    seen: dict[str, int] = {}
    lines = markdown.split("\n")
    replacements: list[tuple[Citation, str]] = []
    for citation in find_citations(markdown):
        if not all(source_id in known for source_id in citation.ids):
            continue
        references = []
        for source_id in citation.ids:
            seen[source_id] = seen.get(source_id, 0) + 1
            references.append(Reference(source_id, known[source_id], anchor(source_id, seen[source_id])))
        replacements.append((citation, render(references)))
    for citation, html in reversed(replacements):  # from the end, so that columns stay right
        line = lines[citation.line_offset]
        start = citation.col - 1
        lines[citation.line_offset] = line[:start] + html + line[start + len(citation.raw):]
    return "\n".join(lines)
