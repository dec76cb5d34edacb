"""How text becomes search terms: words split, lower-cased, accents folded, stop words dropped, stemmed.

One analysis for the index, the query and the browser engine (``hub-search.js``
repeats it step by step, and ``stemmer.js`` stems as Porter2 does here).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.lang.porter2 import stem


class FoldAccents(Filter):
    """café → cafe, İzmir → izmir: readers type names without their accents.

    NFKD, then the combining diacritical marks (U+0300–U+036F) removed; the
    browser engine does exactly the same.
    """

    def __call__(self, tokens: Iterable[Token]) -> Iterator[Token]:  # type: ignore[override]  # as Filter does
        for token in tokens:
            token.text = fold(token.text)
            yield token


def fold(text: str) -> str:
    return _DIACRITICS.sub("", unicodedata.normalize("NFKD", text))


_DIACRITICS = re.compile("[\u0300-\u036f]")
WORDS = RegexTokenizer() | LowercaseFilter() | FoldAccents()
ANALYZER = WORDS | StopFilter(minsize=2) | StemFilter(stemfn=stem)

WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")  # RegexTokenizer's expression, without its group


class WordMemo:
    """An analyzer's output for a text, from its output for each distinct word, computed once.

    Indexing 2,000 case studies sends two million words through the analyzer
    chain, one Python generator per filter per word, but only a few thousand
    distinct words. Every filter of the chains above looks at one token alone,
    so a word's output does not depend on its neighbours: the text is split
    as the tokenizer splits it, and each word analysed once. Whoosh indexes a
    list of words as it indexes the text they came from.
    """

    LIMIT = 500_000  # distinct words kept; beyond, the memo starts again

    def __init__(self, analyzer) -> None:
        self.analyzer = analyzer
        self.words: dict[str, str | None] = {}

    def __call__(self, text: str) -> list[str]:
        return self.of(WORD.findall(text))

    def of(self, found: list[str]) -> list[str]:
        """The output for words as the tokenizer found them in a text."""
        words = self.words
        new = set(found).difference(words)
        if new:
            if len(words) + len(new) > self.LIMIT:
                words.clear()
                new = set(found)
            for word in new:
                words[word] = self._analyse(word)
        return [word for word in map(words.__getitem__, found) if word is not None]

    def _analyse(self, word: str) -> str | None:
        """The word's one token, or None when a filter drops it (a stop word)."""
        tokens = [token.text for token in self.analyzer(word, mode="index")]
        if len(tokens) > 1:  # the tokenizer found the word as one token: it cannot split it again
            raise ValueError(f"the analyzer split the word {word!r} into {tokens!r}")
        return tokens[0] if tokens else None


INDEXED_WORDS = WordMemo(ANALYZER)
SPELL_WORDS = WordMemo(WORDS)


def analyse(text: str) -> list[str]:
    """The terms a query matches: the same analysis as the indexed text (stop words go)."""
    seen: list[str] = []
    for token in ANALYZER(text):
        if token.text not in seen:
            seen.append(token.text)
    return seen
