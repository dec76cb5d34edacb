"""Rules beyond one field: fields of a case study that must agree, links between files, partners nobody names."""

from __future__ import annotations

from collections.abc import Callable

from ..derive.references import cited_at, find_citations
from ..derive.wikilinks import check_wikilinks
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Partner, Programme
from ..read.diagnostics import Report, suggest
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR, PROGRAMMES_DIR, markdown_files
from ..read.pathnames import HubPaths
from .privacy import personal_data
from .schema import Checker


def check_within(case_study: CaseStudy, checker: Checker) -> None:
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
    check_source_ids(case_study, checker)
    check_relations(case_study, checker)
    if case_study.derived_from and case_study.derived_from.case_study == case_study.slug:
        checker.error(("derived_from", "case_study"), "a practice cannot be adapted from itself; name the case study "
                                                      "it was adapted from")


def check_relations(case_study: CaseStudy, checker: Checker) -> None:
    """A relation is between two different partners of this case study."""
    partner_ids = case_study.partner_ids()
    for index, relation in enumerate(case_study.relations):
        for key, partner_id in (("from", relation.giver), ("to", relation.receiver)):
            if partner_id not in partner_ids:
                checker.error(("relations", index, key), f"'{partner_id}' is not a partner of this case study; "
                                                         f"use one of: {', '.join(partner_ids)}")
        if relation.giver == relation.receiver:
            checker.error(("relations", index, "to"), f"a relation is between two partners; '{relation.giver}' "
                                                      "is on both sides")

Sourced = CaseStudy | Programme  # what has sources, a narrative that cites them, and fields that name them


def record_kind(record: Sourced) -> str:
    """What the messages call it."""
    return "programme" if isinstance(record, Programme) else "case study"


def check_source_ids(record: Sourced, checker: Checker) -> None:
    """Each source id names one source; a source given an id is cited somewhere (the narrative, an outcome,
    the timeline, a note); every id that an outcome, milestone or note gives is a source's."""
    ids = [source.id for source in record.sources if source.id]
    named = record.source_mentions()
    for at, source_id in named:
        if source_id not in ids:
            checker.error(at, f"'{source_id}' is not the id of a source of this {record_kind(record)}; "
                              + (f"use one of: {', '.join(dict.fromkeys(ids))}" if ids
                                 else f"give the source an id under 'sources' (id: {source_id})"))
    cited = set(cited_at(record)) | {source_id for _, source_id in named}
    first: dict[str, int] = {}
    for index, source in enumerate(record.sources):
        if source.id is None:
            continue
        if source.id in first:
            checker.error(("sources", index, "id"), f"the source id '{source.id}' is given twice (also to source "
                                                    f"{first[source.id] + 1}); give each source its own id")
            continue
        first[source.id] = index
        if source.id not in cited:
            checker.warning(("sources", index, "id"), f"nothing in the narrative cites the source '{source.id}'; "
                                                      f"cite it where its facts are used: [@{source.id}]")


def check_citations(record: Sourced, report_error: Callable[[int, int, str], None]) -> None:
    """Every [@id] of the narrative names a source of this case study (or programme)."""
    ids = list(dict.fromkeys(source.id for source in record.sources if source.id))
    for citation in find_citations(record.body):
        for source_id in citation.ids:
            if source_id not in ids:
                close = suggest(source_id, ids)
                hint = (f"; the sources' ids are: {', '.join(ids)}" + (close if "did you mean" in close else "")
                        if ids else f"; give the source an id under 'sources' (id: {source_id})")
                report_error(record.body_line + citation.line_offset, citation.col,
                             f"[@{source_id}] cites no source of this {record_kind(record)}{hint}")


def check_bodies(paths: HubPaths, catalogue: Catalogue, report: Report) -> None:
    """Every ``[[...]]`` link in every page must reach a case study, partner or term; no resident's details."""

    def reporter(display: str) -> Callable[[int, int, str], None]:
        return lambda line, col, message: report.error(display, line, col, message)

    items: list[CaseStudy | Partner | Programme] = [*catalogue.case_studies.values(), *catalogue.partners.values(),
                                                    *catalogue.programmes.values()]
    for item in items:
        check_wikilinks(item.body, item.body_line, catalogue, reporter(item.path))
        if not isinstance(item, Partner):
            check_citations(item, reporter(item.path))
        for line, col, message in personal_data(item.body, item.body_line):
            report.warning(item.path, line, col, message)
    for path in markdown_files(paths.content_dir):
        relative = path.relative_to(paths.content_dir).parts
        if relative[0] in (CASE_STUDIES_DIR, PARTNERS_DIR, PROGRAMMES_DIR) and path.name != "index.md":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            report.error(paths.display(path), 1, 1, "the file is not valid UTF-8 text; save it with the UTF-8 encoding")
            continue
        if "[[" in text:
            check_wikilinks(text, 1, catalogue, reporter(paths.display(path)))


def named_partners(front: object) -> set[str]:
    """The partner ids a case study's front matter names, even when the case study has errors."""
    entries = front.get("partners") if isinstance(front, dict) else None
    if not isinstance(entries, list):
        return set()
    return {entry["id"] for entry in entries if isinstance(entry, dict) and isinstance(entry.get("id"), str)}


def warn_unnamed_partners(catalogue: Catalogue, named: set[str], report: Report) -> None:
    for partner_id, partner in catalogue.partners.items():
        if partner_id not in named:
            report.warning(partner.path, 1, 1, f"no case study names the partner '{partner_id}'; "
                                               "add it to a case study's 'partners' or delete the file")
