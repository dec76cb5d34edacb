"""The content folder as files: where case studies and partners live, and a walk that never follows links."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
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


def markdown_file_stats(directory: Path | str) -> Iterator[tuple[str, int, int]]:
    """Path, size and modification time (ns) of every Markdown file below ``directory``, in a fixed order,
    links not followed: what tells that content changed, taken with one system call a file (``hub search``
    takes it before every query; ``walk_files`` and ``Path.stat`` cost four times as much)."""
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_symlink():
            continue
        if entry.is_dir():
            yield from markdown_file_stats(entry.path)
        elif entry.name.endswith(".md"):
            try:
                stat = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            yield entry.path, stat.st_size, stat.st_mtime_ns


def refuse_symlinks(paths: HubPaths, report: Report) -> None:
    """MkDocs copies what a link points to: a link in the content folder could publish anything."""
    for folder, folders, names in os.walk(paths.content_dir, followlinks=False):
        for name in sorted(folders + names):
            path = Path(folder) / name
            if path.is_symlink():
                report.error(paths.display(path), 1, 1, SYMLINK_MESSAGE)
