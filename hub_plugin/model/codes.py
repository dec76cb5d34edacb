"""ISO code lists: countries (3166-1 alpha-2) and languages (639-1), with their English names."""

from __future__ import annotations

import functools

DEFAULT_LANGUAGE = "en"


@functools.lru_cache(maxsize=1)
def country_codes() -> dict[str, str]:
    import pycountry

    return {country.alpha_2: country.name for country in pycountry.countries}


def country_name(code: str) -> str:
    return country_codes().get(code, code)


@functools.lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Language name (lower case) -> ISO 639-1 code, to say "write the code" to who wrote the name."""
    import pycountry

    return {lang.name.lower(): lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")}


@functools.lru_cache(maxsize=1)
def language_codes() -> tuple[str, ...]:
    import pycountry

    return tuple(sorted(lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")))
