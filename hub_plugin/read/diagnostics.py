"""Problems found in content, reported as ``path:line:col: severity: message``.

Contributors are mostly not programmers: every problem is one line that
says where it is and how to fix it. Nothing here raises; callers collect.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]
QUOTE_LIMIT = 80  # characters of a quoted value a message repeats
WORD_LIMIT = 120  # characters of a word without spaces (a path built from a value, say)


def shortened(message: str) -> str:
    """The message with each long quoted value and each overlong word cut: a contributor's
    900 KB id must not make a 900 KB line."""
    message = _LONG_QUOTED.sub(lambda match: f"{match.group(1)}{match.group(2)[:QUOTE_LIMIT - 1]}…{match.group(1)}",
                               message)
    return _LONG_WORD.sub(lambda match: f"{match.group(0)[:WORD_LIMIT - 1]}…", message)


# A quoted value: its quotes touch it, outside them no letters (the text between
# two short quoted values, "'&' is read ... if the '&'", is not one).
_LONG_QUOTED = re.compile(r"""(?<!\w)(['"])(?=\S)((?:(?!\1)[^\n]){""" + str(QUOTE_LIMIT + 1) + r""",})(?<=\S)\1(?!\w)""")
_LONG_WORD = re.compile(r"\S{" + str(WORD_LIMIT + 1) + ",}")


def suggest(value: str, choices: Sequence[str], *, short_list: int = 8) -> str:
    """``; did you mean 'x'?``, or the allowed values when there are few: the end of many messages."""
    by_folded = {choice.lower(): choice for choice in choices}
    matches = difflib.get_close_matches(value.lower(), list(by_folded), n=1, cutoff=0.6)
    if matches:
        return f"; did you mean '{by_folded[matches[0]]}'?"
    if 0 < len(choices) <= short_list:
        return "; use one of: " + ", ".join(choices)
    return ""


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", shortened(self.message))

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command, which shows up on the changed line of a PR."""
        kind = "error" if self.severity == "error" else "warning"
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col}::{message}"


class ContentError(Exception):
    """Raised while reading one file when nothing more can be learnt from it."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


@dataclass
class Report:
    """Diagnostics of one run, kept in the order files are read, printed sorted."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        if diagnostic not in self.items:
            self.items.append(diagnostic)

    def error(self, path: str, line: int, col: int, message: str) -> None:
        self.add(Diagnostic(path, line, col, "error", message))

    def warning(self, path: str, line: int, col: int, message: str) -> None:
        self.add(Diagnostic(path, line, col, "warning", message))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        for diagnostic in diagnostics:
            self.add(diagnostic)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.sorted() if d.severity == "warning"]

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=lambda d: (d.path, d.line, d.col, d.severity, d.message))

    def format(self, style: str = "text") -> str:
        items = self.sorted()
        if style == "json":
            return json.dumps([asdict(d) for d in items], indent=2, ensure_ascii=False)
        if style == "github":
            return "\n".join(d.github() for d in items)
        return "\n".join(str(d) for d in items)

    def summary(self) -> str:
        errors = sum(d.severity == "error" for d in self.items)
        warnings = len(self.items) - errors
        return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
