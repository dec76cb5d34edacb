"""ISO code lists: countries (3166-1 alpha-2) and languages (639-1), with their names.

Country names are pycountry's (ISO 3166) in English and CLDR's (Babel) in any other language."""

from __future__ import annotations

import functools

DEFAULT_LANGUAGE = "en"


@functools.lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    import pycountry

    return {country.alpha_2: country.name for country in pycountry.countries}


def country_name(code: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The country's name in ``language``: CLDR's ("Afrique du Sud"), else the ISO list's English name."""
    if language != DEFAULT_LANGUAGE:
        name = territory_names(language).get(code)
        if name:
            return name
    return country_codes().get(code, code)


@functools.cache  # lru_cache without a bound: once per process
def territory_names(language: str) -> dict[str, str]:
    """CLDR's names of countries and territories in ``language`` (Babel); none for a language CLDR lacks."""
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(language).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@functools.lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Language name (lower case) -> ISO 639-1 code, to say "write the code" to who wrote the name."""
    import pycountry

    return {lang.name.lower(): lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}


def language_name(code: str) -> str:
    """The language's English name in ISO 639 ("Spanish"), or the code itself when it is not one."""
    import pycountry

    language = pycountry.languages.get(alpha_2=code)
    return language.name if language is not None else code


@functools.lru_cache(maxsize=1)
def language_codes() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")))
