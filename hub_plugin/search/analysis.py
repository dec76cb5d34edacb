"""How text becomes search terms: words split, then each word made a term by its edition's language.

A word's term is ``stemmers.term(language, word)``: lower-cased, a stop word
dropped, stemmed and accents folded (in the order the language's stemmer needs:
see ``stemmers``). One analysis per language for the index, the query and the
browser engine (``hub-search.js`` repeats it step by step, ``stemmer.js`` stems
as Porter2 does here, ``stemmer-fr.js`` and ``stemmer-es.js`` as Snowball does).
An edition's index is analysed with ``stemmers.analysed_as`` its language, and
records it (``index.LANGUAGE_FILE``); English is what it always was, ``ANALYZER``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.lang.porter2 import stem

from .stemmers import fold, term, terms

__all__ = ["ANALYZER", "WORD", "WORDS", "FoldAccents", "LanguageTerms", "TermMemo", "WordMemo", "analyse",
           "analyzer_for", "fold", "indexed_words"]


class FoldAccents(Filter):
    """café → cafe, İzmir → izmir: readers type names without their accents.

    NFKD, then the combining diacritical marks (U+0300–U+036F) removed; the
    browser engine does exactly the same.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]  # as Filter does
        for token in tokens:
            token.text = fold(token.text)
            yield token


class LanguageTerms(Filter):
    """Each token made its term in ``language`` (``stemmers.term``), a stop word dropped: the analyzer of a
    French or Spanish index's fields (its documents come as ``TermMemo``'s words, analysed already)."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]  # as Filter does
        for token in tokens:
            found = term(self.language, token.text)
            if found is not None:
                token.text = found
                yield token


WORDS = RegexTokenizer() | LowercaseFilter() | FoldAccents()
ANALYZER = WORDS | StopFilter(minsize=2) | StemFilter(stemfn=stem)  # English: stemmers.term("en", word) word by word


def analyzer_for(language: str):
    """The Whoosh analyzer of an index in ``language`` (one of ``stemmers.LANGUAGES``)."""
    return ANALYZER if language == "en" else RegexTokenizer() | LanguageTerms(language)

WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")  # RegexTokenizer's expression, without its group


class _Memo:
    """A text's terms from each distinct word's, computed once.

    Indexing 2,000 case studies sends two million words through analysis, one Python
    generator per filter per word, but only a few thousand distinct words. Every step
    here looks at one word alone, so a word's terms do not depend on its neighbours: the
    text is split as the tokenizer splits it, and each word analysed once. Whoosh indexes
    a list of words as it indexes the text they came from.
    """

    LIMIT = 500_000  # distinct words kept; beyond, the memo starts again

    def __init__(self) -> None:
        self.words: dict[str, tuple[str, ...]] = {}

    def _terms(self, word: str) -> tuple[str, ...]:
        raise NotImplementedError

    def __call__(self, text: str) -> list[str]:
        return self.of(WORD.findall(text))

    def of(self, found: list[str]) -> list[str]:
        """The terms of words as the tokenizer found them in a text, in order."""
        words = self.words
        new = set(found).difference(words)
        if new:
            if len(words) + len(new) > self.LIMIT:
                words.clear()
                new = set(found)
            for word in new:
                words[word] = self._terms(word)
        return [one for word in found for one in words[word]]


class WordMemo(_Memo):
    """A Whoosh analyzer's output for a text (one token a word, none for a stop word)."""

    def __init__(self, analyzer) -> None:
        super().__init__()
        self.analyzer = analyzer

    def _terms(self, word: str) -> tuple[str, ...]:
        tokens = tuple(token.text for token in self.analyzer(word, mode="index"))
        if len(tokens) > 1:  # the tokenizer found the word as one token: it cannot split it again
            raise ValueError(f"the analyzer split the word {word!r} into {tokens!r}")
        return tokens


class TermMemo(_Memo):
    """The terms an index in a language holds for a text's words (``stemmers.terms``: one, none for a stop
    word, two for a French or Spanish word whose accents change its stem)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def _terms(self, word: str) -> tuple[str, ...]:
        return tuple(terms(self.language, word))


@functools.cache
def indexed_words(language: str) -> TermMemo:
    """The memo of the terms an index in ``language`` holds, one per language and process."""
    return TermMemo(language)


SPELL_WORDS = WordMemo(WORDS)


def analyse(text: str, language: str = "en") -> list[str]:
    """The terms a query matches, each once, in order: each word's ``stemmers.term`` as typed (stop words go),
    which the index holds for the word written with its accents or without (``stemmers.terms``)."""
    found = (term(language, word) for word in WORD.findall(text))
    return list(dict.fromkeys(one for one in found if one is not None))
