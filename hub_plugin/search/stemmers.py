"""Stemmers and stop words by language, the same in Python and in the browser.

English keeps the index's Porter2 (Whoosh's ``stem``, ported in ``assets/search/stemmer.js``).
French and Spanish use the Snowball project's own algorithms through the pure-Python code of the
snowballstemmer package (its generated ``FrenchStemmer`` and ``SpanishStemmer``, imported directly:
``snowballstemmer.stemmer()`` would switch to PyStemmer's C extension where it is installed, which
may carry another Snowball version). ``assets/search/stemmer-fr.js`` and ``stemmer-es.js`` (with
their runtime ``snowball.js``) are ports of exactly that code; ``tests/test_stemmers.py`` compares
both sides on whole dictionaries.

The order of the steps, for a word as the tokenizer found it (``term``):

- French and Spanish: lower-case, stop word?, stem, fold accents. Snowball's French and Spanish
  algorithms read accents: é and è are vowels that place the regions, -é, -ée and -ées end past
  participles, -ción is a suffix. Folded first, "créées" would reach the stemmer as "creees" and
  keep an ending it cannot recognise any more. So the word is stemmed as written and the stem is
  folded, which keeps the index's terms free of accents (``analysis.fold``) as they are today.
- English: lower-case, fold accents, stop word?, stem, as ``analysis.ANALYZER`` does: Porter2 knows
  only a to z (to it é is a consonant), so folding first hands it the letters it knows.

A stop word is recognised by its folded form in a folded list, so a query typed without accents
("etaient") drops what the text drops ("étaient"); as Whoosh's ``StopFilter(minsize=2)``, a word
of fewer than two letters (once folded) is dropped too. Stemming before folding has one limit: a
word typed without its accents is stemmed from the unaccented form, which Snowball may stem
otherwise ("capacites" gives capacit, "capacités" capac; about a third of Debian's French words
with an accent, 44,573 of 142,742, and 2,642 of 17,343 Spanish ones). So the index holds both
(``terms``): the word's term as written and, where it differs, the term of the word as a reader
types it without accents; a query's word is analysed as typed (``term``), and finds either.

The stop words are the Snowball project's lists (snowball-website, ``algorithms/french/stop.txt``
and ``algorithms/spanish/stop.txt``, as of 2020: the French list omits the homonyms été, est,
sommes, son, as, aura, auras, avions, fût), in their order; the JavaScript files carry the same
lists, tested equal. The Spanish list holds the forms of *estar*, among them "estado" and
"estados", also the nouns "state" and "states".
"""

from __future__ import annotations

import functools
import importlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter2 import stem as porter2

Stemmer = Callable[[str], str]

MIN_LENGTH = 2  # as analysis.ANALYZER's StopFilter(minsize=2)
STEM_MEMO = 1 << 16  # distinct words whose stem is kept: Snowball's pure Python costs ~0.1 ms a word

SNOWBALL_STOP_WORDS = {
    "fr": """
    au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me même mes moi mon ne nos
    notre nous on ou par pas pour qu que qui sa se ses sur ta te tes toi ton tu un une vos votre vous c d j l
    à m n s t y étée étées étant suis es êtes sont serai seras sera serons serez seront serais serait serions
    seriez seraient étais était étions étiez étaient fus fut fûmes fûtes furent sois soit soyons soyez soient
    fusse fusses fussions fussiez fussent ayant eu eue eues eus ai avons avez ont aurai aurons aurez auront
    aurais aurait aurions auriez auraient avais avait aviez avaient eut eûmes eûtes eurent aie aies ait ayons
    ayez aient eusse eusses eût eussions eussiez eussent ceci cela celà cet cette ici ils les leurs quel quels
    quelle quelles sans soi
    """,
    "es": """
    de la que el en y a los del se las por un para con no una su al lo como más pero sus le ya o este sí
    porque esta entre cuando muy sin sobre también me hasta hay donde quien desde todo nos durante todos uno
    les ni contra otros ese eso ante ellos e esto mí antes algunos qué unos yo otro otras otra él tanto esa
    estos mucho quienes nada muchos cual poco ella estar estas algunas algo nosotros mi mis tú te ti tu tus
    ellas nosotras vosotros vosotras os mío mía míos mías tuyo tuya tuyos tuyas suyo suya suyos suyas nuestro
    nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy estás está estamos estáis
    están esté estés estemos estéis estén estaré estarás estará estaremos estaréis estarán estaría estarías
    estaríamos estaríais estarían estaba estabas estábamos estabais estaban estuve estuviste estuvo estuvimos
    estuvisteis estuvieron estuviera estuvieras estuviéramos estuvierais estuvieran estuviese estuvieses
    estuviésemos estuvieseis estuviesen estando estado estada estados estadas estad he has ha hemos habéis han
    haya hayas hayamos hayáis hayan habré habrás habrá habremos habréis habrán habría habrías habríamos
    habríais habrían había habías habíamos habíais habían hube hubiste hubo hubimos hubisteis hubieron hubiera
    hubieras hubiéramos hubierais hubieran hubiese hubieses hubiésemos hubieseis hubiesen habiendo habido
    habida habidos habidas soy eres es somos sois son sea seas seamos seáis sean seré serás será seremos
    seréis serán sería serías seríamos seríais serían era eras éramos erais eran fui fuiste fue fuimos
    fuisteis fueron fuera fueras fuéramos fuerais fueran fuese fueses fuésemos fueseis fuesen siendo sido
    tengo tienes tiene tenemos tenéis tienen tenga tengas tengamos tengáis tengan tendré tendrás tendrá
    tendremos tendréis tendrán tendría tendrías tendríamos tendríais tendrían tenía tenías teníamos teníais
    tenían tuve tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuviéramos tuvierais tuvieran tuviese
    tuvieses tuviésemos tuvieseis tuviesen teniendo tenido tenida tenidos tenidas tened
    """,
}


_DIACRITICS = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """café → cafe, İzmir → izmir: NFKD, then the combining diacritical marks (U+0300–U+036F) removed;
    the browser engine (``hub-search.js``, ``snowball.js``) does exactly the same."""
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))


@dataclass(frozen=True)
class Analysis:
    """How one language turns a word into a search term."""

    stem: Stemmer  # of a lower-case word
    stop_words: frozenset[str]  # folded
    fold_first: bool  # fold accents before stemming (English) or fold the stem (Snowball's French, Spanish)


SNOWBALL_ALGORITHMS = {"fr": "french", "es": "spanish"}  # language -> snowballstemmer's module <name>_stemmer


def _snowball(language: str) -> Analysis:
    """The Snowball algorithm, memoised; each word gets a fresh stemmer, whose state threads do not share."""
    name = SNOWBALL_ALGORITHMS[language]
    algorithm = getattr(importlib.import_module(f"snowballstemmer.{name}_stemmer"), f"{name.capitalize()}Stemmer")

    @functools.lru_cache(maxsize=STEM_MEMO)
    def stem(word: str) -> str:
        return str(algorithm().stemWord(word))

    return Analysis(stem, frozenset(map(fold, SNOWBALL_STOP_WORDS[language].split())), fold_first=False)


_MAKERS: dict[str, Callable[[], Analysis]] = {
    "en": lambda: Analysis(porter2, frozenset(STOP_WORDS), fold_first=True),
    **{language: functools.partial(_snowball, language) for language in SNOWBALL_ALGORITHMS},
}
LANGUAGES = tuple(_MAKERS)  # the languages the search can stem


@functools.cache
def analysis_for(language: str) -> Analysis:
    """The language's analysis; a language without a stemmer is a ValueError that names those with one."""
    if language not in _MAKERS:
        raise ValueError(f"the search has no stemmer for the language '{language}'; it has: {', '.join(LANGUAGES)}")
    return _MAKERS[language]()


def analysed_as(language: str) -> str:
    """The language whose analysis an edition's search uses: its own where there is a stemmer for it, else
    English, as every edition's index was analysed before the search had stemmers by language."""
    return language if language in _MAKERS else "en"


def stemmer_for(language: str) -> Stemmer:
    """The stem of a lower-case word (as written, accents kept, for French and Spanish)."""
    return analysis_for(language).stem


def stop_words(language: str) -> frozenset[str]:
    """The language's stop words, folded as ``analysis.fold`` folds."""
    return analysis_for(language).stop_words


def term(language: str, word: str) -> str | None:
    """The search term of a word as the tokenizer found it; None for a stop word (see the module's docstring)."""
    analysis = analysis_for(language)
    lower = word.lower()
    folded = fold(lower)
    if len(folded) < MIN_LENGTH or folded in analysis.stop_words:
        return None
    return analysis.stem(folded) if analysis.fold_first else fold(analysis.stem(lower))


def stemmed(language: str, word: str) -> str:
    """The word's stem as ``term`` makes it, stop word or not: what highlighting compares with a query's terms."""
    analysis = analysis_for(language)
    lower = word.lower()
    return analysis.stem(fold(lower)) if analysis.fold_first else fold(analysis.stem(lower))


def terms(language: str, word: str) -> tuple[str, ...]:
    """The terms an index holds for a word: its ``term`` and, where the language stems before folding and
    the word typed without its accents stems otherwise, that word's term too ("capacités": capac, capacit)."""
    found = term(language, word)
    if found is None:
        return ()
    if analysis_for(language).fold_first:
        return (found,)
    plain = term(language, fold(word))
    return (found,) if plain is None or plain == found else (found, plain)


def stems(language: str, word: str) -> tuple[str, ...]:
    """``stemmed`` for the word as written and, as ``terms`` holds it, typed without its accents: a word is
    marked as a match when one of them is a query's term."""
    found = stemmed(language, word)
    if analysis_for(language).fold_first:
        return (found,)
    plain = stemmed(language, fold(word))
    return (found,) if plain == found else (found, plain)
