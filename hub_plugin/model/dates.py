"""Dates as precise as the sources are (a year, a month, a day), and periods between them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, a year and month, or a full date: as precise as the source is."""

    year: int
    month: int | None = None
    day: int | None = None

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
            if self.day:
                text += f"-{self.day:02d}"
        return text

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
