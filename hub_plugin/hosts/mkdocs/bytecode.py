"""Compiled Jinja templates kept in memory across the builds of one ``mkdocs serve``.

MkDocs makes a new Jinja environment for every build, and with it compiles
the theme's forty-odd templates again; so does the hub's renderer. Jinja
checks each template's source checksum before using the stored code, so an
edited template is compiled afresh.
"""

from __future__ import annotations

from jinja2.bccache import Bucket, BytecodeCache


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()
