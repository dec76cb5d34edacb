"""The whole compendium in memory: case studies, partners, terms and their indexes.

Loading reads and validates every file once; everything else (pages,
search, exports, related case studies) reads the catalogue, never files.
"""

from __future__ import annotations

import datetime
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from .diagnostics import ContentError, Report
from .model import CaseStudy, Partner, Taxonomy
from .pathnames import plainly_below
from .schema import CASE_STUDY, INVALID, PARTNER, Checker
from .source import SourceFile, read_source
from .taxonomy import load_taxonomy
from .text import fold, slugify

CASE_STUDIES_DIR = "case-studies"
PARTNERS_DIR = "partners"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

SUPPORTING_ROLES = frozenset({"funder", "facilitator"})
SUPRANATIONAL_KINDS = frozenset({"international-organisation", "local-government-network"})

# Vocabularies that case studies name directly in their front matter.
FRONT_MATTER_VOCABULARIES = ("themes", "modalities", "programmes", "sdgs", "status")


@dataclass(frozen=True)
class HubPaths:
    """Where the hub reads from; display paths are relative to ``root``."""

    root: Path
    content_dir: Path
    taxonomy_file: Path

    @classmethod
    def at(cls, root: Path, content_dir: str = "content", taxonomy_file: str = "taxonomy.yml") -> "HubPaths":
        root = root.resolve()
        return cls(root, (root / content_dir).resolve(), (root / taxonomy_file).resolve())

    def display(self, path: Path) -> str:
        found = plainly_below(path, self.root)
        if found is not None:
            return found
        try:
            absolute = path if path.is_absolute() else Path.cwd() / path
            return Path(os.path.normpath(absolute)).relative_to(self.root).as_posix()
        except (ValueError, OSError):
            return path.as_posix()


@dataclass
class Catalogue:
    taxonomy: Taxonomy
    case_studies: dict[str, CaseStudy] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)

    # -- derived facts, computed once per build ------------------------------------

    def countries_of(self, case_study: CaseStudy) -> list[str]:
        """Where the cooperation took place: the countries of the partners that did it.

        Funders, facilitators and international bodies are left out (UCLG's
        seat in Spain says nothing about where a mentoring happened), unless
        nobody else is left.
        """
        partners = [(ref, self.partners[ref.id]) for ref in case_study.partners if ref.id in self.partners]
        local = [partner.country for ref, partner in partners
                 if ref.role not in SUPPORTING_ROLES and partner.kind not in SUPRANATIONAL_KINDS]
        return sorted(set(local or [partner.country for _, partner in partners]))

    def regions_of(self, case_study: CaseStudy) -> list[str]:
        regions = self.taxonomy["regions"]
        found: set[str] = set()
        for country in self.countries_of(case_study):
            region = self.taxonomy.region_of_country.get(country)
            if region:
                found.add(region)
                found.update(regions.ancestors(region))
        return sorted(found)

    def terms_of(self, case_study: CaseStudy, vocabulary: str) -> list[str]:
        """The ids a case study carries in ``vocabulary``, as written (no ancestors)."""
        if vocabulary == "themes":
            return case_study.themes
        if vocabulary == "modalities":
            return case_study.modalities
        if vocabulary == "programmes":
            return [case_study.programme] if case_study.programme else []
        if vocabulary == "sdgs":
            return [str(goal) for goal in case_study.sdgs]
        if vocabulary == "status":
            return [case_study.status]
        if vocabulary == "countries":
            return self.countries_of(case_study)
        if vocabulary == "regions":
            return self.regions_of(case_study)
        if vocabulary == "partners":
            return case_study.partner_ids()
        return []

    @cached_property
    def by_term(self) -> dict[tuple[str, str], list[str]]:
        """Slugs per (vocabulary, term), a parent theme holding its children's case studies."""
        index: dict[tuple[str, str], set[str]] = defaultdict(set)
        for slug, case_study in self.case_studies.items():
            for vocabulary in FRONT_MATTER_VOCABULARIES + ("countries", "regions", "partners"):
                for term_id in self.terms_of(case_study, vocabulary):
                    index[(vocabulary, term_id)].add(slug)
                    if vocabulary == "themes":
                        for ancestor in self.taxonomy["themes"].ancestors(term_id):
                            index[(vocabulary, ancestor)].add(slug)
        return {key: sorted(slugs) for key, slugs in index.items()}

    def case_studies_with(self, vocabulary: str, term_id: str) -> list[CaseStudy]:
        return [self.case_studies[slug] for slug in self.by_term.get((vocabulary, term_id), [])]

    @cached_property
    def partner_countries(self) -> frozenset[str]:
        """Countries some partner is in: the ones a ``[[country:..]]`` link may name."""
        return frozenset(partner.country for partner in self.partners.values())

    @cached_property
    def referenced_by(self) -> dict[str, list[str]]:
        """For each slug, the case studies whose ``related`` names it."""
        index: dict[str, set[str]] = defaultdict(set)
        for slug, case_study in self.case_studies.items():
            for target in case_study.related:
                index[target].add(slug)
        return {slug: sorted(sources) for slug, sources in index.items()}


SourceCache = dict  # path -> ((size, mtime_ns), SourceFile): parsed files kept between builds


def load_catalogue(paths: HubPaths, report: Report, *, today: Optional[datetime.date] = None,
                   sources: Optional[SourceCache] = None) -> Catalogue:
    """Read and check everything under ``paths``; every problem goes to ``report``.

    ``sources``, kept by a long-running host (``mkdocs serve``), spares
    re-parsing files that did not change since the last build.
    """
    taxonomy = load_taxonomy(paths.taxonomy_file, paths.display(paths.taxonomy_file), report)
    catalogue = Catalogue(taxonomy)
    _refuse_symlinks(paths, report)
    if report.has_errors:
        return catalogue  # every term check would fail with it: report only the taxonomy's own errors
    partner_files = _content_files(paths, PARTNERS_DIR, report)
    case_files = _content_files(paths, CASE_STUDIES_DIR, report)
    partner_ids = set(partner_files)
    slugs = set(case_files)

    for partner_id, path in partner_files.items():
        source = _read(paths, path, report, sources)
        if source is None:
            continue
        checker = Checker(source.front, source.display_path, report, taxonomy, partner_ids, slugs,
                          **({"today": today} if today else {}))
        fields = PARTNER.check(source.front.data, (), checker)
        if fields is not INVALID:
            catalogue.partners[partner_id] = Partner(id=partner_id, path=source.display_path, body=source.body,
                                                     body_line=source.body_line, **fields)

    titles: dict[str, str] = {}
    named: set[str] = set()  # partners named anywhere, even by a case study with errors
    for slug, path in case_files.items():
        source = _read(paths, path, report, sources)
        if source is None:
            continue
        named.update(_named_partners(source.front.data))
        checker = Checker(source.front, source.display_path, report, taxonomy, partner_ids, slugs,
                          **({"today": today} if today else {}))
        fields = CASE_STUDY.check(source.front.data, (), checker)
        if fields is INVALID:
            continue
        case_study = CaseStudy(slug=slug, path=source.display_path, body=source.body,
                               body_line=source.body_line, **fields)
        _check_within(case_study, checker)
        key = fold(case_study.title)
        if key in titles:
            checker.error(("title",), f"another case study ({titles[key]}) has the same title; "
                                      "make the titles tell the two apart")
        else:
            titles[key] = source.display_path
        catalogue.case_studies[slug] = case_study

    _check_body_links(paths, catalogue, report)
    for partner_id, partner in catalogue.partners.items():
        if partner_id not in named:
            report.warning(partner.path, 1, 1, f"no case study names the partner '{partner_id}'; "
                                               "add it to a case study's 'partners' or delete the file")
    return catalogue


_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\w/.-])\+?(?:\(\d{1,4}\)|\d{1,4})(?:[ .-]?(?:\(\d{2,4}\)|\d{2,4})){2,5}(?![\w/-])")
# Any phone number above has nine digits with at most ")", "(" and one separator
# between two of them: a text without such a run has none, and is not scanned line by line.
_NINE_DIGITS = re.compile(r"\d(?:[ ().+-]{0,3}\d){8}")


def personal_data(body: str, first_line: int) -> list[tuple[int, int, str]]:
    """(line, col, message) for what looks like a person's e-mail address or phone number in a text.

    Contributors write about residents; their details do not belong in a
    public hub. An office's public contact goes under ``contacts`` instead.
    """
    found: list[tuple[int, int, str]] = []
    if "@" not in body and not _NINE_DIGITS.search(body):
        return found
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if in_fence:
            continue
        for match in _EMAIL.finditer(line):
            found.append((first_line + offset, match.start() + 1,
                          f"'{match.group(0)}' looks like an e-mail address; do not publish residents' personal "
                          "data, and put an office's public contact under 'contacts' instead"))
        for match in _PHONE.finditer(line):
            digits = sum(char.isdigit() for char in match.group(0))
            if digits >= 9 and not re.fullmatch(r"\d{4}([–-]\d{2,4})?", match.group(0).strip()):
                found.append((first_line + offset, match.start() + 1,
                              f"'{match.group(0).strip()}' looks like a phone number; do not publish residents' "
                              "personal data, and put an office's public contact under 'contacts' instead"))
    return found


def _check_body_links(paths: HubPaths, catalogue: Catalogue, report: Report) -> None:
    """Every ``[[...]]`` link in every page must reach a case study, partner or term."""
    from .wikilinks import check_wikilinks

    def reporter(display: str):
        return lambda line, col, message: report.error(display, line, col, message)

    for item in [*catalogue.case_studies.values(), *catalogue.partners.values()]:
        check_wikilinks(item.body, item.body_line, catalogue, reporter(item.path))
        for line, col, message in personal_data(item.body, item.body_line):
            report.warning(item.path, line, col, message)
    for path in (p for p in walk_files(paths.content_dir) if p.suffix == ".md"):
        relative = path.relative_to(paths.content_dir).parts
        if relative[0] in (CASE_STUDIES_DIR, PARTNERS_DIR) and path.name != "index.md":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            report.error(paths.display(path), 1, 1, "the file is not valid UTF-8 text; save it with the UTF-8 encoding")
            continue
        if "[[" in text:
            check_wikilinks(text, 1, catalogue, reporter(paths.display(path)))


def _named_partners(front: object) -> set[str]:
    entries = front.get("partners") if isinstance(front, dict) else None
    if not isinstance(entries, list):
        return set()
    return {entry["id"] for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)}


def _check_within(case_study: CaseStudy, checker: Checker) -> None:
    """Rules that tie fields of one case study together."""
    partner_ids = case_study.partner_ids()
    seen: set[str] = set()
    for index, ref in enumerate(case_study.partners):
        if ref.id in seen:
            checker.error(("partners", index, "id"), f"the partner '{ref.id}' is listed twice; "
                                                     "list it once with its main role")
        seen.add(ref.id)
    for index, outcome in enumerate(case_study.outcomes):
        if outcome.beneficiary not in partner_ids:
            checker.error(("outcomes", index, "beneficiary"),
                          f"'{outcome.beneficiary}' is not a partner of this case study; "
                          f"use one of: {', '.join(partner_ids)}, or add it under 'partners'")
    for index, target in enumerate(case_study.related):
        if target == case_study.slug:
            checker.error(("related", index), "a case study cannot be related to itself; remove its own slug from 'related'")
    case_study.related = [target for target in case_study.related if target != case_study.slug]
    for index, contact in enumerate(case_study.contacts):
        if contact.partner not in partner_ids:
            checker.error(("contacts", index, "partner"), f"'{contact.partner}' is not a partner of this case study; "
                                                          f"use one of: {', '.join(partner_ids)}")


SYMLINK_MESSAGE = ("this is a symbolic link; replace it with the file or folder itself: "
                   "a link could publish files from outside the hub")


def walk_files(directory: Path) -> list[Path]:
    """Every file below ``directory``, sorted, never following symbolic links (they are reported instead)."""
    found: list[str] = []
    for folder, folders, names in os.walk(directory, followlinks=False):
        folders.sort()
        found.extend(path for path in (os.path.join(folder, name) for name in names) if not os.path.islink(path))
    # Sorted as paths sort (part by part), on strings: comparing Path objects costs more than the walk.
    return [Path(path) for path in sorted(found, key=lambda path: path.split(os.sep))]


def _refuse_symlinks(paths: HubPaths, report: Report) -> None:
    """MkDocs copies what a link points to: a link in the content folder could publish anything."""
    for folder, folders, names in os.walk(paths.content_dir, followlinks=False):
        for name in sorted(folders + names):
            path = Path(folder) / name
            if path.is_symlink():
                report.error(paths.display(path), 1, 1, SYMLINK_MESSAGE)


def _content_files(paths: HubPaths, folder: str, report: Report) -> dict[str, Path]:
    """Markdown files of one content folder by slug; bad names and near-duplicates reported."""
    directory = paths.content_dir / folder
    found: dict[str, Path] = {}
    folded: dict[str, Path] = {}
    if not directory.is_dir():
        return found
    for path in walk_files(directory):
        if path.name.startswith("."):
            continue
        display = paths.display(path)
        if path.suffix.lower() != ".md":
            report.warning(display, 1, 1, "only Markdown files (.md) are read here; this file is ignored")
            continue
        if path.parent != directory:
            report.error(display, 1, 1, f"put the file directly in {paths.display(directory)}/, not in a subfolder")
            continue
        slug = path.stem
        if path.name == "index.md":
            continue
        if not SLUG_PATTERN.match(slug) or path.suffix != ".md":
            suggestion = slugify(slug) or "my-case-study"
            taken = directory / f"{suggestion}.md"
            if taken.exists():
                report.error(display, 1, 1, f"the name is too close to {paths.display(taken)}, and a file name may "
                                            "only use lower-case letters, digits and hyphens; give it a distinct name")
            else:
                report.error(display, 1, 1, "a file name may only use lower-case letters, digits and hyphens; "
                                            f"rename it to '{suggestion}.md'")
            continue
        key = fold(slug)
        if key in folded:
            report.error(display, 1, 1, f"the name is too close to {paths.display(folded[key])}; give it a distinct name")
            continue
        folded[key] = path
        found[slug] = path
    return found


def _read(paths: HubPaths, path: Path, report: Report, cache: Optional[SourceCache] = None) -> Optional[SourceFile]:
    key = None
    if cache is not None:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = cache.get(path)
        if cached and cached[0] == key:
            return cached[1]
    try:
        source = read_source(path, paths.display(path))
    except ContentError as exc:
        report.add(exc.diagnostic)
        return None
    if cache is not None:
        cache[path] = (key, source)
    return source
