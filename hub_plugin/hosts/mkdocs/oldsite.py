"""The last build's site, moved out of MkDocs' way and deleted by another process while this build runs.

``mkdocs build`` first empties the site folder, file by file: for a hub of
thousands of pages in three editions that is tens of thousands of files and
seconds of the build, before anything is written. Moved aside instead (a
rename per top-level entry), the folder is empty at once, and a second
process deletes the old files on the core MkDocs does not use. What MkDocs
keeps (hidden entries, ``.git`` of a deploy folder) is kept here too.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


class OldSite:
    """The removal of one build's previous site, from ``set_aside`` to ``wait``."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None

    def set_aside(self, site_dir: Path) -> None:
        """Move ``site_dir``'s entries to a folder beside it and start deleting that folder (and any left by a
        build that was stopped before it was done); what cannot be moved, MkDocs deletes as it always does."""
        self.wait()
        prefix = f".{site_dir.name}.removing-"
        folders: list[Path] = []
        try:
            folders += [path for path in site_dir.parent.glob(prefix + "*") if path.is_dir()]
            entries = [entry for entry in site_dir.iterdir() if not entry.name.startswith(".")] \
                if site_dir.is_dir() else []
            if entries:
                trash = Path(tempfile.mkdtemp(prefix=prefix, dir=site_dir.parent))
                folders.append(trash)
                for entry in entries:
                    os.rename(entry, trash / entry.name)
        except OSError:  # a read-only parent folder, a site folder that is a mount point of its own
            pass
        if folders:
            self.process = subprocess.Popen([sys.executable, "-c", _REMOVE, *map(str, folders)],
                                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                            stderr=subprocess.DEVNULL)

    def wait(self) -> None:
        """Return once the old site is deleted: a build does not end with its files still being removed."""
        if self.process is not None:
            self.process.wait()
            self.process = None
