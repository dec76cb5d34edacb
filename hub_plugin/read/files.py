"""The content folder as files: where case studies and partners live, and a walk that never follows links."""

from __future__ import annotations

import os
import re
from pathlib import Path

from .diagnostics import Report
from .pathnames import HubPaths

CASE_STUDIES_DIR = "case-studies"
PARTNERS_DIR = "partners"
PROGRAMMES_DIR = "programmes"
# A translation beside the file it translates: about.fr.md, <slug>.es.md (the language's ISO 639 code).
TRANSLATED_NAME = re.compile(r"^(?P<stem>.+)\.(?P<language>[a-z]{2,3})\.md$")

SYMLINK_MESSAGE = ("this is a symbolic link; replace it with the file or folder itself: "
                   "a link could publish files from outside the hub")


def walk_files(directory: Path) -> list[Path]:
    """Every file below ``directory``, sorted, never following symbolic links (they are reported instead)."""
    found: list[str] = []
    for folder, folders, names in os.walk(directory, followlinks=False):
        folders.sort()
        found.extend(path for path in (os.path.join(folder, name) for name in names) if not os.path.islink(path))
    # Sorted as paths sort (part by part), on strings: comparing Path objects costs more than the walk.
    return [Path(path) for path in sorted(found, key=lambda path: path.split(os.sep))]


def markdown_files(directory: Path) -> list[Path]:
    return [path for path in walk_files(directory) if path.suffix == ".md"]


def refuse_symlinks(paths: HubPaths, report: Report) -> None:
    """MkDocs copies what a link points to: a link in the content folder could publish anything."""
    for folder, folders, names in os.walk(paths.content_dir, followlinks=False):
        for name in sorted(folders + names):
            path = Path(folder) / name
            if path.is_symlink():
                report.error(paths.display(path), 1, 1, SYMLINK_MESSAGE)
