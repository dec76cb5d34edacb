"""Residents' personal data in texts: what looks like an e-mail address or a phone number.

Contributors write about residents; their details do not belong in a
public hub. An office's public contact goes under ``contacts`` instead.
"""

from __future__ import annotations

import re

from ..read.markdown import outside_code_blocks

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/.-])\+?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]?(?:\(\d{2,4}\)|\d{2,4})){2,5}(?![\w/-])")
# Any phone number above has nine digits with at most ")", "(" and one separator
# between two of them: a text without such a run has none, and is not scanned line by line.
_NINE_DIGITS = re.compile(r"\d(?:[ ().+-]{0,3}\d){8}")
_YEARS = re.compile(r"\d{4}([–-]\d{2,4})?")


def personal_data(body: str, first_line: int) -> list[tuple[int, int, str]]:
    """(line, col, message) for what looks like a person's e-mail address or phone number, outside code."""
    found: list[tuple[int, int, str]] = []
    if "@" not in body and not _NINE_DIGITS.search(body):
        return found
    for offset, line in outside_code_blocks(body.split("\n")):
        for match in _EMAIL.finditer(line):
            found.append((first_line + offset, match.start() + 1,
                          f"'{match.group(0)}' looks like an e-mail address; do not publish residents' personal "
                          "data, and put an office's public contact under 'contacts' instead"))
        for match in _PHONE.finditer(line):
            digits = sum(char.isdigit() for char in match.group(0))
            if digits >= 9 and not _YEARS.fullmatch(match.group(0).strip()):
                found.append((first_line + offset, match.start() + 1,
                              f"'{match.group(0).strip()}' looks like a phone number; do not publish residents' "
                              "personal data, and put an office's public contact under 'contacts' instead"))
    return found
