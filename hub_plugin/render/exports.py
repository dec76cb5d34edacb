"""Open data: the whole compendium as JSON and CSV, and the front-matter JSON Schema.

Deterministic by construction (sorted records, no timestamps), so the
same content always gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..check.schema import json_schema
from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy, Partner
from ..model.taxonomy import Term

API = "api"
CSV_COLUMNS = ("slug", "url", "title", "summary", "partners", "themes", "modalities", "programme", "sdgs",
               "period_start", "period_end", "status", "language", "countries", "regions", "outcomes",
               "lessons", "related", "sources", "licence")


def _json(data: Any) -> str:
    # '<', '>' and '&' escaped: a value like "</script>" stays inert wherever the JSON is pasted.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def case_study_record(case_study: CaseStudy, catalogue: Catalogue, urls: Urls) -> dict[str, Any]:
    period = case_study.period
    return {
        "slug": case_study.slug,
        "url": urls.case_study(case_study.slug),
        "title": case_study.title,
        "summary": case_study.summary,
        "partners": [{"id": ref.id, "role": ref.role} for ref in case_study.partners],
        "themes": case_study.themes,
        "modalities": case_study.modalities,
        "programme": case_study.programme,
        "sdgs": case_study.sdgs,
        "period": {"start": str(period.start), "end": str(period.end) if period.end else None} if period else None,
        "status": case_study.status,
        "language": case_study.language,
        "outcomes": [{"text": o.text, "beneficiary": o.beneficiary} for o in case_study.outcomes],
        "lessons": case_study.lessons,
        "related": case_study.related,
        "sources": [{k: v for k, v in vars(source).items() if v is not None} for source in case_study.sources],
        "contacts": [{k: v for k, v in vars(contact).items() if v is not None} for contact in case_study.contacts],
        "licence": case_study.licence,
        "countries": catalogue.countries_of(case_study),
        "regions": catalogue.regions_of(case_study),
    }


def partner_record(partner: Partner, catalogue: Catalogue, urls: Urls) -> dict[str, Any]:
    return {
        "id": partner.id,
        "url": urls.partner(partner.id),
        "name": partner.name,
        "kind": partner.kind,
        "country": partner.country,
        "region": catalogue.taxonomy.region_of_country.get(partner.country),
        "location": {"lat": partner.location.lat, "lon": partner.location.lon} if partner.location else None,
        "website": partner.website,
        "case_studies": catalogue.by_term.get(("partners", partner.id), []),
    }


def term_record(term: Term) -> dict[str, Any]:
    record: dict[str, Any] = {"id": term.id, "label": term.labels}
    if term.descriptions:
        record["description"] = term.descriptions
    if term.parent:
        record["parent"] = term.parent
    if term.aliases:
        record["aliases"] = list(term.aliases)
    if term.m49:
        record["m49"] = term.m49
    if term.countries:
        record["countries"] = list(term.countries)
    return record


def _cell(value: str) -> str:
    # Spreadsheets run a cell that starts with =, +, - or @ as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def case_studies_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        period = record["period"] or {}
        row = {
            **record,
            "partners": "; ".join(f"{p['id']} ({p['role']})" for p in record["partners"]),
            "period_start": period.get("start") or "",
            "period_end": period.get("end") or "",
            "outcomes": "; ".join(f"{o['beneficiary']}: {o['text']}" for o in record["outcomes"]),
            "sources": "; ".join(s["title"] + (f" <{s['url']}>" if s.get("url") else "") for s in record["sources"]),
        }
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            if isinstance(value, list):
                value = "; ".join(str(item) for item in value)
            cells.append(_cell("" if value is None else str(value)))
        writer.writerow(cells)
    return buffer.getvalue()


EXPORT_PATHS = (f"{API}/case-studies.json", f"{API}/case-studies.csv", f"{API}/partners.json",
                f"{API}/taxonomy.json", f"{API}/case-study.schema.json")


def export_files(catalogue: Catalogue, urls: Urls) -> dict[str, str]:
    """Site path -> text of every open-data file."""
    records = [case_study_record(catalogue.case_studies[slug], catalogue, urls) for slug in sorted(catalogue.case_studies)]
    partners = [partner_record(catalogue.partners[pid], catalogue, urls) for pid in sorted(catalogue.partners)]
    taxonomy = {name: [term_record(term) for term in vocabulary]
                for name, vocabulary in sorted(catalogue.taxonomy.vocabularies.items())}
    return {
        f"{API}/case-studies.json": _json(records),
        f"{API}/case-studies.csv": case_studies_csv(records),
        f"{API}/partners.json": _json(partners),
        f"{API}/taxonomy.json": _json(taxonomy),
        f"{API}/case-study.schema.json": _json(json_schema(catalogue.taxonomy)),
    }
