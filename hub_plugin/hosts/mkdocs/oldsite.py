"""The last build's site, kept out of MkDocs' way while it empties the site folder, then written over.

``mkdocs build`` first deletes every file of the site folder, then creates
every folder and file again: for a hub of thousands of pages in three
editions, tens of thousands of files, and after a one-line edit most of the
rebuild's time. Instead the hub moves the old site's entries aside before
MkDocs empties the folder (a rename each), puts them back once it has, and
lets MkDocs write over them: its folders exist, its files are rewritten in
place. At the end, every file the build did not write (older than the
build's start, by the file system's own clock) is deleted, so the folder
holds exactly what a build into an empty folder holds. What MkDocs keeps
(hidden entries such as a deploy folder's ``.git``) is never touched.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Set as AbstractSet
from pathlib import Path


class OldSite:
    """The old site of one build, from ``set_aside`` (before MkDocs cleans) to ``remove_stale`` (at its end)."""

    def __init__(self) -> None:
        self.site_dir: Path | None = None
        self.aside: Path | None = None  # the folder beside the site its entries wait in
        self.since: int | None = None   # the build's start by the file system's clock (ns)

    def set_aside(self, site_dir: Path) -> None:
        """Move ``site_dir``'s entries to a folder beside it, where MkDocs' cleaning does not reach them."""
        self.site_dir, self.aside, self.since = site_dir, None, None
        prefix = f".{site_dir.name}.previous-"
        try:
            for left in site_dir.parent.glob(prefix + "*"):  # a stopped build's
                shutil.rmtree(left, ignore_errors=True)
            if not site_dir.is_dir():
                return
            aside = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
            self.aside = aside
            for entry in _entries(site_dir):
                os.rename(entry, aside / entry.name)
            self.since = os.stat(aside).st_mtime_ns  # changed by the renames into it, on the site's file system
        except OSError:  # a read-only parent folder, another file system: what is left, MkDocs deletes itself
            self.put_back()

    def put_back(self) -> None:
        """Return the entries to the site folder (MkDocs has emptied it, or the build stopped before it did)."""
        if self.aside is None or self.site_dir is None:
            return
        for entry in _entries(self.aside):
            try:
                os.rename(entry, self.site_dir / entry.name)
            except OSError:
                shutil.rmtree(entry, ignore_errors=True)
        shutil.rmtree(self.aside, ignore_errors=True)
        self.aside = None

    def remove_stale(self, keep: AbstractSet[str] = frozenset()) -> int:
        """Delete the files of the old site that this build did not write, but those in ``keep`` (their
        paths), and the folders left empty; how many files."""
        self.put_back()
        if self.site_dir is None or self.since is None:
            return 0
        since, self.since = self.since, None
        removed = 0

        def remove_if_stale(path: str) -> None:
            nonlocal removed
            if path not in keep and os.lstat(path).st_mtime_ns < since:
                os.unlink(path)
                removed += 1

        for top in _entries(self.site_dir):
            if not top.is_dir() or top.is_symlink():
                remove_if_stale(str(top))
                continue
            for folder, subfolders, names in os.walk(top, topdown=False):
                links = [name for name in subfolders if os.path.islink(os.path.join(folder, name))]
                for name in (*names, *links):
                    remove_if_stale(os.path.join(folder, name))
                if not os.listdir(folder):
                    os.rmdir(folder)
        return removed


def _entries(folder: Path) -> list[Path]:
    """The entries MkDocs deletes when it cleans ``folder``: all but the hidden ones."""
    return [entry for entry in folder.iterdir() if not entry.name.startswith(".")]
