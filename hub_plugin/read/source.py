"""Reading one content file: bytes to text, front matter to values, body kept.

Everything that can be wrong with a file before its fields are looked at
(size, encoding, a missing ``---``) is found here, with a line number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import ContentError, Diagnostic
from .yamlsource import YamlDocument, parse_yaml

MAX_FILE_BYTES = 1_000_000
FRONT_MATTER_FENCE = re.compile(r"^---[ \t]*$")


def closing_fence(lines: list[str]) -> int | None:
    """The index of the line that closes the front matter opened on the first line; None when
    the first line opens none, or nothing closes it."""
    if not lines or not FRONT_MATTER_FENCE.match(lines[0]):
        return None
    return next((index for index in range(1, len(lines)) if FRONT_MATTER_FENCE.match(lines[index])), None)


@dataclass
class SourceFile:
    path: Path
    display_path: str
    front: YamlDocument
    body: str
    body_line: int  # line number of the first body line, for body diagnostics
    text: str


FrontMatterParser = Callable[[str, str, int], YamlDocument]  # (text, display path, its first line's number)


def read_source(path: Path, display_path: str, parse: FrontMatterParser = parse_yaml) -> SourceFile:
    def fail(line: int, col: int, message: str) -> ContentError:
        return ContentError(Diagnostic(display_path, line, col, "error", message))

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(1, 1, f"the file cannot be read ({exc.strerror})") from None
    if len(raw) > MAX_FILE_BYTES:
        raise fail(1, 1, f"the file is {len(raw) / 1_000_000:.1f} MB; a case study must stay under "
                         f"{MAX_FILE_BYTES // 1_000_000} MB: shorten it or link to the long document under 'sources'")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise fail(line, 1, "the file contains NUL bytes and looks binary; save it as plain UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(line, col, "the file is not valid UTF-8 text; save it with the UTF-8 encoding") from None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise fail(1, 1, "the file is empty; start it with a front matter block between two '---' lines "
                         "(run 'hub new' for a template)")
    lines = text.split("\n")
    if not FRONT_MATTER_FENCE.match(lines[0]):
        raise fail(1, 1, "the file must start with a line '---' that opens the front matter "
                         "(run 'hub new' for a template)")
    closing = closing_fence(lines)
    if closing is None:
        raise fail(1, 1, "the front matter opened on line 1 is never closed; add a line '---' after the last field")
    front_text = "\n".join(lines[1:closing])
    front = parse(front_text, display_path, 2)
    if front.data is None:
        raise fail(1, 1, "the front matter is empty; fill in the fields (run 'hub new' for a template)")
    if not isinstance(front.data, dict):
        raise fail(2, 1, "the front matter must be a list of 'field: value' lines")
    body = "\n".join(lines[closing + 1:])
    return SourceFile(path, display_path, front, body, closing + 2, text)
