"""Programmes as records: ``content/programmes/<id>.md`` says who runs and funds a programme, when, and on what sources.

Its id is the term case studies name in ``programme:`` (the taxonomy's former programme terms, ids
kept); its page, in place of the term page, shows those facts above its own text and below it the
programme's partnerships with their partners, countries, themes and periods, their map and the
programme's sources, cited from its text. The open data publishes the records with a schema of
their own. taxonomy.yml may still list a lighter programme, with a label only.
"""

from __future__ import annotations

import datetime
import json

import jsonschema
import pytest
from browse_helpers import content_of, parse_page
from conftest import REPO, mkdocs_build
from helpers import CASE_STUDY_PATH, assert_clean, case_study, check, line_of, load, make_hub, the_one

from hub_plugin.check.loading import load_vocabularies
from hub_plugin.contribute.issueform import issue_form_data
from hub_plugin.derive.browse import browse_pages
from hub_plugin.derive.urls import Urls
from hub_plugin.model.dates import PartialDate
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.search.documents import documents

PROGRAMME_PATH = "content/programmes/beta-exchange.md"
PROGRAMME = """---
name: "Beta Exchange Programme"
summary: "Beta Town's exchanges of finance staff with towns in the South."
owner: beta-town
funders: [alpha-city]
period: {start: about 2009, end: 2019}
aliases: [beta-old]
sources:
  - {id: beta-review, title: "Review of the exchanges", authors: [Ana Pérez], date: 2019-06, kind: evaluation}
notes:
  - {about: period, kind: uncertainty, text: "The review gives the start only as 'about 2009'.", source: beta-review}
---
Beta Town has sent finance staff to partner towns since about 2009 [@beta-review].
"""
NAMING_IT = case_study(programme="programme: beta-exchange")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_hub(tmp_path_factory.mktemp("programmes") / "hub",
                    {PROGRAMME_PATH: PROGRAMME, CASE_STUDY_PATH: NAMING_IT})
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root


def test_a_programme_record_holds_its_owner_funders_period_sources_and_notes(tmp_path):
    catalogue, report = load(make_hub(tmp_path / "hub", {PROGRAMME_PATH: PROGRAMME, CASE_STUDY_PATH: NAMING_IT}))
    assert_clean(report)
    programme = catalogue.programmes["beta-exchange"]
    assert (programme.name, programme.owner, programme.funders) == ("Beta Exchange Programme", "beta-town", ["alpha-city"])
    assert programme.period is not None and programme.period.start == PartialDate(2009, qualifier="about")
    assert [source.id for source in programme.sources] == ["beta-review"]
    assert catalogue.case_studies["alpha-beta-mentoring"].programme == "beta-exchange"
    assert catalogue.taxonomy.label("programmes", "beta-exchange") == "Beta Exchange Programme"


def test_a_case_study_may_name_a_programme_by_a_former_id_with_a_warning(tmp_path):
    root = make_hub(tmp_path / "hub", {PROGRAMME_PATH: PROGRAMME,
                                       CASE_STUDY_PATH: case_study(programme="programme: beta-old")})
    diagnostic = the_one(check(root), severity="warning")
    assert (diagnostic.severity, diagnostic.message) == (
        "warning", "'beta-old' is a former id in 'programmes'; write 'beta-exchange' instead")


def test_an_unknown_programme_says_which_file_is_missing_and_the_closest_id(tmp_path):
    text = case_study(programme="programme: beta-exchang")
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {PROGRAMME_PATH: PROGRAMME, CASE_STUDY_PATH: text})))
    assert diagnostic.line == line_of(text, "programme: beta-exchang")
    assert diagnostic.message.startswith("there is no programme 'beta-exchang' (no file "
                                         "content/programmes/beta-exchang.md); did you mean 'beta-exchange'")


def test_an_owner_that_is_no_partner_is_an_error_on_its_line(tmp_path):
    text = PROGRAMME.replace("owner: beta-town", "owner: beta-twn")
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {PROGRAMME_PATH: text})), PROGRAMME_PATH)
    assert (diagnostic.path, diagnostic.line, diagnostic.col) == (PROGRAMME_PATH, line_of(text, "owner:"), 1)
    assert diagnostic.message == ("there is no partner 'beta-twn' (no file content/partners/beta-twn.md); "
                                  "did you mean 'beta-town'?")


def test_a_programme_in_taxonomy_yml_and_in_a_file_is_refused_with_the_fix(tmp_path):
    root = make_hub(tmp_path / "hub", {PROGRAMME_PATH: PROGRAMME})
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\nprogrammes:\n  - id: beta-exchange\n"
                        "    label: {en: Beta Exchange}\n", encoding="utf-8")
    diagnostic = the_one(check(root), PROGRAMME_PATH)
    assert diagnostic.path == PROGRAMME_PATH
    assert diagnostic.message == ("taxonomy.yml lists the programme 'beta-exchange' too; remove it from "
                                  "taxonomy.yml's 'programmes': this file is its record now")


def test_a_programme_listed_only_in_taxonomy_yml_still_works(tmp_path):
    root = make_hub(tmp_path / "hub", {CASE_STUDY_PATH: case_study(programme="programme: light-programme")})
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + "\nprogrammes:\n  - id: light-programme\n"
                        "    label: {en: A light programme}\n", encoding="utf-8")
    catalogue, report = load(root)
    assert_clean(report)
    assert catalogue.case_studies["alpha-beta-mentoring"].programme == "light-programme"
    mkdocs_build(root / "mkdocs.yml", root / "site")
    article = content_of(parse_page(root / "site", "programmes/light-programme/"))
    assert "A light programme" in article.text()


def test_a_programme_source_that_nothing_cites_is_a_warning(tmp_path):
    text = PROGRAMME.replace(" [@beta-review]", "").replace(", source: beta-review}", "}")
    diagnostic = the_one(check(make_hub(tmp_path / "hub", {PROGRAMME_PATH: text})), PROGRAMME_PATH, "warning")
    assert diagnostic.severity == "warning"
    assert diagnostic.message.startswith("nothing in the narrative cites the source 'beta-review'")


def test_the_page_shows_who_runs_and_funds_it_and_when(built):
    article = content_of(parse_page(built / "site", "programmes/beta-exchange/"))
    facts = {dt.text(): dd for dt, dd in zip(article.find_all("dt"), article.find_all("dd"), strict=True)}
    assert facts["Run by"].find("a").attrs["href"] == "../../partners/beta-town/"
    assert facts["Funded by"].find("a").attrs["href"] == "../../partners/alpha-city/"
    assert facts["Period"].text().startswith("about 2009 – 2019")
    assert "The review gives the start only as 'about 2009'." in facts["Period"].text()
    assert article.find("h1").text() == "Beta Exchange Programme"


def test_the_page_lists_its_partnerships_with_partners_countries_themes_and_period(built):
    article = content_of(parse_page(built / "site", "programmes/beta-exchange/"))
    assert article.find("h2", id="case-studies").text() == "1 case study"
    row = article.find("table", cls="hub-programme-table").find("tbody").find("tr")
    cells = [cell.text() for cell in row.child_nodes()]
    assert cells[0] == "Beta Town mentors Alpha City on budgeting"
    assert "Beta Town" in cells[1] and "Alpha City" in cells[1]
    assert cells[3] == "Municipal finance" and cells[4] == "2015 – 2017"
    assert article.find("section", cls="hub-map-section") is not None


def test_a_citation_in_the_programme_text_links_to_its_source_and_back(built):
    article = content_of(parse_page(built / "site", "programmes/beta-exchange/"))
    notes_reference, reference = article.find_all("a", cls="hub-ref")  # the period's note, then the text's citation
    assert notes_reference.attrs["href"] == "#source-beta-review"
    assert reference.attrs["href"] == "#source-beta-review" and reference.text() == "1"
    source = article.find("li", id="source-beta-review")
    assert "Ana Pérez" in source.text() and "(evaluation)" in source.text()
    back = source.find("span", cls="hub-backrefs").find("a")
    assert back.attrs["href"] == f"#{reference.attrs['id']}"


def test_the_case_study_links_to_the_programme_page(built):
    article = content_of(parse_page(built / "site", "case-studies/alpha-beta-mentoring/"))
    link = [a for a in article.find_all("a", cls="hub-term") if a.text() == "Beta Exchange Programme"]
    assert link and link[0].attrs["href"] == "../../programmes/beta-exchange/"


def test_the_open_data_publishes_each_programme_under_its_own_schema(built):
    api = built / "site" / "api"
    records = json.loads((api / "programmes.json").read_text(encoding="utf-8"))
    schema = json.loads((api / "programme-record.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for record in records:
        jsonschema.validate(record, schema)
    beta = next(record for record in records if record["id"] == "beta-exchange")
    assert beta["case_studies"] == ["alpha-beta-mentoring"] and beta["owner"] == "beta-town"
    assert beta["period"]["start_qualifier"] == "about"
    assert beta["countries"] == ["MW", "ZA"]  # Alpha City's and Beta Town's
    package = json.loads((api / "datapackage.json").read_text(encoding="utf-8"))
    assert {"programmes.json", "programme-record.schema.json"} <= {resource["path"] for resource in package["resources"]}


def test_a_programme_is_one_search_document_the_record_not_also_its_term_page(tmp_path):
    root = make_hub(tmp_path / "hub", {PROGRAMME_PATH: PROGRAMME, CASE_STUDY_PATH: NAMING_IT})
    catalogue, _ = load(root)
    found = documents(catalogue, Urls(directory_urls=True), [(page.vocabulary, page.term_id)
                                                              for page in browse_pages(catalogue) if page.kind == "term"])
    ids = [doc.id for doc in found]
    assert len(ids) == len(set(ids))
    beta = next(doc for doc in found if doc.id == "programmes/beta-exchange/")
    assert beta.kind == "programme" and beta.title == "Beta Exchange Programme"


def test_the_issue_form_offers_the_programme_records_by_name():
    taxonomy = load_vocabularies(HubPaths.at(REPO), Report())
    form = issue_form_data(taxonomy)
    options = next(element for element in form["body"] if element.get("id") == "programme")["attributes"]["options"]
    assert "KS Municipal International Cooperation (MIC) programme" in options
    assert len(options) == len(list((REPO / "content" / "programmes").glob("*.md")))


def test_the_seed_programmes_are_records_and_taxonomy_yml_lists_none():
    catalogue, report = load(REPO, today=datetime.date.today())  # the seeds were reviewed after the tests' TODAY
    assert not report.has_errors, report.format()
    assert set(catalogue.programmes) == {"uclg-mentoring", "ks-mic", "ilo-uclg-c2c", "uclg-cib", "berg-river-improvement"}
    assert "\nprogrammes:" not in (REPO / "taxonomy.yml").read_text(encoding="utf-8")
    for one in catalogue.case_studies.values():
        assert one.programme is None or one.programme in catalogue.programmes, one.slug
