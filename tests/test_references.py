"""Sources as records, and citations of them in a narrative: ``[@id]`` becomes a numbered reference.

A source may have an id, authors, a date (as precise as known) and a kind. The narrative
cites sources by id; ``hub check`` refuses a citation of an id that no source has (with
the line and column of the citation) and warns about a source with an id that nothing
cites. On the built page each citation links to its source, and each source back to its
citations; the open data and the JSON Schema carry the new fields.
"""

from __future__ import annotations

import json

import pytest
from browse_helpers import content_of, seed_hub  # noqa: F401  (a fixture)
from helpers import CASE_STUDY_PATH, assert_clean, case_study, check, line_of, load, make_hub, the_one

from hub_plugin.derive.references import cited_at, find_citations
from hub_plugin.model.dates import PartialDate

SOURCES = """sources:
  - id: beta-report-2018
    title: Programme report
    authors: [Ana Pérez, John Smith]
    date: 2018-03
    kind: report
  - {id: alpha-minutes, title: Council minutes, kind: note}"""
CITING = ("## Context\n\nAlpha City had never drawn up a budget for more than one year [@beta-report-2018].\n\n"
          "The council agreed in March [@alpha-minutes; @beta-report-2018].\n")


def test_a_source_records_its_id_authors_date_and_kind(tmp_path):
    catalogue, report = load(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: case_study(CITING, sources=SOURCES)}))
    assert_clean(report)
    first, second = catalogue.case_studies["alpha-beta-mentoring"].sources
    assert (first.id, first.authors, first.date, first.kind) == (
        "beta-report-2018", ("Ana Pérez", "John Smith"), PartialDate(2018, 3), "report")
    assert (second.id, second.kind, second.when) == ("alpha-minutes", "note", None)


def test_citations_are_found_outside_code_in_reading_order():
    body = "One [@a].\n\nAn example: `[@not-this]`.\n\n```\n[@in-a-fence]\n```\n\nTwo [@b; @a]\n"
    assert [(c.line_offset, c.col, c.ids) for c in find_citations(body)] == [(0, 5, ("a",)), (8, 5, ("b", "a"))]


def test_a_citation_of_an_unknown_source_is_an_error_at_the_citation(tmp_path):
    body = CITING.replace("[@alpha-minutes;", "[@alpha-minute;")
    text = case_study(body, sources=SOURCES)
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text})))
    assert diagnostic.line == line_of(text, "[@alpha-minute;")
    assert diagnostic.col == text.split("\n")[diagnostic.line - 1].index("[@alpha-minute;") + 1
    assert diagnostic.message == ("[@alpha-minute] cites no source of this case study; the sources' ids are: "
                                  "beta-report-2018, alpha-minutes; did you mean 'alpha-minutes'?")


def test_a_citation_in_a_case_study_whose_sources_have_no_id_says_how_to_give_one(tmp_path):
    text = case_study("## Context\n\nAs reported [@report].\n")
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text})))
    assert diagnostic.message == ("[@report] cites no source of this case study; give the source an id "
                                  "under 'sources' (id: report)")


def test_a_source_with_an_id_that_nothing_cites_is_a_warning_on_its_id(tmp_path):
    text = case_study(CITING.replace(" [@alpha-minutes; @beta-report-2018]", ""), sources=SOURCES)
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text})), severity="warning")
    assert diagnostic.line == line_of(text, "id: alpha-minutes")
    assert diagnostic.message == ("nothing in the narrative cites the source 'alpha-minutes'; "
                                  "cite it where its facts are used: [@alpha-minutes]")


def test_two_sources_with_one_id_is_an_error_on_the_second(tmp_path):
    text = case_study(CITING.replace("@alpha-minutes; ", ""), sources=SOURCES.replace("id: alpha-minutes", "id: beta-report-2018"))
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text})))
    assert diagnostic.line == line_of(text, "{id: beta-report-2018")
    assert "the source id 'beta-report-2018' is given twice (also to source 1)" in diagnostic.message


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("kind", "rumour", "'rumour' is not a known kind of source"),
    ("id", "Beta Report", "'id' must be lower-case words and digits joined by hyphens"),
    ("date", "2018-13", "'2018-13' is not a date this hub understands"),
])
def test_a_bad_source_field_is_an_error_on_its_line(tmp_path, field, value, fragment):
    sources = SOURCES.replace({"kind": "kind: report", "id": "id: beta-report-2018", "date": "date: 2018-03"}[field],
                              f"{field}: {value}")
    body = CITING if field != "id" else CITING.replace("@beta-report-2018", "@alpha-minutes")
    text = case_study(body, sources=sources)
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text})))
    assert diagnostic.line == line_of(text, f"{field}: {value}")
    assert fragment in diagnostic.message


# -- on the built seed site -------------------------------------------------------------------

def test_every_citation_links_to_its_source_and_every_source_back_to_its_citations(seed_hub):
    checked = 0
    for slug, case_study_ in seed_hub.catalogue.case_studies.items():
        article = content_of(seed_hub.page(f"case-studies/{slug}/"))
        ids = {node.attrs.get("id") for node in article.iter() if node.attrs.get("id")}
        numbers = {source.id: position for position, source in enumerate(case_study_.sources, 1) if source.id}
        # The narrative's citations (each with its own id, where a source's back-link leads); an outcome's or a
        # milestone's reference to its source has none.
        references = [a for a in article.find_all("a") if "hub-ref" in a.classes and a.attrs.get("id")]
        assert len(references) == sum(len(c.ids) for c in find_citations(case_study_.body)), slug
        for link in references:
            target = link.attrs["href"].removeprefix("#source-")
            assert f"source-{target}" in ids, (slug, link.attrs)
            assert link.text() == str(numbers[target])
            checked += 1
        for source_id, anchors in cited_at(case_study_).items():
            back = [a.attrs["href"] for a in article.find("li", id=f"source-{source_id}").find_all("a")
                    if a.attrs.get("href", "").startswith("#cite-")]
            assert back == [f"#{anchor}" for anchor in anchors]
            assert all(anchor in ids for anchor in anchors)
    assert checked >= 11


def test_the_open_data_and_the_schema_carry_the_sources_records(seed_hub):
    records = json.loads((seed_hub.site / "api" / "case-studies.json").read_text(encoding="utf-8"))
    gran = next(record for record in records if record["slug"] == "gran-mukono-lugazi")
    assert gran["sources"][0] == {
        "title": "Has It Been Worth It? The significance of participating in a MIC programme as seen from a "
                 "Norwegian municipality's perspective",
        "publisher": "University of Oslo, Institute for Sociology and Human Geography, for KS",
        "id": "bjorndal-2012", "authors": ["Marianne Tranberg Bjørndal", "Karl-Martin Høie", "Eirin Kristiansen",
                                           "Mari Nielsen Vaage"], "date": "2012-05", "kind": "study"}
    schema = json.loads((seed_hub.site / "api" / "case-study.schema.json").read_text(encoding="utf-8"))
    source = schema["properties"]["sources"]["items"]["properties"]
    assert {"id", "authors", "date", "kind"} <= set(source)
