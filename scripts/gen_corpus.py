#!/usr/bin/env python3
"""Generate a realistic hub of N case studies for tests and benchmarks.

    python scripts/gen_corpus.py N OUT [--seed S] [--words W] [--text FILE-OR-DIR ...]

Writes OUT/mkdocs.yml, OUT/taxonomy.yml (a copy of the repository's) and
OUT/content/{case-studies,partners}/ with valid front matter: 2-4 partners
from a pool of about N/4 in about 60 countries, themes, modalities, SDGs,
programmes, periods, outcomes, lessons, sources, some `related` and
`[[...]]` links, and a body of about W words. Every partner has a location
near the middle of its country (for the maps), from its own random stream so
that the rest of the corpus is what it was before partners had one. The same
N and seed give the same files.

The body's words come from a vocabulary of about a hundred words, which gives
an index far smaller than a real compendium's. ``--text`` fills the bodies with
paragraphs of real prose instead (each case study's from its own random
stream: the front matter stays the same as without it): a file, or a folder
whose *.txt, *.md and *.rst files and the docstrings of its *.py files are
read (pydoc-like), in path order; ``--text stdlib`` is the Python standard
library's docstrings, which every machine with Python has. Only paragraphs
that read as prose are kept (code, tables and markup left out). The same N,
seed and text give the same files.
"""

from __future__ import annotations

import argparse
import ast
import functools
import random
import re
import shutil
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path

import frontmatter
import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # the hub's own country shapes, when run from a checkout
    sys.path.insert(0, str(REPO))

COUNTRIES = [
    "AR", "BD", "BF", "BJ", "BO", "BR", "CA", "CL", "CM", "CO", "CR", "DE", "DK", "EC", "EG", "ES", "ET", "FI",
    "FR", "GH", "GT", "ID", "IN", "IT", "JO", "KE", "KH", "LB", "MA", "MG", "ML", "MW", "MX", "MZ", "NA", "NE",
    "NG", "NL", "NO", "NP", "PE", "PH", "PK", "PT", "PY", "RW", "SE", "SN", "TN", "TR", "TZ", "UG", "UY", "VN",
    "ZA", "ZM", "ZW", "GB", "BE", "CH",
]
SYLLABLES = ["ka", "lo", "mi", "san", "to", "ra", "be", "du", "na", "vi", "po", "ze", "gu", "ar", "el", "mon", "ti", "sa"]
WORDS = ("city council mentors peer learning exchange municipal staff training budget strategy plan planning "
         "planned residents service delivery waste water sanitation transport housing land informal settlement "
         "association local government decentralisation partnership twinning cooperation visit workshop report "
         "outcome lesson capacity institution gender women youth climate adaptation flood river finance revenue "
         "tax property register mapping data digital participation community market street lighting health "
         "school culture tourism economic development employment decent work informal economy procurement").split()
WORDS.sort()
ROLES_PAIRS = [("mentor", "mentee"), ("peer", "peer"), ("lead", "peer")]
PROGRAMMES = ["uclg-mentoring", "ks-mic", "ilo-uclg-c2c", "uclg-cib", None]


def name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random, words: int, slugs: list[str], partners: list[str]) -> str:
    sections = ["Context", "What was done", "Results", "What made it work"]
    per_section = max(words // len(sections), 20)
    parts = []
    for heading in sections:
        paragraph = []
        written = 0
        while written < per_section:
            length = rng.randint(8, 18)
            paragraph.append(sentence(rng, length))
            written += length
        if heading == "Results" and slugs:
            paragraph.append(f"See also [[{rng.choice(slugs)}]] and [[partner:{partners[0]}]].")
        parts.append(f"## {heading}\n\n" + " ".join(paragraph))
    return "\n\n".join(parts) + "\n"


TEXT_SUFFIXES = (".txt", ".md", ".rst")
# Folders below the one given that are not the standard library's prose: packages installed on this
# machine (they differ from machine to machine) and test suites (code, not text).
SKIPPED_FOLDERS = {"site-packages", "dist-packages", "__pycache__", "test", "tests", "idle_test"}
_PROSE_WORD = re.compile(r"^[A-Za-z][a-z]*[.,;:!?)]*$")
_MARKUP = re.compile(r"[`*_|<>{}\[\]#~^\\=+@$%&]")
_CODE_LINE = re.compile(r"^(\s{4,}|\t|>>>|\.\.\s|:[a-z]+:|\$ |[-=~^]{3,})")
PARAGRAPH_MIN_WORDS = 12


def text_sources(path: Path) -> list[Path]:
    """The files ``--text PATH`` reads, in path order (the same corpus on every machine with these files)."""
    if path.is_file():
        return [path]
    found = []
    for file in sorted(path.rglob("*")):
        parts = set(file.relative_to(path).parts[:-1])
        if file.is_file() and not parts & SKIPPED_FOLDERS and file.suffix in (*TEXT_SUFFIXES, ".py"):
            found.append(file)
    return found


def _texts_of(file: Path) -> list[str]:
    """A text file's text, or a Python file's docstrings (module, classes, functions)."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    if file.suffix != ".py":
        return [text]
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    nodes = (node for node in ast.walk(tree)
             if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef))
    return [doc for doc in (ast.get_docstring(node) for node in nodes) if doc]


def prose_paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text`` that read as prose, markup characters taken out: code blocks, tables,
    headings and lists of identifiers are left out (most of their words would not be words)."""
    kept = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or any(_CODE_LINE.match(line) for line in lines) or block.rstrip().endswith("::"):
            continue
        joined = " ".join(line.strip() for line in lines)
        # Control characters, and numbers that `hub check` would take for a resident's phone number.
        if not joined.isprintable() or sum(char.isdigit() for char in joined) >= 6:
            continue
        words = _MARKUP.sub(" ", joined).split()
        if len(words) < PARAGRAPH_MIN_WORDS or sum(bool(_PROSE_WORD.match(w)) for w in words) < 0.75 * len(words):
            continue
        kept.append(" ".join(words))
    return kept


def read_prose(paths: Sequence[Path | str]) -> list[str]:
    """Every prose paragraph of ``paths`` (files or folders; ``stdlib`` is the standard library), in order."""
    paragraphs: list[str] = []
    for path in paths:
        root = Path(sysconfig.get_paths()["stdlib"]) if str(path) == "stdlib" else Path(path)
        if not root.exists():
            raise FileNotFoundError(f"--text {path}: no such file or folder")
        for file in text_sources(root):
            for text in _texts_of(file):
                paragraphs += prose_paragraphs(text)
    if not paragraphs:
        raise ValueError(f"--text {', '.join(map(str, paths))}: no paragraph of prose found")
    return paragraphs


def prose_body(rng: random.Random, words: int, paragraphs: Sequence[str], slugs: list[str], partners: list[str]) -> str:
    """A body of about ``words`` words of real paragraphs, under the same headings and links as ``body``."""
    sections = ["Context", "What was done", "Results", "What made it work"]
    per_section = max(words // len(sections), 20)
    parts = []
    for heading in sections:
        chosen: list[str] = []
        written = 0
        while written < per_section:
            paragraph = rng.choice(paragraphs).split()
            take = paragraph[:per_section - written + 10]  # a long paragraph is cut near the section's length
            chosen.append(" ".join(take))
            written += len(take)
        if heading == "Results" and slugs:
            chosen.append(f"See also [[{rng.choice(slugs)}]] and [[partner:{partners[0]}]].")
        parts.append(f"## {heading}\n\n" + "\n\n".join(chosen))
    return "\n\n".join(parts) + "\n"


@functools.lru_cache(maxsize=1)
def country_middles() -> dict[str, tuple[float, float]]:
    """(lon, lat) of the middle of each country's largest ring of Natural Earth 1:110m, by ISO alpha-2 code."""
    import pycountry

    from hub_plugin.read.topojson import world_countries

    middles = {}
    for shape in world_countries():
        country = pycountry.countries.get(numeric=shape.id) if shape.id else None
        if country is None:
            continue
        ring = max((polygon[0] for polygon in shape.polygons), key=len)
        middles[country.alpha_2] = (sum(lon for lon, _ in ring) / len(ring), sum(lat for _, lat in ring) / len(ring))
    return middles


def location(country: str, partner_id: str, seed: int) -> dict[str, float]:
    """A spot within a few degrees of the country's middle, the same for the same partner and seed."""
    rng = random.Random(f"{seed}:location:{partner_id}")
    lon, lat = country_middles().get(country, (0.0, 0.0))
    return {"lat": round(max(-60.0, min(75.0, lat + rng.uniform(-2.5, 2.5))), 4),
            "lon": round(max(-179.9, min(179.9, lon + rng.uniform(-3.0, 3.0))), 4)}


def generate(n: int, out: Path, seed: int = 1, words: int = 800, text: Sequence[str] | None = None) -> None:
    """The hub of ``n`` case studies in ``out``; ``text``: paragraphs of prose for the bodies (``read_prose``)."""
    rng = random.Random(seed)
    taxonomy = yaml.safe_load((REPO / "taxonomy.yml").read_text(encoding="utf-8"))
    themes = [term["id"] for term in taxonomy["themes"]]
    modalities = [term["id"] for term in taxonomy["modalities"]]
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "case-studies").mkdir(parents=True)
    (out / "content" / "partners").mkdir(parents=True)
    shutil.copy(REPO / "taxonomy.yml", out / "taxonomy.yml")
    (out / "content" / "programmes").mkdir()
    for programme in filter(None, PROGRAMMES):  # the programmes case studies name, as records of their own
        post = frontmatter.Post(f"{sentence(rng, 20)}\n", name=f"Programme {programme}", summary=sentence(rng, 15))
        (out / "content" / "programmes" / f"{programme}.md").write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")
    (out / "content" / "index.md").write_text("# Generated hub\n\nA generated corpus for tests and benchmarks.\n")
    (out / "content" / "about.md").write_text("# About\n\nGenerated.\n")
    shutil.copy(REPO / "content" / "contribute.md", out / "content" / "contribute.md")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    (out / "mkdocs.yml").write_text(config.replace("site_name: City-to-City Cooperation Hub",
                                                   f"site_name: Generated hub of {n}"), encoding="utf-8")

    partner_ids: list[str] = []
    for index in range(max(4, n // 4)):
        partner_id = f"{name(rng).lower()}-{index}"
        partner_ids.append(partner_id)
        country = COUNTRIES[index % len(COUNTRIES)] if index < len(COUNTRIES) else rng.choice(COUNTRIES)
        post = frontmatter.Post(f"{sentence(rng, 12)}\n", name=f"City of {partner_id.split('-')[0].capitalize()} {index}",
                                kind="city", country=country, location=location(country, partner_id, seed))
        (out / "content" / "partners" / f"{partner_id}.md").write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")

    slugs = [f"case-{index:05d}" for index in range(n)]
    for index, slug in enumerate(slugs):
        count = rng.randint(2, 4)
        chosen = rng.sample(partner_ids, count)
        pair = rng.choice(ROLES_PAIRS)
        partners = [{"id": pid, "role": pair[0] if i == 0 else pair[1]} for i, pid in enumerate(chosen)]
        start = rng.randint(1995, 2023)
        meta: dict = {
            "title": f"{name(rng)} and {name(rng)}: {rng.choice(WORDS)} {rng.choice(WORDS)} ({index})",
            "summary": sentence(rng, 25)[:290],
            "partners": partners,
            "themes": rng.sample(themes, rng.randint(1, 3)),
            "modalities": rng.sample(modalities, rng.randint(1, 2)),
            "sdgs": sorted(rng.sample(range(1, 18), rng.randint(0, 3))),
            "period": {"start": start, **({"end": start + rng.randint(0, 3)} if rng.random() < 0.7 else {})},
            "status": rng.choice(["completed", "ongoing", "completed", "discontinued"]),
            "outcomes": [{"text": sentence(rng, 10), "beneficiary": p["id"]} for p in partners[:2]],
            "lessons": [sentence(rng, 12) for _ in range(rng.randint(1, 3))],
            "sources": [{"title": f"Report on {slug}", "publisher": "Generated", "year": start + 1}],
        }
        programme = rng.choice(PROGRAMMES)
        if programme:
            meta["programme"] = programme
        earlier = slugs[:index]
        if earlier and rng.random() < 0.3:
            meta["related"] = sorted(set(rng.sample(earlier, min(2, len(earlier)))))
        written = body(rng, words, earlier[-50:], [p["id"] for p in partners])  # drawn with text too: the same front matter
        if text:
            written = prose_body(random.Random(f"{seed}:text:{slug}"), words, text, earlier[-50:],
                                 [p["id"] for p in partners])
        post = frontmatter.Post(written, **meta)
        (out / "content" / "case-studies" / f"{slug}.md").write_text(frontmatter.dumps(post, sort_keys=False) + "\n",
                                                                     encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--text", action="append", default=[], metavar="FILE-OR-DIR",
                        help="fill the bodies with this real prose (repeatable; 'stdlib': the standard library's docstrings)")
    args = parser.parse_args(argv)
    generate(args.n, args.out, args.seed, args.words, read_prose(args.text) if args.text else None)
    print(f"wrote {args.n} case studies to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
