"""Dates and periods as readers read them: "February 2015 – 2017", "since August 2016", "3 May 2024".

The model keeps dates as precise as the sources are (``PartialDate``) and the
open data writes them as ISO text; pages write them in words, through CLDR's
month names (Babel), so that every edition can say them in its language.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date

from ..model.codes import DEFAULT_LANGUAGE
from ..model.dates import PartialDate, Period

_PATTERNS = {"day": "d MMMM y", "month": "MMMM y"}


def date_words(date: PartialDate, language: str = DEFAULT_LANGUAGE) -> str:
    """The date as precise and as certain as it is known, in words: "about 2012", "by March 2010"."""
    if date.month is None:
        words = str(date.year)
    else:
        pattern = _PATTERNS["day" if date.day else "month"]
        words = format_date(datetime.date(date.year, date.month, date.day or 1), pattern, locale=language)
    return f"{date.qualifier} {words}" if date.qualifier else words


def iso_date_words(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """'2024-05-03' (a Git date) in words; the text itself when it is not such a date."""
    try:
        day = datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return date_words(PartialDate(day.year, day.month, day.day), language)


def period_words(period: Period, language: str = DEFAULT_LANGUAGE) -> str:
    """One date, a span ("February 2015 – 2017") or an open one ("since August 2016")."""
    start = date_words(period.start, language)
    if period.end is None:
        # "by 2010" says only that it existed then: "under way by 2010", not "since by 2010".
        return f"under way {start}" if period.start.qualifier == "by" else f"since {start}"
    if period.end == period.start:
        return start
    return f"{start} – {date_words(period.end, language)}"
