"""What the build's caches key their entries by: digests of everything an entry depends on.

A key is a content address: a stale entry is never found, only left unused.
The hub's own code, templates and assets, and the versions of the packages
that render pages, are part of every key (``fingerprint``).
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

HUB_PACKAGE = Path(__file__).resolve().parents[1]
_DEPENDENCIES = ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "babel", "whoosh3")


@cache
def fingerprint() -> str:
    """The hub's code, templates and assets, and the versions of what renders pages: part of every key."""
    found = hashlib.sha256()
    for path in sorted(HUB_PACKAGE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            found.update(path.relative_to(HUB_PACKAGE).as_posix().encode() + b"\x00" + path.read_bytes() + b"\x00")
    for name in _DEPENDENCIES:
        try:
            found.update(f"{name}={metadata.version(name)}\x00".encode())
        except metadata.PackageNotFoundError:
            found.update(f"{name}=-\x00".encode())
    return found.hexdigest()


def digest(*parts: str) -> str:
    """One key of several texts: each is ended by a NUL, so that ("ab", "c") and ("a", "bc") differ."""
    found = hashlib.sha256()
    for part in parts:
        found.update(part.encode("utf-8", "surrogatepass"))
        found.update(b"\x00")
    return found.hexdigest()
