"""Open data: the whole compendium as JSON and CSV, their JSON Schemas and a Frictionless Data package.

Deterministic by construction (sorted records, no timestamps), so the
same content always gives the same bytes. The CSV loses nothing: a list or
an object is one cell holding its JSON, as Table Schema reads "array" and
"object" fields, so that every list comes back whole (a lesson may hold "; ").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..check.schema import PARTNER, PROGRAMME, URL_PATTERN, json_schema
from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.dates import QUALIFIERS, Period
from ..model.messages import N_
from ..model.records import CaseStudy, EditorialNote, Partner, Programme, Source
from ..model.taxonomy import Taxonomy, Term
from ..read.text import ID_PATTERN

API = "api"
CSV_COLUMNS = ("slug", "url", "title", "summary", "partners", "themes", "modalities", "programme", "sdgs",
               "period_start", "period_start_qualifier", "period_end", "period_end_qualifier", "status",
               "language", "countries", "regions", "outcomes", "lessons", "related", "sources", "licence")
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # a year, a month or a day
COUNTRY_PATTERN = "^[A-Z]{2}$"


def _json(data: Any) -> str:
    # '<', '>' and '&' escaped: a value like "</script>" stays inert wherever the JSON is pasted.
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def period_record(period: Period | None) -> dict[str, Any] | None:
    if period is None:
        return None
    return {"start": period.start.iso, "end": period.end.iso if period.end else None,
            # what the source says besides the date: "about", "by" (it existed then) or "before"
            "start_qualifier": period.start.qualifier or None,
            "end_qualifier": (period.end.qualifier or None) if period.end else None}


def case_study_record(case_study: CaseStudy, catalogue: Catalogue, urls: Urls) -> dict[str, Any]:
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
        "period": period_record(case_study.period),
        "status": case_study.status,
        "language": case_study.language,
        "outcomes": [_without_none({"text": o.text, "beneficiary": o.beneficiary, "group": o.group,
                                    "standing": o.standing, "reported_by": o.reported_by}) for o in case_study.outcomes],
        "lessons": case_study.lessons,
        "related": case_study.related,
        "sources": [source_record(source) for source in case_study.sources],
        "contacts": [{k: v for k, v in vars(contact).items() if v is not None} for contact in case_study.contacts],
        "licence": case_study.licence,
        "countries": catalogue.countries_of(case_study),
        "regions": catalogue.regions_of(case_study),
        "timeline": [_without_none({"date": str(m.date), "text": m.text, "source": m.source}) for m in case_study.timeline],
        "relations": [_without_none({"from": r.giver, "to": r.receiver, "kind": r.kind,
                                     "direction": None if r.direction_known else "unknown"}) for r in case_study.relations],
        "notes": [note_record(note) for note in case_study.notes],
        "review": _without_none({"state": case_study.review.state, "by": case_study.review.by,
                                 "date": str(case_study.review.date) if case_study.review.date else None})
        if case_study.review else None,
        "evidence": case_study.evidence,
        "derived_from": _without_none(vars(case_study.derived_from)) if case_study.derived_from else None,
        "success_factors": case_study.success_factors,
        "limiting_factors": case_study.limiting_factors,
    }


def _without_none(record: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in record.items() if value is not None}


def note_record(note: EditorialNote) -> dict[str, Any]:
    return _without_none(vars(note))


def source_record(source: Source) -> dict[str, Any]:
    """A source as written in the front matter, leaving out what it does not say."""
    record: dict[str, Any] = {}
    for key, value in vars(source).items():
        if value is None or value == ():
            continue
        record[key] = str(value) if key == "date" else list(value) if key == "authors" else value
    return record


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
        "notes": [note_record(note) for note in partner.notes],
    }


def programme_record(programme: Programme, catalogue: Catalogue, urls: Urls) -> dict[str, Any]:
    case_studies = catalogue.by_term.get(("programmes", programme.id), [])
    return {
        "id": programme.id,
        "url": urls.term("programmes", programme.id),
        "name": programme.name,
        "summary": programme.summary,
        "owner": programme.owner,
        "funders": programme.funders,
        "period": period_record(programme.period),
        "website": programme.website,
        "aliases": programme.aliases,
        "sources": [source_record(source) for source in programme.sources],
        "notes": [note_record(note) for note in programme.notes],
        "case_studies": case_studies,
        "countries": sorted({code for slug in case_studies for code in catalogue.countries_of(catalogue.case_studies[slug])}),
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


def _json_cell(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def case_studies_csv(records: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        period = record["period"] or {}
        row = {**record, **{f"period_{key}": value for key, value in period.items()}}
        cells = []
        for column in CSV_COLUMNS:
            value = row.get(column)
            if isinstance(value, list | dict):
                cells.append(_json_cell(value))  # starts with "[" or "{": never read as a formula
            else:
                cells.append(_cell("" if value is None else str(value)))
        writer.writerow(cells)
    return buffer.getvalue()


_DATE = {"type": "string", "pattern": DATE_PATTERN}
_QUALIFIER = {"anyOf": [{"enum": list(QUALIFIERS)}, {"type": "null"}]}
_PERIOD_SCHEMA = {
    "anyOf": [{"type": "object", "additionalProperties": False,
               "required": ["start", "end", "start_qualifier", "end_qualifier"],
               "properties": {"start": _DATE, "end": {"anyOf": [_DATE, {"type": "null"}]},
                              "start_qualifier": _QUALIFIER, "end_qualifier": _QUALIFIER}},
              {"type": "null"}],
    "description": "When it happened; end is null while it goes on. A qualifier says what the source "
                   "says of a date: about (approximately), by (it existed then), before."}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def case_study_record_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """A record of ``case-studies.json``: the front matter as checked, with what the hub derives from it."""
    front = json_schema(taxonomy)
    properties = {
        "slug": {"type": "string", "pattern": ID_PATTERN.pattern, "description": "The file's name: the case study's id."},
        "url": {"type": "string", "description": "The page's address, relative to the site's root."},
        **front["properties"],
        **{name: {"anyOf": [front["properties"][name], {"type": "null"}]}
           for name in ("programme", "review", "evidence", "derived_from")},  # null where the front matter says nothing
        "period": _PERIOD_SCHEMA,
        "countries": {"type": "array", "items": {"type": "string", "pattern": COUNTRY_PATTERN},
                      "description": "Where the cooperation took place (ISO 3166-1 alpha-2), derived from the partners."},
        "regions": {"type": "array", "items": {"enum": [term.id for term in taxonomy["regions"]]},
                    "description": "The UN M49 regions of those countries, with their broader regions."},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Published case-study record",
        "description": "One record of api/case-studies.json",
        "type": "object", "properties": properties, "required": list(properties), "additionalProperties": False,
    }


def partner_record_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """A record of ``partners.json``."""
    text = {"type": "string", "minLength": 1}
    properties = {
        "id": {"type": "string", "pattern": ID_PATTERN.pattern}, "url": {"type": "string"}, "name": text,
        "kind": {"enum": [term.id for term in taxonomy["partner_kinds"]]},
        "country": {"type": "string", "pattern": COUNTRY_PATTERN},
        "region": _nullable({"enum": [term.id for term in taxonomy["regions"]]}),
        "location": _nullable({"type": "object", "additionalProperties": False, "required": ["lat", "lon"],
                               "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90},
                                             "lon": {"type": "number", "minimum": -180, "maximum": 180}}}),
        "website": _nullable({"type": "string", "pattern": URL_PATTERN.pattern}),
        "case_studies": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN.pattern}},
        "notes": PARTNER.json_schema(taxonomy)["properties"]["notes"],
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Published partner record",
            "description": "One record of api/partners.json", "type": "object", "properties": properties,
            "required": list(properties), "additionalProperties": False}


def programme_record_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """A record of ``programmes.json``: the programme's front matter, with its case studies and their countries."""
    front = PROGRAMME.json_schema(taxonomy)["properties"]
    ids = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN.pattern}}
    properties = {
        "id": {"type": "string", "pattern": ID_PATTERN.pattern, "description": "The file's name: the term case "
                                                                               "studies name in 'programme'."},
        "url": {"type": "string"}, **front,
        "owner": _nullable(front["owner"]), "website": _nullable(front["website"]), "period": _PERIOD_SCHEMA,
        "case_studies": ids,
        "countries": {"type": "array", "items": {"type": "string", "pattern": COUNTRY_PATTERN},
                      "description": "Where its case studies' cooperation took place."},
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Published programme record",
            "description": "One record of api/programmes.json", "type": "object", "properties": properties,
            "required": list(properties), "additionalProperties": False}


# Table Schema types of the CSV's columns: lists and objects are JSON in their cell.
_CSV_TYPES = {"partners": "array", "themes": "array", "modalities": "array", "sdgs": "array",
              "countries": "array", "regions": "array", "outcomes": "array", "lessons": "array",
              "related": "array", "sources": "array"}
_CSV_DESCRIPTIONS = {
    "slug": "The case study's id.", "url": "Its page, relative to the site's root.",
    "partners": "JSON: [{id, role}]", "outcomes": "JSON: [{text, beneficiary}]",
    "sources": "JSON: [{title, url, publisher, year}]", "period_start": "A year, a month (YYYY-MM) or a day.",
    "period_end": "Empty while the cooperation goes on.",
}


def data_package(site_name: str, licence: dict[str, str], gettext: Callable[[str], str] = str) -> dict[str, Any]:
    """``datapackage.json``: each file of the open data and, for the CSV, each column (Frictionless Data).

    ``gettext``: the titles in an edition's language, for the open data's page (the file itself is English)."""
    fields = []
    for column in CSV_COLUMNS:
        field: dict[str, Any] = {"name": column, "type": _CSV_TYPES.get(column, "string")}
        if column in _CSV_DESCRIPTIONS:
            field["description"] = _CSV_DESCRIPTIONS[column]
        if column in ("slug", "url", "title", "summary", "status", "language", "licence"):
            field["constraints"] = {"required": True}
        if column in ("period_start", "period_end"):
            field["constraints"] = {"pattern": DATE_PATTERN[1:-1]}  # Table Schema patterns match the whole value
        if column.endswith("_qualifier"):
            field["constraints"] = {"enum": list(QUALIFIERS)}
            field["description"] = "What the source says besides the date: about, by (it existed then), before."
        fields.append(field)
    fields[0]["constraints"] = {"required": True, "unique": True, "pattern": ID_PATTERN.pattern[1:-1]}

    def json_file(name: str, path: str, title: str, schema: str | None = None) -> dict[str, Any]:
        # "type": "file": a JSON document, not a table (frictionless would read it as rows otherwise).
        resource = {"name": name, "path": path, "title": title, "type": "file", "format": "json",
                    "mediatype": "application/json", "encoding": "utf-8"}
        if schema:
            resource["description"] = gettext(N_("Each record follows the JSON Schema %(schema)s.")) % {"schema": schema}
        return resource

    return {
        "profile": "data-package",
        "name": "case-studies-of-city-to-city-cooperation",
        "title": f"{site_name}: open data" if site_name else "Case studies of city-to-city cooperation",
        "licenses": [licence],
        "resources": [
            {"name": "case-studies-table", "path": "case-studies.csv", "title": gettext(N_("Case studies, one row each")),
             "profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
             "schema": {"fields": fields, "primaryKey": ["slug"], "missingValues": [""]}},
            json_file("case-studies", "case-studies.json", gettext(N_("Case studies")), "case-study-record.schema.json"),
            json_file("partners", "partners.json", gettext(N_("Partners")), "partner-record.schema.json"),
            json_file("programmes", "programmes.json", gettext(N_("Programmes")), "programme-record.schema.json"),
            json_file("taxonomy", "taxonomy.json", gettext(N_("Vocabularies: themes, modalities, regions..."))),
            json_file("case-study-front-matter-schema", "case-study.schema.json",
                      gettext(N_("JSON Schema of a case study's front matter"))),
            json_file("case-study-record-schema", "case-study-record.schema.json",
                      gettext(N_("JSON Schema of a record of case-studies.json"))),
            json_file("partner-record-schema", "partner-record.schema.json",
                      gettext(N_("JSON Schema of a record of partners.json"))),
            json_file("programme-record-schema", "programme-record.schema.json",
                      gettext(N_("JSON Schema of a record of programmes.json"))),
        ],
    }


EXPORT_PATHS = (f"{API}/case-studies.json", f"{API}/case-studies.csv", f"{API}/partners.json",
                f"{API}/taxonomy.json", f"{API}/case-study.schema.json", f"{API}/case-study-record.schema.json",
                f"{API}/partner-record.schema.json", f"{API}/programmes.json", f"{API}/programme-record.schema.json",
                f"{API}/datapackage.json")

DATA_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                "path": "https://creativecommons.org/licenses/by/4.0/"}


def export_files(catalogue: Catalogue, urls: Urls, site_name: str = "") -> dict[str, str]:
    """Site path -> text of every open-data file."""
    records = [case_study_record(catalogue.case_studies[slug], catalogue, urls) for slug in sorted(catalogue.case_studies)]
    partners = [partner_record(catalogue.partners[pid], catalogue, urls) for pid in sorted(catalogue.partners)]
    programmes = [programme_record(catalogue.programmes[pid], catalogue, urls) for pid in sorted(catalogue.programmes)]
    taxonomy = {name: [term_record(term) for term in vocabulary]
                for name, vocabulary in sorted(catalogue.taxonomy.vocabularies.items())}
    return {
        f"{API}/case-studies.json": _json(records),
        f"{API}/case-studies.csv": case_studies_csv(records),
        f"{API}/partners.json": _json(partners),
        f"{API}/taxonomy.json": _json(taxonomy),
        f"{API}/case-study.schema.json": _json(json_schema(catalogue.taxonomy)),
        f"{API}/case-study-record.schema.json": _json(case_study_record_schema(catalogue.taxonomy)),
        f"{API}/partner-record.schema.json": _json(partner_record_schema(catalogue.taxonomy)),
        f"{API}/programmes.json": _json(programmes),
        f"{API}/programme-record.schema.json": _json(programme_record_schema(catalogue.taxonomy)),
        f"{API}/datapackage.json": _json(data_package(site_name, DATA_LICENCE)),
    }
