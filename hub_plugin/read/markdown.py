"""Where a Markdown body holds code, as CommonMark reads it: one rule for every reader of bodies.

Wikilinks, the personal-data scan and the search index all skip fenced code
blocks (what is inside is an example, not text of the hub): they ask here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

_FENCE_OPENING = re.compile(r"^ {0,3}(`{3,}|~{3,})")
FENCE_MARKS = ("```", "~~~")


def outside_code_blocks(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """(index, line) of every line outside fenced code blocks, fence lines included in the block."""
    fence: str | None = None  # the opening run of ``` or ~~~ while inside a block
    for index, line in enumerate(lines):
        if fence is None:
            match = _FENCE_OPENING.match(line)
            if match:
                fence = match.group(1)
                continue
            yield index, line
            continue
        # The block closes on a run of the same character, at least as long, alone on its line.
        stripped = line.strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            fence = None


# A code span as CommonMark reads it: a run of N backticks up to the next run of exactly N.
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)")


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of the line's inline code spans: text in them is an example, not a link or a citation."""
    return [(m.start(), m.end()) for m in _CODE_SPAN.finditer(line)] if "`" in line else []


def may_hold_code_blocks(text: str) -> bool:
    """False when ``text`` has no fence at all: most bodies, which then need no line-by-line pass."""
    return any(mark in text for mark in FENCE_MARKS)


def without_code_blocks(text: str) -> str:
    """``text`` with its fenced code blocks (fences included) left out."""
    if not may_hold_code_blocks(text):
        return text
    return "\n".join(line for _, line in outside_code_blocks(text.split("\n")))
