"""Dates as precise as the sources are (a year, a month, a day, or only about, by or before one),
and periods between them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# What a source can say of a date besides the date itself: "about 2012" (approximately), "by 2010"
# (it had happened by then: the source only says it existed), "before 2013" (some time earlier).
Qualifier = Literal["", "about", "by", "before"]
QUALIFIERS: tuple[Qualifier, ...] = ("about", "by", "before")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date: as precise as the source is, and as certain."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: Qualifier = ""

    def __str__(self) -> str:
        """As written in front matter: "2015-02", "about 2012"."""
        return f"{self.qualifier} {self.iso}" if self.qualifier else self.iso

    @property
    def iso(self) -> str:
        """The date alone, as ISO 8601 text: what the open data writes beside its qualifier."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

    @property
    def filter_year(self) -> int:
        """The year a period filter compares: "before 2013" means 2012 at the latest."""
        return self.year - 1 if self.qualifier == "before" and self.month is None else self.year

    @property
    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def latest_key(self) -> tuple[int, int, int]:
        """The last day this date can mean, to compare an end with a start."""
        return (self.year, self.month or 12, self.day or 31)


@dataclass(frozen=True)
class Period:
    start: PartialDate
    end: PartialDate | None = None

    def __str__(self) -> str:
        if self.end is None:
            return f"since {self.start}"
        if self.end == self.start:
            return str(self.start)
        return f"{self.start}–{self.end}"
