"""Dates and periods as readers read them: "February 2015 – 2017", "since August 2016", "3 May 2024".

The model keeps dates as precise as the sources are (``PartialDate``) and the
open data writes them as ISO text; pages write them in words, through CLDR's
month names (Babel), so that every edition can say them in its language: the
qualifiers ("about", "by", "before") and "since" come from the message catalogues
(``render/i18n.py``), one message per way of saying it, so that a language may put
the words where it needs them ("vers 2012", "depuis le 3 mai 2012", "desde marzo de 2012").
"""

from __future__ import annotations

import datetime

from babel.dates import format_date, format_skeleton

from ..model.codes import DEFAULT_LANGUAGE
from ..model.dates import PartialDate, Period
from .i18n import translations

_PATTERNS = {"day": "d MMMM y", "month": "MMMM y"}
# A date with its day is said with an article in some languages ("le 3 mai 2012", "el 3 de mayo de 2012"):
# its messages have the context "day" (written out in each call, for extraction).


def _bare_words(date: PartialDate, language: str) -> str:
    """The date alone, without its qualifier: "2012", "February 2015", "3 May 2024" ("3 février 2015")."""
    if date.month is None:
        return str(date.year)
    day = datetime.date(date.year, date.month, date.day or 1)
    if language == DEFAULT_LANGUAGE:  # the hub's own English patterns, day before month
        return format_date(day, _PATTERNS["day" if date.day else "month"], locale=language)
    try:
        return format_date(day, "long", locale=language) if date.day else format_skeleton("yMMMM", day, locale=language)
    except (ValueError, LookupError):  # a language CLDR does not know: the English words
        return format_date(day, _PATTERNS["day" if date.day else "month"], locale=DEFAULT_LANGUAGE)


def _qualified(language: str, date: PartialDate, words: str) -> str:
    t = translations(language)
    if date.qualifier == "about":
        text = t.pgettext("day", "about %(date)s") if date.day else t.gettext("about %(date)s")
    elif date.qualifier == "by":
        text = t.pgettext("day", "by %(date)s") if date.day else t.gettext("by %(date)s")
    elif date.qualifier == "before":
        text = t.pgettext("day", "before %(date)s") if date.day else t.gettext("before %(date)s")
    else:
        return words
    return text % {"date": words}


def date_words(date: PartialDate, language: str = DEFAULT_LANGUAGE) -> str:
    """The date as precise and as certain as it is known, in words: "about 2012", "by March 2010"."""
    return _qualified(language, date, _bare_words(date, language))


def iso_date_words(text: str, language: str = DEFAULT_LANGUAGE) -> str:
    """'2024-05-03' (a Git date) in words; the text itself when it is not such a date."""
    try:
        day = datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return date_words(PartialDate(day.year, day.month, day.day), language)


def period_words(period: Period, language: str = DEFAULT_LANGUAGE) -> str:
    """One date, a span ("February 2015 – 2017") or an open one ("since August 2016")."""
    start = period.start
    if period.end is None:
        t = translations(language)
        words = _bare_words(start, language)
        # "by 2010" says only that it existed then: "under way by 2010", not "since by 2010".
        if start.qualifier == "by":
            text = t.pgettext("day", "under way by %(date)s") if start.day else t.gettext("under way by %(date)s")
        elif start.qualifier == "about":
            text = t.pgettext("day", "since about %(date)s") if start.day else t.gettext("since about %(date)s")
        elif start.qualifier == "before":
            text = t.pgettext("day", "since before %(date)s") if start.day else t.gettext("since before %(date)s")
        else:
            text = t.pgettext("day", "since %(date)s") if start.day else t.gettext("since %(date)s")
        return text % {"date": words}
    if period.end == period.start:
        return date_words(start, language)
    return f"{date_words(start, language)} – {date_words(period.end, language)}"
