"""The French and Spanish stemmers, and the English one, give the same stem in Python and in JavaScript.

hub_plugin/search/stemmers.py stems with snowballstemmer's pure-Python code (and Whoosh's Porter2 for
English); hub_plugin/assets/search/snowball.js, stemmer-fr.js and stemmer-es.js port the Snowball code
(stemmer.js the Porter2). A French or Spanish edition will stem its index in Python and its queries in
the browser, so every word must get the same stem on both sides: Node runs the scripts, loaded as a
browser loads classic scripts, over Debian's whole dictionaries (wfrench, wspanish, wamerican), every
word of the seed compendium's content, the stop words and edge cases (elisions, letters outside the
BMP, capitals), and compares the stem and the search term of each word.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from whoosh.lang.porter2 import stem as porter2

from hub_plugin.search.analysis import ANALYZER, WORD, fold
from hub_plugin.search.stemmers import LANGUAGES, MIN_LENGTH, stemmer_for, stems, stop_words, term

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "hub_plugin" / "assets" / "search"
CONTENT = REPO / "content"
DICTIONARIES = {  # Debian's wfrench, wspanish and wamerican (.ci/run installs them)
    "fr": Path("/usr/share/dict/french"),
    "es": Path("/usr/share/dict/spanish"),
    "en": Path("/usr/share/dict/american-english"),
}
SCRIPTS = {"en": ["stemmer.js"], "fr": ["snowball.js", "stemmer-fr.js"], "es": ["snowball.js", "stemmer-es.js"]}

EDGE_CASES = [
    # elisions (the tokenizer splits them, the stemmer must still agree), apostrophes
    "l'école", "qu'il", "d'abord", "j'ai", "aujourd'hui", "c'est", "l'", "qu'", "'", "''", "s'",
    # capitals, accents, the letters the algorithms mark (U, I, Y, H) written by the reader
    "ÉCOLE", "Été", "CRÉÉES", "Ñandú", "ÁRBOLES", "naïf", "naïve", "Noël", "aiguë", "ambiguë", "ouï",
    "jouer", "ennuie", "yeux", "quand", "croyiez", "payer", "U", "I", "Y", "H", "Hi", "He", "uI", "qUand",
    # short words, single letters, digits and underscores as the tokenizer yields them
    "a", "à", "y", "é", "ç", "ñ", "ü", "ée", "és", "ées", "ment", "ción", "mente", "1", "2024", "1990s",
    "h2o", "snake_case", "__init__", "u.n", "3.14", "covid19",
    # letters outside the BMP: Python counts code points, JavaScript strings UTF-16 units
    "\U0001d51e", "\U0001d51eation", "ciudad\U0001d51ees", "\U0001d51eément", "l'\U0001d51e", "é\U0001d51eée",
    "\U0001f600ción", "nación\U0001f600", "\U00020000ités",
    # French keeps -ais after "al" and exactly one letter (balais): a letter, not a UTF-16 unit
    "\U0001d51ealais", "\U0001d51ealaise", "b\U0001d51ealais", "balais", "malaise",
    # object property names must not leak through the tables
    "constructor", "__proto__", "tostring", "valueof", "hasownproperty", "prototype",
]

NODE_SCRIPT = r"""
const fs = require("fs"), vm = require("vm");
const [language, wordsFile, ...scripts] = process.argv.slice(1);
// Loaded as a browser loads classic scripts: one global scope, no `module`.
const context = {};
vm.createContext(context);
for (const script of scripts) vm.runInContext(fs.readFileSync(script, "utf8"), context, {filename: script});
const words = JSON.parse(fs.readFileSync(wordsFile, "utf8"));
let out;
if (language === "en") {
  if (typeof context.hubStem !== "function") throw new Error("no global hubStem function");
  out = {stems: words.map((w) => context.hubStem(w.toLowerCase()))};
} else {
  const stemmers = context.hubStemmers;
  if (typeof stemmers[language] !== "function") throw new Error("no hubStemmers." + language);
  out = {
    stems: words.map((w) => stemmers[language](w.toLowerCase())),
    terms: words.map((w) => stemmers.term(language, w)),
    stopWords: Array.from(stemmers.stopWords[language]).sort(),
  };
}
process.stdout.write(JSON.stringify(out));
"""


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        message = "node is not on PATH: cannot run the stemmers of hub_plugin/assets/search/"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def dictionary_or_skip(language: str) -> list[str]:
    path = DICTIONARIES[language]
    if not path.is_file():
        message = f"{path} is missing: apt-get install wfrench wspanish wamerican"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line]


def content_words() -> set[str]:
    """Every word of the seed compendium, as the search's tokenizer finds it."""
    found: set[str] = set()
    for path in sorted(CONTENT.rglob("*.md")):
        found.update(WORD.findall(path.read_text(encoding="utf-8")))
    return found


def word_list(language: str) -> list[str]:
    words = set(dictionary_or_skip(language)) | content_words() | set(EDGE_CASES)
    if language != "en":
        words |= set(stop_words(language))
    return sorted(words)


def run_node(language: str, words: list[str], tmp_path: Path) -> subprocess.Popen[bytes]:
    """Node started on the words; Python stems them meanwhile."""
    words_file = tmp_path / f"words-{language}.json"
    words_file.write_text(json.dumps(words), encoding="utf-8")
    return subprocess.Popen([node_or_skip(), "-e", NODE_SCRIPT, language, str(words_file),
                             *(str(ASSETS / script) for script in SCRIPTS[language])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def node_result(process: subprocess.Popen[bytes]) -> dict[str, list[str | None]]:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode("utf-8", "replace")
    return json.loads(out.decode("utf-8"))


def differences(words: list[str], python: list[str | None], javascript: list[str | None], what: str) -> str:
    assert len(javascript) == len(words)
    wrong = [(word, p, j) for word, p, j in zip(words, python, javascript) if p != j]
    shown = "\n".join(f"  {word!r}: Python {p!r}, JavaScript {j!r}" for word, p, j in wrong[:20])
    return f"{len(wrong)} of {len(words)} words get another {what}:\n{shown}" if wrong else ""


@pytest.mark.parametrize("language", ["fr", "es"])
def test_snowball_stems_and_terms_are_the_same_in_python_and_javascript(language: str, tmp_path: Path) -> None:
    words = word_list(language)
    assert len(words) >= 50_000, f"only {len(words)} {language} words to compare"
    process = run_node(language, words, tmp_path)
    stem = stemmer_for(language)
    stems, terms = [], []
    for word in words:  # word by word: the term finds the stem just made in the stemmer's memo
        stems.append(stem(word.lower()))
        terms.append(term(language, word))
    result = node_result(process)

    assert result["stopWords"] == sorted(stop_words(language))
    problems = [differences(words, stems, result["stems"], "stem"), differences(words, terms, result["terms"], "term")]
    assert not any(problems), "\n".join(problem for problem in problems if problem)
    # Not a comparison of two identities: most words lose an ending, and stop words give no term.
    assert sum(s != w.lower() for s, w in zip(stems, words)) > len(words) // 3
    assert terms.count(None) >= len(stop_words(language))


def test_english_stems_are_the_same_in_python_and_javascript(tmp_path: Path) -> None:
    words = word_list("en")
    assert len(words) >= 50_000, f"only {len(words)} English words to compare"
    process = run_node("en", words, tmp_path)
    stems = [porter2(word.lower()) for word in words]
    problem = differences(words, stems, node_result(process)["stems"], "stem")
    assert not problem, problem


def test_snowball_french_and_spanish_as_the_snowball_project_documents_them() -> None:
    french, spanish = stemmer_for("fr"), stemmer_for("es")
    assert [french(w) for w in ("continuellement", "continuation", "continuer", "contorsions", "créées")] == [
        "continuel", "continu", "continu", "contors", "cré"]
    assert [spanish(w) for w in ("cooperación", "ciudades", "municipalidades", "bebiéndoselo", "gestión")] == [
        "cooper", "ciudad", "municipal", "beb", "gestion"]


def test_french_and_spanish_are_stemmed_with_their_accents_then_folded() -> None:
    # Folding first would hand Snowball "creees" and "activites", whose endings it no longer knows.
    assert term("fr", "Créées") == "cre" != stemmer_for("fr")(fold("créées"))
    assert term("fr", "activités") == "activ" != stemmer_for("fr")(fold("activités"))
    assert term("es", "Cooperación") == "cooper"
    assert all(t is None or t == fold(t) for t in (term("fr", w) for w in EDGE_CASES))


def test_a_stop_word_is_dropped_with_or_without_its_accents() -> None:
    for language, written, typed in [("fr", "étaient", "etaient"), ("fr", "Même", "meme"), ("es", "también", "tambien"),
                                     ("es", "Está", "esta")]:
        assert term(language, written) is None and term(language, typed) is None
    assert "etaient" in stop_words("fr") and all(word == fold(word) for word in stop_words("es"))
    assert term("fr", "coopération") == "cooper" and term("fr", "x") is None and MIN_LENGTH == 2


def test_english_terms_are_those_of_the_index_analyzer() -> None:
    words = sorted(w for w in content_words() | set(EDGE_CASES) if WORD.fullmatch(w))  # one token each
    expected = [[token.text for token in ANALYZER(word)] for word in words]
    assert [[t] if (t := term("en", word)) is not None else [] for word in words] == expected


def test_a_language_without_a_stemmer_names_those_with_one() -> None:
    assert LANGUAGES == ("en", "fr", "es")
    with pytest.raises(ValueError, match="no stemmer for the language 'pt'; it has: en, fr, es"):
        stemmer_for("pt")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_stem_begins_with_its_words_first_letter(language: str) -> None:
    """What the browser relies on to skip words while highlighting (``mayStemTo`` in ``hub-search.js``):
    a word that begins with a plain letter keeps that letter at the head of its stems."""
    words = [word for line in dictionary_or_skip(language) for word in WORD.findall(line.lower())]
    words += [word for text in content_words() | set(EDGE_CASES) for word in WORD.findall(text.lower())]
    plain = [word for word in words if word and ord(word[0]) < 128]
    assert len(plain) >= 50_000
    wrong = [(word, stem) for word in plain for stem in stems(language, word) if stem and stem[0] != word[0]]
    assert not wrong, wrong[:20]
