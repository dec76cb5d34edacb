"""The hub's words in the reader's language: gettext message catalogues.

Every word the hub writes has its English text as msgid. The catalogues are
``hub_plugin/locale/<language>/LC_MESSAGES/hub.po``, compiled in memory the first
time a language is asked for (no ``.mo`` file is kept in the tree). English, and a
language with no catalogue, read the English text as it is (NullTranslations): a new
language needs only its ``hub.po`` (and its taxonomy labels), no code.

Strings defined in Python tables are marked with ``N_`` (which returns them as they
are) so that extraction (``pybabel extract -F babel.cfg``) finds them; they are
translated where they are written out.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..model.messages import N_

__all__ = ["N_", "gettext", "language_name", "ngettext", "pgettext", "translations"]

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "hub"
DEFAULT_LANGUAGE = "en"


def catalogue_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache  # lru_cache without a bound: once per process
def translations(language: str) -> _gettext.NullTranslations:
    """The messages of *language*, compiled from its ``.po``; English or no catalogue: the English text."""
    path = catalogue_path(language) if language and language != DEFAULT_LANGUAGE else None
    if path is None or not path.is_file():
        return _gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


def gettext(language: str, message: str) -> str:
    """*message* (its English text) in *language*."""
    return translations(language).gettext(message)


def ngettext(language: str, singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message in *language*, as *n* asks."""
    return translations(language).ngettext(singular, plural, n)


def pgettext(language: str, context: str, message: str) -> str:
    """*message* in *language*, in *context* (for one English word that other languages say two ways)."""
    return translations(language).pgettext(context, message)


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name as its speakers write it ("Français"), or in another language ("anglais")."""
    try:
        name = Locale.parse(code).get_display_name(in_language or code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return name[:1].upper() + name[1:] if in_language is None else name
