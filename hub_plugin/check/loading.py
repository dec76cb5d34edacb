"""Loading the content folder into the model: every file read once, checked field by field.

Problems go to a ``Report``; what is valid goes into the ``Catalogue``, which
every later stage reads instead of the files.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path

from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Partner, Programme
from ..model.taxonomy import Taxonomy, Term, Vocabulary
from ..read.diagnostics import ContentError, Report
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR, PROGRAMMES_DIR, TRANSLATED_NAME, refuse_symlinks, walk_files
from ..read.pathnames import HubPaths
from ..read.source import FrontMatterParser, SourceFile, read_source
from ..read.text import ID_PATTERN, fold, slugify
from ..read.yamlsource import parse_yaml
from .rules import check_bodies, check_source_ids, check_within, named_partners, warn_unnamed_partners
from .schema import CASE_STUDY, INVALID, PARTNER, PROGRAMME, Checker
from .taxonomy import load_taxonomy
from .translations import load_translations, split_translations

# Parsed files kept between the builds of one long-running host, by path, with the size and time they had.
SourceCache = dict[Path, tuple[tuple[int, int], SourceFile]]


def load_catalogue(paths: HubPaths, report: Report, *, today: datetime.date | None = None,
                   sources: SourceCache | None = None, languages: Sequence[str] = (),
                   editions: Sequence[str] = (), parse: FrontMatterParser = parse_yaml) -> Catalogue:
    """Read and check everything under ``paths``; every problem goes to ``report``.

    ``sources``, kept by a long-running host (``mkdocs serve``), spares
    re-parsing files that did not change since the last build; ``languages``
    (``hub check``'s) are those every taxonomy label should have; ``editions``
    the languages the site is built in (a translation into another is not shown); ``parse`` reads a file's
    front matter (a build passes one that keeps what it parsed between processes).
    """
    day = today or datetime.date.today()
    taxonomy = load_taxonomy(paths.taxonomy_file, paths.display(paths.taxonomy_file), report, languages)
    catalogue = Catalogue(taxonomy)
    refuse_symlinks(paths, report)
    if report.has_errors:
        return catalogue  # every term check would fail with it: report only the taxonomy's own errors
    partner_files = _content_files(paths, PARTNERS_DIR, report)
    case_files, translated = split_translations(_content_files(paths, CASE_STUDIES_DIR, report, translations=True))
    partner_ids = set(partner_files)
    slugs = set(case_files)

    for partner_id, path in partner_files.items():
        source = _read(paths, path, report, sources, parse)
        if source is None:
            continue
        checker = Checker(source.front, source.display_path, report, taxonomy, partner_ids, slugs, today=day)
        fields = PARTNER.check(source.front.data, (), checker)
        if fields is not INVALID:
            catalogue.partners[partner_id] = Partner(id=partner_id, path=source.display_path, body=source.body,
                                                     body_line=source.body_line, **fields)
    partner_names = {partner_id: partner.name for partner_id, partner in catalogue.partners.items()}
    catalogue.programmes = load_programmes(paths, report, taxonomy, partner_ids, sources, day, parse)

    titles: dict[str, str] = {}
    named: set[str] = set()  # partners named anywhere, even by a case study with errors
    unreadable = False  # a case study whose front matter does not parse may name any partner
    originals_data: dict[str, dict] = {}
    for slug, path in case_files.items():
        source = _read(paths, path, report, sources, parse)
        if source is None:
            unreadable = True
            continue
        originals_data[slug] = source.front.data if isinstance(source.front.data, dict) else {}
        named.update(named_partners(source.front.data))
        checker = Checker(source.front, source.display_path, report, taxonomy, partner_ids, slugs, partner_names,
                          today=day)
        fields = CASE_STUDY.check(source.front.data, (), checker)
        if fields is INVALID:
            continue
        case_study = CaseStudy(slug=slug, path=source.display_path, body=source.body,
                               body_line=source.body_line, **fields)
        check_within(case_study, checker)
        key = fold(case_study.title)
        if key in titles:
            checker.error(("title",), f"another case study ({titles[key]}) has the same title; "
                                      "make the titles tell the two apart")
        else:
            titles[key] = source.display_path
        catalogue.case_studies[slug] = case_study
    load_translations(catalogue, translated, lambda path: _read(paths, path, report, sources, parse),
                      lambda source: Checker(source.front, source.display_path, report, taxonomy, partner_ids, slugs,
                                             partner_names, today=day),
                      originals_data, editions)

    check_bodies(paths, catalogue, report)
    # Held back while a case study does not parse or names a partner that does not exist: the
    # warning would tell the contributor to delete the very partner file they meant to name.
    if not unreadable and named <= partner_ids:
        warn_unnamed_partners(catalogue, named, report)
    return catalogue




def load_programmes(paths: HubPaths, report: Report, taxonomy: Taxonomy, partner_ids: set[str],
                    sources: SourceCache | None = None, day: datetime.date | None = None,
                    parse: FrontMatterParser = parse_yaml) -> dict[str, Programme]:
    """The programme records of content/programmes/, each also a term of the taxonomy's ``programmes``.

    As terms, case studies name them in ``programme:`` and every list of
    programmes (facets, the issue form, the coordination view) shows them;
    taxonomy.yml may still list lighter programmes, with a label only.
    """
    vocabulary = taxonomy.vocabularies.setdefault("programmes", Vocabulary("programmes"))
    found: dict[str, Programme] = {}
    for programme_id, path in _content_files(paths, PROGRAMMES_DIR, report).items():
        source = _read(paths, path, report, sources, parse)
        if source is None:
            continue
        checker = Checker(source.front, source.display_path, report, taxonomy, partner_ids, None,
                          today=day or datetime.date.today())
        fields = PROGRAMME.check(source.front.data, (), checker)
        if fields is INVALID:
            continue
        if programme_id in vocabulary.terms or programme_id in vocabulary.aliases:
            checker.error((), f"taxonomy.yml lists the programme '{programme_id}' too; remove it from taxonomy.yml's "
                              "'programmes': this file is its record now")
            continue
        programme = Programme(id=programme_id, path=source.display_path, body=source.body,
                              body_line=source.body_line, **fields)
        check_source_ids(programme, checker)
        for index, alias in enumerate(programme.aliases):
            if alias in vocabulary.terms or alias in vocabulary.aliases:
                checker.error(("aliases", index), f"'{alias}' is already a programme's id or former id; remove it here")
            else:
                vocabulary.aliases[alias] = programme_id
        vocabulary.terms[programme_id] = Term("programmes", programme_id, {"en": programme.name},
                                              {"en": programme.summary}, aliases=tuple(programme.aliases))
        found[programme_id] = programme
    return found


def load_vocabularies(paths: HubPaths, report: Report) -> Taxonomy:
    """taxonomy.yml with the programme records' terms: what a form or a starter file offers to pick from."""
    taxonomy = load_taxonomy(paths.taxonomy_file, paths.display(paths.taxonomy_file), report)
    if not report.has_errors:
        load_programmes(paths, report, taxonomy, set(_content_files(paths, PARTNERS_DIR, Report())))
    return taxonomy


def _content_files(paths: HubPaths, folder: str, report: Report, translations: bool = False) -> dict[str, Path]:
    """Markdown files of one content folder by slug; bad names and near-duplicates reported.

    With ``translations``, ``<slug>.<language>.md`` is one too, named "<slug>.<language>"."""
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
        translation = TRANSLATED_NAME.match(path.name) if translations else None
        if translation and ID_PATTERN.match(translation["stem"]):
            found[slug] = path
            continue
        if not ID_PATTERN.match(slug) or path.suffix != ".md":
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


def _read(paths: HubPaths, path: Path, report: Report, cache: SourceCache | None = None,
          parse: FrontMatterParser = parse_yaml) -> SourceFile | None:
    key = (0, 0)
    if cache is not None:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = cache.get(path)
        if cached and cached[0] == key:
            return cached[1]
    try:
        source = read_source(path, paths.display(path), parse)
    except ContentError as exc:
        report.add(exc.diagnostic)
        return None
    if cache is not None:
        cache[path] = (key, source)
    return source
