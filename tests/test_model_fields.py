"""What the model can say beyond one period and one role per partner, as the sources do.

A timeline of dated milestones; relations between partners (who mentors, funds or facilitates
whom, or that the direction is not known); outcomes with a group within the partner, a standing
(planned, reported, evaluated) and the source that reports them; editors' notes stated where the
fact is shown; the case study's review state (a facet) and kind of evidence; the practice it was
adapted from, and success and limiting factors. Every field is optional; each mistake is one line
with the fix.
"""

from __future__ import annotations

import json

import pytest
from browse_helpers import content_of, seed_hub  # noqa: F401  (a fixture)
from helpers import CASE_STUDY_PATH, assert_clean, case_study, check, line_of, load, make_hub, partner, the_one

from hub_plugin.model.dates import PartialDate
from hub_plugin.model.records import EditorialNote, Milestone, Relation, Review, Transfer

GAMMA = "content/partners/gamma-village.md"
SOURCES = 'sources:\n  - {id: report, title: Programme report, kind: report}'
BODY = "## Context\n\nAlpha City had never drawn up a budget for more than one year [@report].\n"
MORE = """timeline:
  - {date: 2016, text: Beta Town offers help, source: report}
  - {date: about 2015, text: First contacts}
relations:
  - {from: beta-town, to: alpha-city, kind: mentors}
  - {from: alpha-city, to: beta-town, kind: peers, direction: unknown}
notes:
  - {about: period, kind: uncertainty, text: The report gives only the year., source: report}
review: {state: reviewed, by: The editors, date: 2024-05}
evidence: evaluation
success_factors: [Both mayors backed it]
limiting_factors: [Staff turnover in Alpha City]"""


def loaded(tmp_path, **fields):
    text = case_study(BODY, sources=SOURCES, **fields)
    catalogue, report = load(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text}))
    return catalogue, report, text


def test_every_new_field_is_read_into_the_one_model(tmp_path):
    catalogue, report, _ = loaded(tmp_path, more=MORE)
    assert_clean(report)
    cs = catalogue.case_studies["alpha-beta-mentoring"]
    assert cs.timeline == [Milestone(PartialDate(2016), "Beta Town offers help", "report"),
                           Milestone(PartialDate(2015, qualifier="about"), "First contacts")]
    assert cs.relations == [Relation("beta-town", "alpha-city", "mentors"),
                            Relation("alpha-city", "beta-town", "peers", direction_known=False)]
    assert cs.notes == [EditorialNote("period", "uncertainty", "The report gives only the year.", "report")]
    assert cs.review == Review("reviewed", "The editors", PartialDate(2024, 5))
    assert (cs.review_state, cs.evidence) == ("reviewed", "evaluation")
    assert (cs.success_factors, cs.limiting_factors) == (["Both mayors backed it"], ["Staff turnover in Alpha City"])


def test_a_case_study_without_them_is_still_valid_and_submitted(tmp_path):
    catalogue, report, _ = loaded(tmp_path)
    assert_clean(report)
    cs = catalogue.case_studies["alpha-beta-mentoring"]
    assert (cs.timeline, cs.relations, cs.notes, cs.review, cs.review_state) == ([], [], [], None, "submitted")


def test_an_outcome_has_a_group_a_standing_and_the_source_that_reports_it(tmp_path):
    outcomes = ("outcomes:\n  - {text: A three-year budget adopted, beneficiary: alpha-city, group: finance staff, "
                "standing: planned, reported_by: report}")
    catalogue, report, _ = loaded(tmp_path, outcomes=outcomes)
    assert_clean(report)
    (outcome,) = catalogue.case_studies["alpha-beta-mentoring"].outcomes
    assert (outcome.group, outcome.standing, outcome.reported_by) == ("finance staff", "planned", "report")


@pytest.mark.parametrize(("fields", "needle", "message"), [
    ({"more": "relations:\n  - {from: beta-town, to: gamma-village, kind: mentors}"}, "to: gamma-village",
     "'gamma-village' is not a partner of this case study; use one of: beta-town, alpha-city"),
    ({"more": "relations:\n  - {from: beta-town, to: beta-town, kind: mentors}"}, "to: beta-town",
     "a relation is between two partners; 'beta-town' is on both sides"),
    ({"more": "relations:\n  - {from: beta-town, to: alpha-city, kind: teaches}"}, "kind: teaches",
     "'teaches' is not a known kind of relation; use one of: mentors, funds, facilitates, peers"),
    ({"more": "timeline:\n  - {date: 2016, text: Help offered, source: minutes}"}, "source: minutes",
     "'minutes' is not the id of a source of this case study; use one of: report"),
    ({"outcomes": "outcomes:\n  - {text: A budget, beneficiary: alpha-city, standing: hoped}"}, "standing: hoped",
     "'hoped' is not a known standing of an outcome; use one of: planned, reported, evaluated"),
    ({"more": "notes:\n  - {about: weather, kind: correction, text: It rained.}"}, "about: weather",
     "'weather' is not a known field a note can be about"),
    ({"more": "review: {state: approved}"}, "state: approved", "'approved' is not"),
    ({"more": "derived_from: {case_study: alpha-beta-mentoring}"}, "case_study: alpha-beta-mentoring",
     "a practice cannot be adapted from itself"),
    ({"more": "evidence: rumour"}, "evidence: rumour",
     "'rumour' is not a known kind of evidence; use one of: self-reported, evaluation, study"),
    ({"more": "review: {state: reviewed, date: 2099-01}"}, "date: 2099-01",
     "2099-01 is in the future; write the date it was reviewed, which cannot be later than today"),
])
def test_a_mistake_in_a_new_field_is_one_error_on_its_line(tmp_path, fields, needle, message):
    text = case_study(BODY, sources=SOURCES, **fields)
    # Gamma Village has a partner file but takes no part in this case study.
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text, GAMMA: partner()})))
    assert diagnostic.line == line_of(text, needle), diagnostic
    assert message in diagnostic.message, diagnostic.message


def test_a_derived_practice_names_its_origin_and_the_origin_shows_where_it_was_replicated(tmp_path):
    second = case_study(BODY.replace("Alpha City", "Gamma"), sources=SOURCES, title="title: Beta Town mentors Alpha City again",
                        more="derived_from: {case_study: alpha-beta-mentoring, changes: A smaller council}")
    catalogue, report = load(make_hub(tmp_path / "hub", {"content/case-studies/again.md": second}))
    assert_clean(report)
    assert catalogue.case_studies["again"].derived_from == Transfer("alpha-beta-mentoring", "A smaller council")
    assert catalogue.adapted_into == {"alpha-beta-mentoring": ["again"]}


# -- on the seed site -------------------------------------------------------------------------

def test_a_correction_is_stated_where_the_fact_is_shown(seed_hub):
    for url in ("case-studies/durban-mzuzu/", "partners/mzuzu/"):
        facts = content_of(seed_hub.page(url)).find("aside", cls="hub-facts")
        notes = [" ".join(p.text().split()) for p in facts.find_all("p") if "hub-note--correction" in p.classes]
        assert notes == ["Correction: The source article places Mzuzu in South Africa; Mzuzu is in Malawi."], url


def test_the_timeline_is_shown_in_order_with_its_sources(seed_hub):
    article = content_of(seed_hub.page("case-studies/gran-mukono-lugazi/"))
    section = article.find("section", cls="hub-timeline")
    items = [" ".join(li.text().split()) for li in section.find_all("li")]
    assert items[0].startswith("about 1998: A two-year pilot")
    assert items[-1].startswith("2013: Planned phase-out")
    years = [int(item.split(":")[0].split()[-1]) for item in items]
    assert years == sorted(years)
    assert all(li.find("a", cls="hub-ref") is not None for li in section.find_all("li"))


def test_relations_say_who_does_what_and_when_nobody_knows(seed_hub):
    gran = content_of(seed_hub.page("case-studies/gran-mukono-lugazi/")).find("ul", cls="hub-relations")
    assert [" ".join(li.text().split()) for li in gran.find_all("li")] == [
        "Gran Municipality and Mukono: peers", "Mukono mentors Lugazi"]
    rosario = content_of(seed_hub.page("case-studies/rosario-ciudad-sur/")).find("ul", cls="hub-relations")
    assert "(the source does not say who led)" in rosario.text()


def test_planned_outcomes_say_so(seed_hub):
    outcomes = content_of(seed_hub.page("case-studies/gran-mukono-lugazi/")).find("section", cls="hub-outcomes")
    planned = [li for li in outcomes.find_all("li") if "planned, not reported as done" in li.text()]
    assert len(planned) == 2


def test_the_standing_is_a_badge_a_browse_page_and_a_search_facet(seed_hub):
    badge = content_of(seed_hub.page("case-studies/johannesburg-lilongwe-cds/")).find("span", cls="hub-badge")
    assert badge.text().strip() == "Reviewed"
    assert (seed_hub.site / "standing" / "reviewed" / "index.html").is_file()
    index = (seed_hub.site / "search" / "hub-index.js").read_text(encoding="utf-8")
    payload = json.loads(json.loads(index.split("JSON.parse(", 1)[1].rsplit(")", 1)[0]))
    assert "standing" in payload["facets"]
    assert "reviewed" in payload["facetValues"]["standing"]


def test_the_open_data_carries_the_new_fields(seed_hub):
    records = {r["slug"]: r for r in json.loads((seed_hub.site / "api" / "case-studies.json").read_text(encoding="utf-8"))}
    gran = records["gran-mukono-lugazi"]
    assert gran["relations"] == [{"from": "gran", "to": "mukono", "kind": "peers"},
                                 {"from": "mukono", "to": "lugazi", "kind": "mentors"}]
    assert gran["timeline"][0] == {"date": "about 1998", "text": "A two-year pilot of the Gran-Mukono link begins",
                                   "source": "bjorndal-2012"}
    assert gran["review"]["state"] == "reviewed" and gran["evidence"] == "study"
    assert gran["outcomes"][0]["standing"] == "planned"
    partners = {p["id"]: p for p in json.loads((seed_hub.site / "api" / "partners.json").read_text(encoding="utf-8"))}
    assert partners["mzuzu"]["notes"][0]["kind"] == "correction"
