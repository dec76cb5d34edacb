"""Comparing and naming text the way readers see it: without accents or case."""

from __future__ import annotations

import re
import unicodedata

# An id: a file name, a term, a partner: lower-case letters and digits in words joined by hyphens.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def without_accents(text: str) -> str:
    """café → cafe: the combining marks of the decomposed text dropped."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """What makes two names look the same to a reader: no accents, no case, no outer spaces."""
    return without_accents(text).casefold().strip()


def slugify(text: str) -> str:
    """A file name from a title: lower-case letters, digits and hyphens, at most 80 characters."""
    return re.sub(r"[^a-z0-9]+", "-", without_accents(text).lower()).strip("-")[:80].strip("-")
