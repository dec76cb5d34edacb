"""Did-you-mean: the words written in the hub, with how many pages use each, kept beside the index.

Whoosh can suggest from a field of the index, but that field held one
posting per distinct word per page, about half of all the postings the
build sorts and writes, and counted pages deleted by updates until the
segments merged. Did-you-mean needs only the table of words and page
counts; the table is rebuilt at each update from each page's words, kept
by the page's content hash so that only changed pages are read again. The
Python suggestion and the browser's (``hub-search.js``) pick from the same
table by the same rule.
"""

from __future__ import annotations

import json
import pickle
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from ..read.cachefiles import write_atomically

WORDS_FILE = "spell-words.pickle"  # each page's distinct words, by page id, with the page's hash
TABLE_FILE = "spell.json"          # word -> number of pages, for `hub search` and the browser
MAX_DISTANCE = 2


def suggestable(word: str) -> bool:
    """Words worth suggesting: not one or two letters, not a number."""
    return len(word) > 2 and not word.isdigit()


def update_table(directory: Path, pages: Iterable[tuple[str, str]], words_of: Callable[[str], list[str]]) -> dict[str, int]:
    """The table for ``pages`` (id, hash), written to ``directory``; ``words_of(id)`` is asked only
    for pages whose hash changed since the last update."""
    kept = _read_pickle(directory / WORDS_FILE)
    pages = list(pages)
    if len(kept) == len(pages) and all(kept.get(page_id, ("",))[0] == page_hash for page_id, page_hash in pages):
        table = read_table(directory)
        if table or not pages:
            return table  # nothing changed since the last update
    words: dict[str, tuple[str, list[str]]] = {}
    for page_id, page_hash in pages:
        known = kept.get(page_id)
        words[page_id] = known if known is not None and known[0] == page_hash else (page_hash, words_of(page_id))
    counts: Counter[str] = Counter()
    for _, page_words in words.values():
        counts.update(page_words)
    ordered = {word: counts[word] for word in sorted(counts) if suggestable(word)}
    _write(directory / WORDS_FILE, pickle.dumps(words, protocol=pickle.HIGHEST_PROTOCOL))
    _write(directory / TABLE_FILE, json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return ordered


def read_table(directory: Path) -> dict[str, int]:
    """The table; empty when it is missing or not a table of words and counts (it is then made again)."""
    try:
        table = json.loads((directory / TABLE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(table, dict) or not all(isinstance(k, str) and type(v) is int for k, v in table.items()):
        return {}
    return table


def closest(word: str, table: dict[str, int]) -> str | None:
    """The nearest word within two edits; ties go to the more used word, then to the first in
    alphabetical order. ``hub-search.js`` applies the same rule to the same table."""
    best: str | None = None
    best_distance, best_count = MAX_DISTANCE + 1, 0
    for candidate, count in table.items():
        if abs(len(candidate) - len(word)) > MAX_DISTANCE or candidate == word:
            continue
        found = distance(word, candidate, MAX_DISTANCE)
        if found > MAX_DISTANCE:
            continue
        nearer = found < best_distance
        as_near = found == best_distance and (
            count > best_count or (count == best_count and best is not None and candidate < best))
        if nearer or as_near:
            best, best_distance, best_count = candidate, found, count
    return best


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or ``limit + 1`` as soon as it must exceed ``limit``."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _read_pickle(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            value = pickle.load(handle)
        return value if isinstance(value, dict) else {}
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}  # missing or damaged: every page's words are read again


def _write(path: Path, data: bytes) -> None:
    write_atomically(path, data)
