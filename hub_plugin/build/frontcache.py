"""Contributors' front matter as the last build parsed it, kept in the cache folder between processes.

Reading the YAML of thousands of files, with the place of every key for the
error messages, is half of reading the content; a rebuild after a one-line
edit finds every other file's front matter as it was. An entry is keyed by
the front matter's text, where it is and the hub's fingerprint; what does not
parse is never kept (its error is reported again, from the text).
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..read.cachefiles import NOT_LOADED, dropped, read_pack, unpickled, write_pack
from ..read.yamlsource import YamlDocument, parse_yaml
from .cachekeys import digest, fingerprint

FRONT_MATTER_PACK = "front-matter.pack"  # in the cache folder
FRONT_MATTER_VERSION = 1


class StoredFrontMatter:
    """``parse_yaml`` through the last build's results; ``save`` keeps this build's for the next."""

    def __init__(self, cache_dir: Path) -> None:
        self.path = cache_dir / FRONT_MATTER_PACK
        self.stored = read_pack(self.path, version=FRONT_MATTER_VERSION)
        self.current: dict[str, bytes] = {}
        self.reused = 0

    def parse(self, text: str, display_path: str, first_line: int) -> YamlDocument:
        key = digest(fingerprint(), display_path, str(first_line), text)
        data = self.stored.get(key)
        found = unpickled(data, self.path, (YamlDocument,), "front matter")
        if found is not NOT_LOADED:
            self.current[key] = self.stored[key]
            self.reused += 1
            return found
        document = parse_yaml(text, display_path, first_line)
        self.current[key] = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        return document

    def save(self) -> None:
        """This build's entries only: a file edited away is of no later build."""
        try:
            write_pack(self.path, sorted(self.current.items()), version=FRONT_MATTER_VERSION)
        except OSError as exc:
            dropped(self.path, f"not written: {exc.__class__.__name__}")
