"""Where the hub reads from, and paths below it as the forward-slash text shown to contributors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def plainly_below(path: Path, root: Path) -> str | None:
    """``path`` relative to ``root`` when its text already says so (absolute, no ``.`` or ``..``
    parts, hidden names aside); None otherwise, for the caller's slower, exact way.

    Asked for every content file and every page: pathlib's parsing and the
    file system's ``resolve`` cost more than the rest of the lookup.
    """
    text, prefix = str(path), f"{root}{os.sep}"
    if not text.startswith(prefix):
        return None
    rest = text[len(prefix):]
    if any(part in (".", "..", "") for part in rest.split(os.sep)):
        return None
    return rest.replace(os.sep, "/")


@dataclass(frozen=True)
class HubPaths:
    """Where the hub reads from; display paths are relative to ``root``."""

    root: Path
    content_dir: Path
    taxonomy_file: Path

    @classmethod
    def at(cls, root: Path, content_dir: str = "content", taxonomy_file: str = "taxonomy.yml") -> HubPaths:
        root = root.resolve()
        return cls(root, (root / content_dir).resolve(), (root / taxonomy_file).resolve())

    def display(self, path: Path) -> str:
        found = plainly_below(path, self.root)
        if found is not None:
            return found
        try:
            absolute = path if path.is_absolute() else Path.cwd() / path
            return Path(os.path.normpath(absolute)).relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return path.as_posix()
