"""Paths below a root, as the forward-slash text shown to contributors and used as keys."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional


def plainly_below(path: Path, root: Path) -> Optional[str]:
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
