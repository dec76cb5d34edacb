"""The page a previewing contributor sees while the content has errors: every problem, on its line.

A contributor who is not a programmer looks at the browser, not the
terminal: while ``hub serve`` cannot build the hub, every page it is asked
for is this one, listing each diagnostic with the line it points to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..read.diagnostics import Diagnostic, Report
from .renderer import html_templates

SHOWN_LINE_CHARS = 200


@dataclass(frozen=True)
class ShownDiagnostic:
    path: str
    line: int
    col: int
    severity: str
    message: str
    source: str  # the line the diagnostic points to, as written


def _line_of(root: Path, diagnostic: Diagnostic) -> str:
    try:
        lines = (root / diagnostic.path).read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return ""
    text = lines[diagnostic.line - 1].rstrip() if 0 < diagnostic.line <= len(lines) else ""
    return text if len(text) <= SHOWN_LINE_CHARS else text[:SHOWN_LINE_CHARS - 1] + "…"


def error_page(diagnostics: Iterable[Diagnostic], root: Path, head_extra: Markup | None = None) -> str:
    """The page, errors first; ``head_extra`` is what the host adds to its head (a script that reloads it)."""
    report = Report(list(diagnostics))
    items = [ShownDiagnostic(d.path, d.line, d.col, d.severity, d.message, _line_of(root, d))
             for d in report.errors + report.warnings]
    return html_templates().get_template("build_errors.html").render(items=items, summary=report.summary(),
                                                                head_extra=head_extra or Markup(""))
