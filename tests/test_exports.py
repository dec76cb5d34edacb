"""Open data published with every build: api/case-studies.json and .csv,
api/partners.json, api/taxonomy.json and the front matter's JSON Schema."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import yaml
from browse_helpers import (  # noqa: F401  (fixtures)
    FORMULA_SUMMARY,
    FORMULA_TITLE,
    SCRIPT_TITLE,
    BuiltHub,
    corpus_hub,
    edge_hub,
    expected_countries,
    hub,
    page_file,
    seed_hub,
    seed_rebuild,
)
from conftest import REPO
from jsonschema import Draft202012Validator

from hub_plugin.render.exports import CSV_COLUMNS

API_FILES = ("case-studies.json", "case-studies.csv", "partners.json", "taxonomy.json", "case-study.schema.json",
             "case-study-record.schema.json", "partner-record.schema.json", "datapackage.json")
FRONT_MATTER_FIELDS = {"title", "summary", "partners", "themes", "modalities", "programme", "sdgs", "period",
                       "status", "language", "outcomes", "lessons", "related", "sources", "contacts", "licence"}


class _Loader(yaml.SafeLoader):
    """YAML as editors read front matter: dates stay text (YAML 1.2 has no timestamps)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    _, front, _ = text.split("---\n", 2)
    return yaml.load(front, Loader=_Loader)


def api(built: BuiltHub, name: str):
    text = (built.site / "api" / name).read_text(encoding="utf-8")
    return json.loads(text) if name.endswith(".json") else text


def csv_rows(built: BuiltHub) -> list[list[str]]:
    return list(csv.reader(io.StringIO(api(built, "case-studies.csv"))))


def expected_regions(built: BuiltHub, slug: str) -> list[str]:
    return sorted(built.terms[slug]["regions"])


# -- case-studies.json ----------------------------------------------------------------------

def test_case_studies_json_has_one_record_per_case_study_with_every_field(hub):
    records = api(hub, "case-studies.json")
    slugs = [record["slug"] for record in records]
    assert sorted(slugs) == sorted(hub.catalogue.case_studies) and len(set(slugs)) == len(slugs)
    for record in records:
        slug = record["slug"]
        missing = (FRONT_MATTER_FIELDS | {"slug", "url", "countries", "regions"}) - set(record)
        assert not missing, f"{slug}: {sorted(missing)} missing"
        case_study = hub.catalogue.case_studies[slug]
        assert record["countries"] == sorted(expected_countries(hub.catalogue, case_study)), slug
        assert record["regions"] == expected_regions(hub, slug), slug
        assert page_file(hub.site, record["url"]).is_file(), f"{slug}: {record['url']} is not a page"
        assert record["url"] == f"case-studies/{slug}/"


def test_json_records_hold_the_values_of_the_front_matter(seed_hub):
    records = {record["slug"]: record for record in api(seed_hub, "case-studies.json")}
    problems = []
    for path in sorted((REPO / "content" / "case-studies").glob("*.md")):
        if path.name == "index.md" or "." in path.stem:  # a translation (<slug>.<lang>.md) is not a record
            continue
        front = front_matter(path)
        record = records[path.stem]
        expected = {
            "title": front["title"].strip(),
            "summary": front["summary"].strip(),
            "partners": front["partners"],
            "themes": front["themes"],
            "modalities": front["modalities"],
            "programme": front.get("programme"),
            "sdgs": front.get("sdgs", []),
            "status": front["status"],
            "language": front.get("language", "en"),
            "licence": front.get("licence", "CC-BY-4.0"),
            "lessons": [lesson.strip() for lesson in front.get("lessons") or []],
            "related": front.get("related") or [],
            "outcomes": [{**o, "text": o["text"].strip(), "standing": o.get("standing", "reported")}
                         for o in front.get("outcomes") or []],
            "sources": [{k: (v.strip() if isinstance(v, str) else v) for k, v in s.items()} for s in front["sources"]],
            "contacts": [{k: (v.strip() if isinstance(v, str) else v) for k, v in c.items()}
                         for c in front.get("contacts") or []],
        }
        if "period" in front:
            period = front["period"]
            def split(value):  # "about 2012" -> ("2012", "about"); 2015 -> ("2015", None)
                words = str(value).split()
                return (words[-1], words[0] if len(words) == 2 else None) if value is not None else (None, None)

            (start, start_qualifier), (end, end_qualifier) = split(period["start"]), split(period.get("end"))
            expected["period"] = {"start": start, "end": end, "start_qualifier": start_qualifier,
                                  "end_qualifier": end_qualifier if end else None}
        for key, value in expected.items():
            if record[key] != value:
                problems.append(f"{path.name}: {key} is {record[key]!r} in the JSON, {value!r} in the file")
    assert not problems, "\n".join(problems)


def test_sdgs_are_numbers_in_the_json_as_in_the_front_matter(hub):
    for record in api(hub, "case-studies.json"):
        assert all(type(goal) is int and 1 <= goal <= 17 for goal in record["sdgs"]), record["sdgs"]


# -- case-studies.csv -----------------------------------------------------------------------

def test_case_studies_csv_has_the_documented_columns_and_one_row_per_case_study(hub):
    rows = csv_rows(hub)
    assert rows[0] == list(CSV_COLUMNS)
    body = [dict(zip(rows[0], row)) for row in rows[1:]]
    assert all(len(row) == len(CSV_COLUMNS) for row in rows)
    assert sorted(row["slug"] for row in body) == sorted(hub.catalogue.case_studies)
    records = {record["slug"]: record for record in api(hub, "case-studies.json")}
    for row in body:
        record = records[row["slug"]]
        for column in ("url", "title", "summary", "status", "language", "licence"):
            assert row[column] == record[column], (row["slug"], column)
        assert row["programme"] == (record["programme"] or "")
        assert row["period_start"] == ((record["period"] or {}).get("start") or "")
        assert row["period_end"] == ((record["period"] or {}).get("end") or "")


LIST_COLUMNS = ("partners", "themes", "modalities", "sdgs", "countries", "regions", "outcomes", "lessons", "related",
                "sources")


def test_every_list_comes_back_whole_from_the_csv(hub):
    """A list is one cell of JSON: read back, it equals the JSON's (a lesson with "; " in it stays one lesson)."""
    rows = csv_rows(hub)
    records = {record["slug"]: record for record in api(hub, "case-studies.json")}
    compared = 0
    for row in (dict(zip(rows[0], row)) for row in rows[1:]):
        for column in LIST_COLUMNS:
            assert json.loads(row[column]) == records[row["slug"]][column], (row["slug"], column)
            compared += 1
    assert compared == len(records) * len(LIST_COLUMNS)
    if hub.name == "seed":
        lessons = json.loads(next(r for r in rows[1:] if r[0] == "berg-river-partnering")[CSV_COLUMNS.index("lessons")])
        assert len(lessons) == len(hub.catalogue.case_studies["berg-river-partnering"].lessons) == 6
        assert any("; " in lesson for record in records.values() for lesson in record["lessons"])


def test_csv_cells_that_start_like_a_formula_are_neutralised(edge_hub):
    rows = csv_rows(edge_hub)
    body = {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    formula = body["formula-cells"]
    assert formula["title"] == "'" + FORMULA_TITLE
    assert formula["summary"] == "'" + FORMULA_SUMMARY
    assert json.loads(formula["lessons"])[0].startswith("@SUM(1)")  # inside a JSON cell, which starts with "["
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@"), (row[0], cell)
    # The JSON keeps the text as written.
    record = [r for r in api(edge_hub, "case-studies.json") if r["slug"] == "formula-cells"][0]
    assert record["title"] == FORMULA_TITLE and record["summary"] == FORMULA_SUMMARY


# -- partners.json and taxonomy.json ----------------------------------------------------------

def test_partners_json_lists_every_partner_with_its_case_studies(hub):
    records = api(hub, "partners.json")
    assert [record["id"] for record in records] == sorted(hub.catalogue.partners)
    for record in records:
        partner = hub.catalogue.partners[record["id"]]
        assert (record["name"], record["kind"], record["country"]) == (partner.name, partner.kind, partner.country)
        naming = sorted(slug for slug, terms in hub.terms.items() if record["id"] in terms["partners"])
        assert sorted(record["case_studies"]) == naming, record["id"]
        assert page_file(hub.site, record["url"]).is_file(), record["url"]


def test_taxonomy_json_holds_every_vocabulary_and_term_of_taxonomy_yml_and_the_programme_records(hub):
    raw = yaml.safe_load((hub.root / "taxonomy.yml").read_text(encoding="utf-8"))
    exported = api(hub, "taxonomy.json")
    records = sorted(path.stem for path in (hub.root / "content" / "programmes").glob("*.md"))
    assert sorted(exported) == sorted({*raw, *(["programmes"] if records else [])})
    assert sorted(term["id"] for term in exported.get("programmes", [])) == \
        sorted({*records, *(str(term["id"]) for term in raw.get("programmes") or [])})
    for vocabulary, terms in raw.items():
        by_id = {term["id"]: term for term in exported[vocabulary]}
        assert list(by_id)[:len(terms or [])] == [str(term["id"]) for term in terms or []], vocabulary
        for term in terms:
            record = by_id[str(term["id"])]
            label = term["label"] if isinstance(term["label"], dict) else {"en": term["label"]}
            assert record["label"] == label, (vocabulary, term["id"])
            assert record.get("parent") == term.get("parent"), (vocabulary, term["id"])
            assert record.get("aliases", []) == term.get("aliases", []), (vocabulary, term["id"])


# -- the JSON Schema ------------------------------------------------------------------------

def seed_front_matters() -> dict[str, dict]:
    return {path.stem: front_matter(path) for path in sorted((REPO / "content" / "case-studies").glob("*.md"))
            if path.name != "index.md" and "." not in path.stem}  # not the translations


def test_the_schema_is_a_valid_json_schema_that_rejects_broken_front_matter(seed_hub):
    schema = api(seed_hub, "case-study.schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = Draft202012Validator(schema)
    assert FRONT_MATTER_FIELDS <= set(schema["properties"])
    base = seed_front_matters()["johannesburg-lilongwe-cds"]

    def broken(change) -> dict:
        front = copy.deepcopy(base)
        change(front)
        return front

    cases = {
        "title": broken(lambda f: f.pop("title")),
        "themes": broken(lambda f: f.update(themes=["municipal-finanse"])),
        "status": broken(lambda f: f.update(status="done")),
        "partners": broken(lambda f: f.update(partners=[])),
        "summary": broken(lambda f: f.update(summary="x" * 301)),
        "colour": broken(lambda f: f.update(colour="red")),
        "sources": broken(lambda f: f.update(sources=[{"title": "Report", "url": "javascript:alert(1)"}])),
        "period": broken(lambda f: f.update(period={"start": "around 2010"})),
    }
    for field, front in cases.items():
        errors = list(validator.iter_errors(front))
        about_field = [e for e in errors if (e.path and e.path[0] == field) or field in e.message]
        assert about_field, f"breaking '{field}' gives no error about it: {[e.message for e in errors]}"


def test_every_seed_case_study_is_valid_against_the_schema(seed_hub):
    validator = Draft202012Validator(api(seed_hub, "case-study.schema.json"))
    problems = [f"{slug}: {'/'.join(map(str, error.path))}: {error.message}"
                for slug, front in seed_front_matters().items() for error in validator.iter_errors(front)]
    assert not problems, "\n".join(problems)


# -- determinism and escaping ---------------------------------------------------------------

def test_open_data_files_are_byte_identical_across_two_builds(seed_hub, seed_rebuild):
    for name in API_FILES:
        first = (seed_hub.site / "api" / name).read_bytes()
        assert first, name
        assert first == (seed_rebuild.site / "api" / name).read_bytes(), f"api/{name} differs between two builds"
    # The pages that hold computed lists too.
    for first in sorted(seed_hub.site.glob("case-studies/*/index.html")):
        again = seed_rebuild.site / first.relative_to(seed_hub.site)
        assert first.read_bytes() == again.read_bytes(), first.relative_to(seed_hub.site)


def test_a_closing_script_tag_in_a_title_never_appears_raw_in_the_json(edge_hub):
    for name in API_FILES:
        if name.endswith(".json"):
            text = (edge_hub.site / "api" / name).read_text(encoding="utf-8")
            assert "</script>" not in text and "<script" not in text, name
    record = [r for r in api(edge_hub, "case-studies.json") if r["slug"] == "funders-only"][0]
    assert record["title"] == SCRIPT_TITLE


def test_the_export_paths_the_build_announces_are_the_files_it_writes(tmp_path):
    from helpers import load, make_hub

    from hub_plugin.derive.urls import Urls
    from hub_plugin.render.exports import EXPORT_PATHS, export_files

    catalogue, _ = load(make_hub(tmp_path))
    assert tuple(export_files(catalogue, Urls(directory_urls=True))) == EXPORT_PATHS
