"""Compiled Jinja templates kept across builds: in memory while ``mkdocs serve`` runs, on disk between processes.

MkDocs makes a new Jinja environment for every build, and with it compiles
the theme's forty-odd templates again; so does the hub's renderer: a second
of every build. Jinja checks each template's source checksum (and its own and
Python's versions) before using the stored code, so an edited template is
compiled afresh; the pack's checksums keep a damaged file from being read.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from ...build.cachekeys import fingerprint
from ...read.cachefiles import dropped, read_pack, write_pack

TEMPLATES_PACK = "templates.pack"  # in the cache folder
TEMPLATES_VERSION = 1


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}
        self._loaded = False
        self._added = False

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str) -> Bucket:
        # Jinja keys a template by its name and file alone; what it compiles to also depends on the
        # environment's syntax and extensions (MkDocs' differ from the hub's renderer's, and with mkdocs.yml).
        key = self.get_cache_key(name, filename) + "-" + self.get_source_checksum(_syntax(environment))
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
        self._added = True

    def load(self, cache_dir: Path) -> None:
        """The templates the last process compiled, once per process, if compiled by this very hub."""
        if self._loaded:
            return
        self._loaded = True
        prefix = fingerprint() + "\t"
        for key, code in read_pack(cache_dir / TEMPLATES_PACK, version=TEMPLATES_VERSION).items():
            if key.startswith(prefix):
                self._compiled.setdefault(key[len(prefix):], code)

    def save(self, cache_dir: Path) -> None:
        """Write the pack again when this build compiled a template it did not hold."""
        if not self._added:
            return
        self._added = False
        prefix = fingerprint() + "\t"
        try:
            write_pack(cache_dir / TEMPLATES_PACK, ((prefix + key, code) for key, code in sorted(self._compiled.items())),
                       version=TEMPLATES_VERSION)
        except OSError as exc:
            dropped(cache_dir / TEMPLATES_PACK, f"not written: {exc.__class__.__name__}")


def _syntax(environment: Environment) -> str:
    """What, besides a template's source, decides the code Jinja compiles it to."""
    autoescape = environment.autoescape
    return repr((sorted(environment.extensions), environment.block_start_string, environment.block_end_string,
                 environment.variable_start_string, environment.variable_end_string,
                 environment.comment_start_string, environment.comment_end_string,
                 environment.line_statement_prefix, environment.line_comment_prefix, environment.trim_blocks,
                 environment.lstrip_blocks, environment.newline_sequence, environment.keep_trailing_newline,
                 environment.optimized, getattr(environment, "newstyle_gettext", None),
                 autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", repr(autoescape))))
