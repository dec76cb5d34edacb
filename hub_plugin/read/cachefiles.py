"""The cache folder's own files: written whole or not at all, read back only when intact.

Everything in ``.hub-cache/`` can be made again from the content, so a file
there that is missing, cut short, from another version or garbage is never
an error: the reader gets None, says so in one line, and the caller rebuilds.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any


def write_atomically(path: Path, data: bytes | str) -> None:
    """Replace ``path`` by ``data`` in one rename: a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as staging:
            staging.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(staged, path)
    except BaseException:
        Path(staged).unlink(missing_ok=True)
        raise


def read_json(path: Path, *, version: int) -> Any:
    """The ``data`` of a JSON entry written by ``write_json`` with this ``version``; None if absent or unusable."""
    try:
        entry = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        dropped(path, exc.__class__.__name__)
        return None
    if not isinstance(entry, dict) or entry.get("version") != version or "data" not in entry:
        dropped(path, "another version or another kind of file")
        return None
    return entry["data"]


def write_json(path: Path, data: Any, *, version: int) -> None:
    write_atomically(path, json.dumps({"version": version, "data": data}, ensure_ascii=False, sort_keys=True))


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        dropped(path, exc.__class__.__name__)
        return None


def dropped(path: Path, why: str) -> None:
    """One line on the terminal: the entry is made again, the build goes on."""
    sys.stderr.write(f"hub: warning: the cache file {path} could not be used ({why}); it is made again\n")
