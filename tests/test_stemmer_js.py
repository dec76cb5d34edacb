"""hub_plugin/assets/search/stemmer.js must stem exactly like whoosh.lang.porter2.stem.

The offline search stems the query in the browser, so every word the index may
hold has to get the very stem Whoosh gave it. Node runs the script once over a
large word list: every token of the content, the stop words, generated
inflections and edge cases.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from whoosh.analysis import STOP_WORDS, LowercaseFilter, RegexTokenizer
from whoosh.lang.porter2 import stem

REPO = Path(__file__).resolve().parents[1]
STEMMER_JS = REPO / "hub_plugin" / "assets" / "search" / "stemmer.js"
TEXT_DIRS = [REPO / "content", Path("/work/shared/seeds")]

SUFFIXES = [
    "s", "es", "ed", "ing", "ly", "er", "ers", "est", "ness", "ation", "ations",
    "ational", "tional", "izer", "ization", "fulness", "ousness", "iveness",
    "ical", "ically", "ement", "ements", "ment", "ments", "ity", "ities", "iti",
    "ive", "ively", "ize", "ized", "izing", "ous", "ously", "ies", "ied", "y",
    "e", "al", "alism", "alize", "ality", "ance", "ence", "ency", "ancy", "able",
    "ably", "ible", "ant", "ent", "ently", "ism", "ate", "ated", "ative",
    "icate", "iciti", "ful", "fully", "less", "lessly", "bility", "ogy", "ogi",
    "li", "edly", "ingly", "eed", "eedly", "sses", "ss", "us", "sion", "tion",
    "'s", "'", "'s'",
]

EDGE_CASES = [
    # short words and single letters
    "a", "i", "y", "s", "e", "l", "ab", "ys", "yy", "is", "as", "us", "ss", "ie",
    "the", "sky", "yes", "bye", "aye", "eye", "yay", "ies", "ied", "eed", "ing",
    "sly", "shy", "spy", "fly", "cry", "dry", "try", "why", "toy", "buy", "guy",
    # 'y' handling (consonant ys, step 1c)
    "yell", "young", "yield", "bayed", "saying", "royal", "enjoying", "happy",
    "happiness", "daisy", "employ", "yearly", "ayyy", "yyyy", "ayay", "crying",
    "boy", "boys", "cy", "cyy", "say", "says", "by", "byy", "dyeing", "eying",
    # words ending in 'e', 'll', doubles, short syllables
    "hope", "hoping", "hoped", "rate", "rated", "rating", "fall", "falling",
    "tell", "troll", "controlled", "hopping", "hopped", "fizzed", "filled",
    "luxuriating", "hoe", "toe", "ode", "axe", "ale", "wax", "waxed", "bowed",
    "sawed", "taxed", "hop", "hopes", "cat", "rated", "bled", "ized",
    # the exceptional forms and their neighbours
    "skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly",
    "early", "only", "singly", "sky", "news", "howe", "atlas", "cosmos", "bias",
    "andes", "inning", "innings", "outing", "outings", "canning", "cannings",
    "herring", "herrings", "earring", "earrings", "proceed", "proceeds",
    "exceed", "exceeds", "succeed", "succeeded", "generous", "generate",
    "general", "generically", "arsenal", "arsenic", "communism", "communication",
    "commune", "communal", "gener", "arsen", "commun",
    # apostrophes (the default tokenizer never yields them, stem() handles them)
    "'s", "''", "'''", "'a", "'ab", "'abc", "ab'", "dog's", "dogs'", "dog's'",
    "'dog's", "'skis", "'y'", "y's", "'s'", "l's", "x's'",
    # digits, underscores and dots, as the tokenizer yields them
    "1", "12", "123", "1999", "1990s", "3rd", "4th", "mp3", "h2o", "covid19",
    "a_b", "snake_case", "under_score_s", "__init__", "u.n", "u.s", "e.g", "i.e",
    "v1.2", "3.14", "file.txt", "node.js", "co.operation", "ab.cs", "abc.ing",
    # object property names must not leak through the exception tables
    "constructor", "__proto__", "tostring", "valueof", "hasownproperty",
    "prototype", "isprototypeof",
    # accented and other non-ASCII letters (BMP and astral)
    "café", "cafés", "naïve", "naïvely", "résumé", "résumés", "über",
    "señor", "señores", "niño", "niños", "ønske", "ørsted", "smørrebrød",
    "émigré", "élan", "façade", "façades", "jalapeño", "zürich", "straße",
    "ñy", "éy", "øy", "aéy", "bøys", "éies", "ñies", "øed", "éing", "ñing",
    "хорошо", "城市", "città", "ñll", "éll", "aéll",
    "\U0001d51e", "\U0001d51es", "\U0001d51eies", "\U0001d51eyed", "\U0001d51ey",
    "b\U0001d51e", "a\U0001d51ee", "ba\U0001d51e", "a\U0001d51eing",
    "\U0001d51e\U0001d51e\U0001d51eational", "o\U0001d51eed", "\U0001d51eab",
]

NODE_SCRIPT = r"""
const fs = require("fs"), vm = require("vm");
const [source, wordsFile] = process.argv.slice(1);
// Load it as a browser would: a classic script in a context without `module`.
const browser = {};
vm.runInNewContext(fs.readFileSync(source, "utf8"), browser, {filename: source});
const stem = browser.hubStem;
if (typeof stem !== "function") throw new Error("no global hubStem function");
if (typeof require(source) !== "function") throw new Error("module.exports is not hubStem");
const words = JSON.parse(fs.readFileSync(wordsFile, "utf8"));
process.stdout.write(JSON.stringify(words.map((w) => stem(w))));
"""


def tokens() -> set[str]:
    """Every token Whoosh's default tokenizer yields from the texts, lower-cased."""
    analyzer = RegexTokenizer() | LowercaseFilter()
    found: set[str] = set()
    for folder in TEXT_DIRS:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                text = path.read_text(encoding="utf-8", errors="ignore")
                found.update(token.text for token in analyzer(text))
    return found


def word_list() -> list[str]:
    """Tokens, stop words and edge cases, plus inflections of each word and of its
    stem. Each root gets a rotating sixth of the suffixes, so that every suffix
    meets thousands of roots while the list stays small enough to run fast."""
    base = tokens() | set(STOP_WORDS)
    words = set(base) | set(EDGE_CASES)
    for n, word in enumerate(sorted(w for w in base if w.isalpha())):
        for root in {word, stem(word)}:
            words.update(root + suffix for suffix in SUFFIXES[n % 6 :: 6])
            words.add(root + root[-1] + "ing")  # doubled consonants
    return sorted(w.lower() for w in words if w)


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        message = "node is not on PATH: cannot run hub_plugin/assets/search/stemmer.js"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return node


def test_stemmer_js_matches_whoosh_porter2(tmp_path: Path) -> None:
    node = node_or_skip()
    words = word_list()
    assert len(words) >= 20_000, f"only {len(words)} words to compare"

    words_file = tmp_path / "words.json"
    words_file.write_text(json.dumps(words), encoding="utf-8")
    run = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(STEMMER_JS), str(words_file)],
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    results = json.loads(run.stdout.decode("utf-8"))
    assert len(results) == len(words)

    mismatches = [
        (word, expected, got)
        for word, got in zip(words, results)
        if got != (expected := stem(word))
    ]
    report = "\n".join(
        f"  {word!r}: whoosh {expected!r}, stemmer.js {got!r}"
        for word, expected, got in mismatches[:20]
    )
    assert not mismatches, (
        f"{len(mismatches)} of {len(words)} words stem differently:\n{report}"
    )
