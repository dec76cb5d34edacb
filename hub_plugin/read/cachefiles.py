"""The cache folder's own files: written whole or not at all, read back only when intact.

Everything in ``.hub-cache/`` can be made again from the content, so a file
there that is missing, cut short, from another version or garbage is never
an error: the reader gets None, says so in one line, and the caller rebuilds.
"""

from __future__ import annotations

import json
import os
import pickle
import struct
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, BinaryIO

try:
    import fcntl
except ImportError:  # Windows: builds in one folder at once are not kept apart there
    fcntl = None  # type: ignore[assignment]


@contextmanager
def replaced_atomically(path: Path) -> Iterator[BinaryIO]:
    """A file to write ``path``'s new content to, put in its place in one rename once written whole:
    a reader sees the old file or the new one, never half (and an error leaves the old one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, staged = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as staging:
            yield staging
        os.replace(staged, path)
    except BaseException:
        Path(staged).unlink(missing_ok=True)
        raise


def write_atomically(path: Path, data: bytes | str) -> None:
    """Replace ``path`` by ``data`` in one rename (``replaced_atomically``)."""
    with replaced_atomically(path) as staging:
        staging.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock: a second build (or ``hub search``) in the same project waits for the first,
    rather than rebuilding a cache under it. The lock goes with the process, so a killed build leaves none."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "a+b") as lock:
        if fcntl is not None:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


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


_PACK_MAGIC = b"HUBPACK\n"
_PACK_HEADER = struct.Struct("<II")     # format version, number of entries
_PACK_ENTRY = struct.Struct("<HII")     # key length, data length, CRC-32 of key and data


@contextmanager
def pack_writer(path: Path, *, version: int) -> Iterator[Callable[[str, bytes], None]]:
    """A function that appends one entry to a new pack at ``path``, in place of the old once the block ends
    without an error: for entries made one by one, which nobody should have to hold all at once."""
    with replaced_atomically(path) as staging:
        staging.write(_PACK_MAGIC + _PACK_HEADER.pack(version, 0))
        count = 0

        def add(key: str, data: bytes) -> None:
            nonlocal count
            encoded = key.encode("utf-8")
            staging.write(_PACK_ENTRY.pack(len(encoded), len(data), zlib.crc32(data, zlib.crc32(encoded))))
            staging.write(encoded)
            staging.write(data)
            count += 1

        yield add
        staging.seek(len(_PACK_MAGIC))
        staging.write(_PACK_HEADER.pack(version, count))  # known once the entries are written


def write_pack(path: Path, entries: Iterable[tuple[str, bytes]], *, version: int) -> None:
    """Many small entries in one file, each with its checksum: one atomic write instead of thousands of files.

    Entries are written as they come (give them sorted by key, for the same file from the same entries):
    a large hub's pack is hundreds of megabytes, never to be held whole in memory.
    """
    with pack_writer(path, version=version) as add:
        for key, data in entries:
            add(key, data)


class PackFile:
    """A pack's entries read one by one from where they are in the file: only their places are held.

    A damaged entry is found when it is read, and dropped with one warning; the entries after a damaged
    header are not found at all. The open file stays readable when a new pack replaces it meanwhile.
    """

    def __init__(self, path: Path, *, version: int) -> None:
        self.path = path
        self.places: dict[str, tuple[int, int, int]] = {}  # key -> offset of its data, length, checksum
        self.file: BinaryIO | None = None
        try:
            self.file = path.open("rb")
        except FileNotFoundError:
            return
        except OSError as exc:
            dropped(path, exc.__class__.__name__)
            return
        head = self.file.read(len(_PACK_MAGIC) + _PACK_HEADER.size)
        if not head.startswith(_PACK_MAGIC) or len(head) < len(_PACK_MAGIC) + _PACK_HEADER.size:
            return self._drop("not a cache pack")
        found_version, count = _PACK_HEADER.unpack_from(head, len(_PACK_MAGIC))
        if found_version != version:
            return self._drop("another version")
        size = os.fstat(self.file.fileno()).st_size
        offset = len(head)
        for _ in range(count):
            header = self.file.read(_PACK_ENTRY.size)
            if len(header) < _PACK_ENTRY.size:
                break
            key_length, data_length, checksum = _PACK_ENTRY.unpack(header)
            key = self.file.read(key_length)
            offset += _PACK_ENTRY.size + key_length
            if len(key) < key_length or offset + data_length > size:
                break
            try:
                self.places[key.decode("utf-8")] = (offset, data_length, checksum)
            except UnicodeDecodeError:
                break
            offset += data_length
            self.file.seek(offset)
        else:
            if offset == size:
                return
        dropped(path, f"damaged after {len(self.places)} of {count} entries")

    def _drop(self, why: str) -> None:
        dropped(self.path, why)
        self.close()

    def get(self, key: str) -> bytes | None:
        """The entry's data, if it is whole."""
        place = self.places.pop(key, None)
        if place is None or self.file is None:
            return None
        offset, length, checksum = place
        self.file.seek(offset)
        data = self.file.read(length)
        if len(data) != length or zlib.crc32(data, zlib.crc32(key.encode("utf-8"))) != checksum:
            dropped(self.path, "an entry is damaged")
            return None
        return data

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        self.places = {}


def read_pack(path: Path, *, version: int) -> dict[str, bytes]:
    """The entries ``write_pack`` wrote with this ``version``, all at once; those after a damaged one are
    dropped with it (``PackFile`` says which)."""
    with closing(PackFile(path, version=version)) as pack:
        entries: dict[str, bytes] = {}
        for key in list(pack.places):
            data = pack.get(key)
            if data is None:
                break
            entries[key] = data
        return entries


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        dropped(path, exc.__class__.__name__)
        return None


NOT_LOADED: Any = object()  # what ``unpickled`` gives for an entry it cannot use (None may be a value)


def unpickled(data: bytes | None, path: Path, kinds: tuple[type, ...], what: str) -> Any:
    """The value pickled in an entry of the pack at ``path`` when it loads and is one of ``kinds``; else
    ``NOT_LOADED``: at once for no entry, in one line when the pack's checksum held but not what is inside."""
    if data is None:
        return NOT_LOADED
    try:
        found = pickle.loads(data)
    except Exception as exc:
        dropped(path, f"{what} does not load: {exc.__class__.__name__}")
        return NOT_LOADED
    if isinstance(found, kinds):
        return found
    dropped(path, f"not {what}")
    return NOT_LOADED


def dropped(path: Path, why: str) -> None:
    """One line on the terminal: the entry is made again, the build goes on."""
    sys.stderr.write(f"hub: warning: the cache file {path} could not be used ({why}); it is made again\n")
