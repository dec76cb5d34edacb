"""The rules a case study and a partner file must follow, checked by ``load_catalogue``.

Each test breaks one thing in an otherwise valid small hub (tests/helpers.py)
and expects one diagnostic on the line of the offending key or list item,
with a message that tells a non-programmer how to fix it.
"""

from __future__ import annotations

import copy
import datetime

import pytest
from helpers import (
    ALPHA_CITY,
    ALPHA_PATH,
    BETA_PATH,
    BETA_TOWN,
    CASE_STUDY_PATH,
    assert_clean,
    at,
    case_study,
    check,
    line_of,
    load,
    make_hub,
    partner,
    the_one,
)

from hub_plugin.model.dates import PartialDate, Period
from hub_plugin.read.diagnostics import Diagnostic, Report

SECOND_PATH = "content/case-studies/second.md"
GAMMA_PATH = "content/partners/gamma-village.md"


def broken(tmp_path, text: str, path: str = CASE_STUDY_PATH, **more: str) -> Report:
    return check(make_hub(tmp_path / "hub", {path: text, **more}))


def error_on(report: Report, path: str, line: int, *fragments: str, severity: str = "error") -> Diagnostic:
    """The diagnostic on ``path`` at ``line`` whose message holds every fragment."""
    for diagnostic in at(report, path):
        if diagnostic.severity == severity and diagnostic.line == line and all(f in diagnostic.message for f in fragments):
            return diagnostic
    raise AssertionError(f"no {severity} on {path}:{line} containing {fragments}; got:\n{report.format()}")


def test_the_small_valid_hub_has_no_diagnostics(tmp_path):
    catalogue, report = load(make_hub(tmp_path / "hub"))
    assert_clean(report)
    assert list(catalogue.case_studies) == ["alpha-beta-mentoring"]
    assert sorted(catalogue.partners) == ["alpha-city", "beta-town"]


# -- required fields -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["title", "summary", "partners", "themes", "modalities", "status", "sources"])
def test_a_missing_required_field_is_an_error_at_the_top_of_the_front_matter_with_an_example(tmp_path, name):
    report = broken(tmp_path, case_study(**{name: None}))
    diagnostic = the_one(report)
    assert diagnostic.line == 2
    assert f"'{name}' is required but missing; for example: {name}:" in diagnostic.message


def test_a_required_field_written_without_a_value_is_reported_on_its_own_line(tmp_path):
    text = case_study(summary="summary:")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "summary:")
    assert "'summary' is required but missing" in diagnostic.message


def test_a_title_of_only_spaces_is_reported_as_empty(tmp_path):
    diagnostic = the_one(broken(tmp_path, case_study(title='title: "   "')))
    assert "'title' is empty" in diagnostic.message


# -- lengths -------------------------------------------------------------------------------------------


def test_a_title_of_120_characters_is_accepted(tmp_path):
    assert_clean(broken(tmp_path, case_study(title="title: " + "T" * 120)))


def test_a_title_over_120_characters_is_an_error_giving_its_length_and_the_limit(tmp_path):
    diagnostic = the_one(broken(tmp_path, case_study(title="title: " + "T" * 121)))
    assert diagnostic.line == 2
    assert "121 characters" in diagnostic.message
    assert "at most 120" in diagnostic.message


def test_a_summary_over_300_characters_is_an_error_giving_the_limit(tmp_path):
    text = case_study(summary="summary: " + "S" * 301)
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "summary:")
    assert "at most 300" in diagnostic.message


def test_a_summary_of_300_characters_is_accepted(tmp_path):
    assert_clean(broken(tmp_path, case_study(summary="summary: " + "S" * 300)))


# -- unknown fields ----------------------------------------------------------------------------------


def test_an_unknown_field_close_to_a_known_one_suggests_it(tmp_path):
    text = case_study(themes=None, themse="themse: [municipal-finance]")
    report = broken(tmp_path, text)
    error_on(report, CASE_STUDY_PATH, line_of(text, "themse:"), "unknown field 'themse'; did you mean 'themes'?")


def test_an_unknown_field_unlike_any_other_lists_the_fields(tmp_path):
    text = case_study(budget="budget: 10000")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "budget:")
    assert "unknown field 'budget'; the fields are: title, summary, partners" in diagnostic.message


def test_an_unknown_field_inside_a_partner_entry_is_reported_on_that_entry(tmp_path):
    text = case_study(partners="partners:\n  - {id: beta-town, role: mentor, since: 2010}\n  - {id: alpha-city, role: mentee}")
    error_on(broken(tmp_path, text), CASE_STUDY_PATH, line_of(text, "since:"), "unknown field 'since' in 'partners'")


# -- vocabularies: themes, modalities, status, roles ----------------------------------------------


def test_an_unknown_theme_is_reported_on_its_list_item_with_a_suggestion(tmp_path):
    text = case_study(themes="themes:\n  - municipal-finance\n  - local-economic-developmnt")
    diagnostic = the_one(broken(tmp_path, text))
    assert (diagnostic.line, diagnostic.col) == (line_of(text, "- local-economic-developmnt"), 5)
    assert "'local-economic-developmnt' is not in the 'themes' list of taxonomy.yml" in diagnostic.message
    assert "did you mean 'local-economic-development'?" in diagnostic.message


def test_a_former_theme_id_is_accepted_with_a_warning_naming_the_current_id(tmp_path):
    text = case_study(themes="themes: [led]")
    catalogue, report = load(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: text}))
    assert not report.has_errors, report.format()
    warning = the_one(report, severity="warning")
    assert warning.line == line_of(text, "themes:")
    assert "'led' is a former id" in warning.message
    assert "write 'local-economic-development' instead" in warning.message
    assert catalogue.case_studies["alpha-beta-mentoring"].themes == ["local-economic-development"]


def test_an_unknown_modality_is_an_error(tmp_path):
    text = case_study(modalities="modalities: [mentoring, twining]")
    assert "did you mean 'twinning'?" in the_one(broken(tmp_path, text)).message


def test_a_status_not_in_the_list_names_the_allowed_values(tmp_path):
    text = case_study(status="status: finished")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "status:")
    assert "'finished' is not in the 'status' list" in diagnostic.message
    assert "use one of: completed, discontinued, ongoing, planned" in diagnostic.message


def test_an_unknown_role_names_the_allowed_roles(tmp_path):
    text = case_study(partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alpha-city, role: student}")
    error_on(broken(tmp_path, text), CASE_STUDY_PATH, line_of(text, "student"),
             "'student' is not in the 'roles' list", "mentee", "mentor", "peer")


def test_an_unknown_role_is_the_only_error_even_when_an_outcome_names_that_partner(tmp_path):
    text = case_study(partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alpha-city, role: student}")
    assert "'student'" in the_one(broken(tmp_path, text)).message


# -- SDGs --------------------------------------------------------------------------------------------


def test_sdg_18_does_not_exist(tmp_path):
    text = case_study(sdgs="sdgs: [11, 18]")
    diagnostic = the_one(broken(tmp_path, text))
    assert (diagnostic.line, diagnostic.col) == (line_of(text, "sdgs:"), 12)
    assert "'18' is not in the 'sdgs' list" in diagnostic.message


@pytest.mark.parametrize("value", ["eleven", "11.5", "true", "0", "-3"])
def test_sdgs_must_be_whole_numbers_from_1_to_17(tmp_path, value):
    text = case_study(sdgs=f"sdgs: [11, {value}]")
    diagnostic = the_one(broken(tmp_path, text))
    assert (diagnostic.line, diagnostic.col) == (line_of(text, "sdgs:"), 12)


def test_sdgs_may_be_quoted(tmp_path):
    assert_clean(broken(tmp_path, case_study(sdgs="sdgs: ['11', \"16\"]")))


def test_sdgs_are_loaded_as_whole_numbers_as_the_model_declares(tmp_path):
    catalogue, _ = load(make_hub(tmp_path / "hub"))
    assert catalogue.case_studies["alpha-beta-mentoring"].sdgs == [11, 16]


# -- period --------------------------------------------------------------------------------------------


def period_of(tmp_path, line: str) -> Period:
    catalogue, report = load(make_hub(tmp_path / "hub", {CASE_STUDY_PATH: case_study(period=line)}))
    assert_clean(report)
    return catalogue.case_studies["alpha-beta-mentoring"].period


def test_a_period_of_years_is_accepted(tmp_path):
    assert period_of(tmp_path, "period: {start: 2015, end: 2017}") == Period(PartialDate(2015), PartialDate(2017))


def test_a_period_of_years_and_months_is_accepted(tmp_path):
    assert period_of(tmp_path, "period: {start: 2015-03, end: 2017-11}") == Period(PartialDate(2015, 3),
                                                                                   PartialDate(2017, 11))


def test_a_period_of_full_dates_is_accepted_quoted_or_not(tmp_path):
    period = period_of(tmp_path, "period:\n  start: 2015-03-15\n  end: '2017-11-02'")
    assert period == Period(PartialDate(2015, 3, 15), PartialDate(2017, 11, 2))


def test_a_period_still_going_on_has_no_end(tmp_path):
    assert period_of(tmp_path, "period: {start: 2015}").end is None


def test_an_end_in_the_same_year_as_a_more_precise_start_is_not_before_it(tmp_path):
    assert period_of(tmp_path, "period: {start: 2017-05, end: 2017}").end == PartialDate(2017)


def test_a_period_without_start_is_an_error_on_the_period_line(tmp_path):
    text = case_study(period="period: {end: 2017}")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "period:")
    assert "'start' is required" in diagnostic.message


def test_a_period_written_as_a_single_year_asks_for_start_and_end(tmp_path):
    text = case_study(period="period: 2015")
    diagnostic = the_one(broken(tmp_path, text))
    assert "for example: period: {start: 2015, end: ...}" in diagnostic.message


def test_a_period_that_ends_before_it_starts_is_reported_on_the_end(tmp_path):
    text = case_study(period="period: {start: 2017, end: 2015}")
    diagnostic = the_one(broken(tmp_path, text))
    assert (diagnostic.line, diagnostic.col) == (line_of(text, "period:"), text.split("\n")[diagnostic.line - 1].index("end") + 1)
    assert "ends (2015) before it starts (2017)" in diagnostic.message


@pytest.mark.parametrize("line", ["period: {start: 2030}", "period: {start: 2020, end: 2024-07}",
                                  "period: {start: 2024-06-16}"])
def test_dates_in_the_future_are_errors(tmp_path, line):
    # helpers.TODAY is 2024-06-15.
    diagnostic = the_one(broken(tmp_path, case_study(period=line)))
    assert "in the future" in diagnostic.message
    assert "status: planned" in diagnostic.message


def test_today_is_not_in_the_future(tmp_path):
    assert period_of(tmp_path, "period: {start: 2024-06-15}").start == PartialDate(2024, 6, 15)


# Not real dates, and ways of saying an uncertain one that the hub does not read ("around", "circa", "after").
@pytest.mark.parametrize("value", ["05.03.2024", "2024-02-30", "2024-13", "March 2020", "true", "20",
                                   "around 2012", "circa 2012", "by", "about March 2012", "after 2010"])
def test_a_date_that_is_not_a_real_year_month_or_day_explains_the_accepted_forms(tmp_path, value):
    text = case_study(period=f"period: {{start: {value}}}")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "period:")
    assert f"'{value}' is not a date this hub understands" in diagnostic.message
    assert "2008-03" in diagnostic.message
    assert "about 2012, by 2010 (it existed then) or before 2013" in diagnostic.message


@pytest.mark.parametrize(("line", "expected", "words"), [
    ("period: {start: about 2012}", Period(PartialDate(2012, qualifier="about")), "since about 2012"),
    ("period: {start: by 2010}", Period(PartialDate(2010, qualifier="by")), "under way by 2010"),
    ("period: {start: before 2023}", Period(PartialDate(2023, qualifier="before")), "since before 2023"),
    ("period: {start: About 2015-02, end: 2017}", Period(PartialDate(2015, 2, qualifier="about"), PartialDate(2017)),
     "about February 2015 – 2017"),
    ("period: {start: 2010, end: by 2013}", Period(PartialDate(2010), PartialDate(2013, qualifier="by")),
     "2010 – by 2013"),
])
def test_a_date_can_say_what_the_source_says_about_approximately_by_or_before(tmp_path, line, expected, words):
    from hub_plugin.render.words import period_words

    period = period_of(tmp_path, line)
    assert period == expected
    assert period_words(period) == words


def test_qualified_dates_sort_and_filter_by_their_year(tmp_path):
    from hub_plugin.model.records import newest_first

    approximate = Period(PartialDate(2012, qualifier="about"))
    assert approximate.start.sort_key == PartialDate(2012).sort_key
    assert PartialDate(2013, qualifier="before").filter_year == 2012
    assert PartialDate(2010, qualifier="by").filter_year == 2010
    catalogue, _ = load(make_hub(tmp_path / "hub"))
    case = catalogue.case_studies["alpha-beta-mentoring"]
    older, newer = copy.copy(case), copy.copy(case)
    older.slug, older.period = "older", Period(PartialDate(2010, qualifier="by"))
    newer.slug, newer.period = "newer", approximate
    assert [cs.slug for cs in newest_first([older, newer])] == ["newer", "older"]


def test_dates_are_checked_against_the_real_today_by_default(tmp_path):
    root = make_hub(tmp_path / "hub", {CASE_STUDY_PATH: case_study(period=f"period: {{start: {datetime.date.today().year + 1}}}")})
    catalogue, report = load(root, today=datetime.date.today())
    assert "in the future" in the_one(report).message


# -- partners, outcomes, contacts, related -----------------------------------------------------------


def test_a_partner_without_a_file_is_an_error_suggesting_the_closest_id(tmp_path):
    text = case_study(partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alpha-cty, role: mentee}",
                      outcomes="outcomes:\n  - {text: A budget, beneficiary: beta-town}")
    diagnostic = the_one(broken(tmp_path, text))
    assert (diagnostic.line, diagnostic.col) == (line_of(text, "alpha-cty, role"), 6)
    assert "there is no partner 'alpha-cty' (no file content/partners/alpha-cty.md)" in diagnostic.message
    assert "did you mean 'alpha-city' (Alpha City)?" in diagnostic.message


def test_the_same_partner_listed_twice_is_an_error(tmp_path):
    text = case_study(partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alpha-city, role: mentee}\n"
                               "  - {id: beta-town, role: funder}")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "role: funder")
    assert "'beta-town' is listed twice" in diagnostic.message


def test_partners_written_as_text_instead_of_a_list_show_an_example(tmp_path):
    diagnostic = the_one(broken(tmp_path, case_study(partners="partners: beta-town")))
    assert "'partners' must be a list, not text; for example: partners: [{id:" in diagnostic.message


def test_an_outcome_for_someone_who_is_not_a_partner_of_this_case_study_is_an_error(tmp_path):
    text = case_study(outcomes="outcomes:\n  - {text: A budget, beneficiary: alpha-city}\n"
                               "  - {text: Visibility, beneficiary: gamma-village}")
    report = broken(tmp_path, text, **{GAMMA_PATH: partner()})
    diagnostic = the_one(report)
    assert diagnostic.line == line_of(text, "gamma-village")
    assert "'gamma-village' is not a partner of this case study; use one of: beta-town, alpha-city" in diagnostic.message


def test_a_contact_of_someone_who_is_not_a_partner_of_this_case_study_is_an_error(tmp_path):
    text = case_study(contacts="contacts:\n  - {partner: gamma-village, url: https://gamma.example.org}")
    diagnostic = the_one(broken(tmp_path, text, **{GAMMA_PATH: partner()}))
    assert diagnostic.line == line_of(text, "gamma-village")
    assert "'gamma-village' is not a partner of this case study" in diagnostic.message


def test_related_to_a_missing_case_study_is_an_error_with_a_suggestion(tmp_path):
    text = case_study(related="related: [secnod]")
    report = broken(tmp_path, text, **{SECOND_PATH: case_study(title="title: A second case study")})
    diagnostic = the_one(report)
    assert diagnostic.line == line_of(text, "related:")
    assert "there is no case study 'secnod'" in diagnostic.message
    assert "did you mean 'second'?" in diagnostic.message


def test_a_case_study_related_to_itself_is_an_error(tmp_path):
    text = case_study(related="related: [alpha-beta-mentoring]")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "related:")
    assert "cannot be related to itself" in diagnostic.message


def test_two_case_studies_related_to_each_other_are_fine(tmp_path):
    root = make_hub(tmp_path / "hub", {
        CASE_STUDY_PATH: case_study(related="related: [second]"),
        SECOND_PATH: case_study(title="title: A second case study", related="related: [alpha-beta-mentoring]"),
    })
    catalogue, report = load(root)
    assert_clean(report)
    assert catalogue.referenced_by == {"second": ["alpha-beta-mentoring"], "alpha-beta-mentoring": ["second"]}


# -- titles --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["Beta Town mentors Alpha City on budgeting",
                                   "beta town MENTORS alpha city on budgeting",
                                   "Béta Town mentors Alpha City on budgeting"])
def test_two_case_studies_with_the_same_title_ignoring_case_and_accents_is_an_error(tmp_path, title):
    report = broken(tmp_path, case_study(title=f"title: {title}"), path=SECOND_PATH)
    diagnostic = the_one(report, SECOND_PATH)
    assert diagnostic.line == 2
    assert f"another case study ({CASE_STUDY_PATH}) has the same title" in diagnostic.message
    assert not [d for d in at(report, CASE_STUDY_PATH) if d.severity == "error"]


def test_a_title_written_as_a_list_is_an_error_asking_for_text(tmp_path):
    diagnostic = the_one(broken(tmp_path, case_study(title="title: [a, b]")))
    assert diagnostic.line == 2
    assert "'title' must be text, not a list; for example: title:" in diagnostic.message


@pytest.mark.parametrize("value, kind", [("yes", "a yes/no value"), ("No", "a yes/no value"),
                                         ("2030", "a number"), ("1.10", "a number")])
def test_a_title_yaml_reads_as_something_else_asks_to_put_it_in_quotes(tmp_path, value, kind):
    diagnostic = the_one(broken(tmp_path, case_study(title=f"title: {value}")))
    assert f"YAML read {value} as {kind}; put it in quotes: \"{value}\"" in diagnostic.message


# -- sources, contacts, licence ------------------------------------------------------------------------


@pytest.mark.parametrize("url", ['"javascript:alert(1)"', "ftp://files.example.org/report.pdf",
                                 "www.example.org/report", '"https://"'])
def test_a_source_url_must_start_with_http_or_https(tmp_path, url):
    text = case_study(sources=f"sources:\n  - title: Report\n    url: {url}")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "url:")
    assert "'url' must be a web address starting with https://" in diagnostic.message


def test_a_source_url_with_http_is_accepted(tmp_path):
    assert_clean(broken(tmp_path, case_study(sources="sources:\n  - {title: Report, url: http://example.org/r}")))


def test_a_source_without_title_is_an_error(tmp_path):
    text = case_study(sources="sources:\n  - {url: https://example.org/r}")
    assert "'title' is required in this entry of 'sources'" in the_one(broken(tmp_path, text)).message


def test_sources_need_at_least_one_entry(tmp_path):
    assert "'sources' needs at least 1 item" in the_one(broken(tmp_path, case_study(sources="sources: []"))).message


@pytest.mark.parametrize("email", ['"office at beta.example.org"', "office@beta", '"<a@b.org>"'])
def test_a_contact_email_must_be_an_email_address(tmp_path, email):
    text = case_study(contacts=f"contacts:\n  - partner: beta-town\n    email: {email}")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "email:")
    assert "'email' must be an e-mail address, for example: email: office@example.org" in diagnostic.message


def test_a_valid_contact_is_accepted(tmp_path):
    text = case_study(contacts="contacts:\n  - {partner: beta-town, name: Finance office, "
                               "email: finance@beta.example.org, url: https://beta.example.org/finance}")
    assert_clean(broken(tmp_path, text))


def test_an_unknown_licence_is_an_error_on_its_line(tmp_path):
    text = case_study(licence="licence: All rights reserved")
    diagnostic = the_one(broken(tmp_path, text))
    assert diagnostic.line == line_of(text, "licence:")
    assert "is not a known licence" in diagnostic.message


@pytest.mark.parametrize("value, expected", [("CC-BY-4", "CC-BY-4.0"), ("cc-by-sa-4.0", "CC-BY-SA-4.0")])
def test_an_unknown_licence_suggests_the_closest_one(tmp_path, value, expected):
    diagnostic = the_one(broken(tmp_path, case_study(licence=f"licence: {value}")))
    assert f"did you mean '{expected}'?" in diagnostic.message


def test_an_unknown_language_is_an_error(tmp_path):
    assert "is not a known language code" in the_one(broken(tmp_path, case_study(language="language: xx"))).message


def test_a_language_written_as_its_name_is_told_its_code(tmp_path):
    message = the_one(broken(tmp_path, case_study(language="language: english"))).message
    assert message == "write the ISO 639-1 code, not the name: language: en"


# -- partners that nobody uses --------------------------------------------------------------------------


def test_a_partner_file_no_case_study_names_is_only_a_warning(tmp_path):
    report = broken(tmp_path, partner(), path=GAMMA_PATH)
    assert not report.has_errors, report.format()
    warning = the_one(report, GAMMA_PATH, severity="warning")
    assert "no case study names the partner 'gamma-village'" in warning.message


def test_partners_named_by_a_case_study_with_errors_are_not_reported_as_unused(tmp_path):
    report = broken(tmp_path, case_study(title=None))
    assert not at(report, ALPHA_PATH), report.format()
    assert not at(report, BETA_PATH), report.format()


# -- file names ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, suggestion", [("My Case Study.md", "my-case-study.md"),
                                              ("Budget-Mentoring.md", "budget-mentoring.md"),
                                              ("são-paulo_2024.md", "sao-paulo-2024.md")])
def test_a_file_name_with_capitals_spaces_or_accents_is_an_error_suggesting_a_name(tmp_path, name, suggestion):
    path = f"content/case-studies/{name}"
    report = broken(tmp_path, case_study(title="title: Another one"), path=path)
    diagnostic = the_one(report, path)
    assert (diagnostic.line, diagnostic.col) == (1, 1)
    assert f"rename it to '{suggestion}'" in diagnostic.message


def test_a_partner_file_name_with_capitals_is_an_error_too(tmp_path):
    path = "content/partners/Gamma Village.md"
    diagnostic = the_one(broken(tmp_path, partner(), path=path), path)
    assert "rename it to 'gamma-village.md'" in diagnostic.message


@pytest.mark.parametrize("other", ["Alpha-Beta-Mentoring.md", "alpha-béta-mentoring.md"])
def test_two_case_study_files_differing_only_by_case_or_accents_is_an_error(tmp_path, other):
    path = f"content/case-studies/{other}"
    catalogue, report = load(make_hub(tmp_path / "hub", {path: case_study(title="title: Another one")}))
    assert the_one(report, path)
    assert list(catalogue.case_studies) == ["alpha-beta-mentoring"]


def test_a_file_differing_only_by_case_is_not_told_to_take_the_name_already_used(tmp_path):
    path = "content/case-studies/Alpha-Beta-Mentoring.md"
    diagnostic = the_one(broken(tmp_path, case_study(title="title: Another one"), path=path), path)
    assert "rename it to 'alpha-beta-mentoring.md'" not in diagnostic.message
    assert CASE_STUDY_PATH in diagnostic.message


def test_a_file_in_a_subfolder_is_an_error(tmp_path):
    path = "content/case-studies/2024/other.md"
    assert "not in a subfolder" in the_one(broken(tmp_path, case_study(title="title: x"), path=path), path).message


def test_a_file_that_is_not_markdown_is_ignored_with_a_warning(tmp_path):
    path = "content/case-studies/notes.txt"
    report = broken(tmp_path, "notes", path=path)
    assert not report.has_errors
    assert "only Markdown files" in the_one(report, path, severity="warning").message


# -- broken files do not stop the others --------------------------------------------------------------


def test_a_broken_case_study_is_one_diagnostic_and_the_others_still_load(tmp_path):
    root = make_hub(tmp_path / "hub", {SECOND_PATH: "---\ntitle: Bikes: a plan\n---\n"})
    catalogue, report = load(root)
    diagnostic = the_one(report, SECOND_PATH)
    assert diagnostic.line == 2
    assert "alpha-beta-mentoring" in catalogue.case_studies


def test_a_broken_taxonomy_is_one_error_not_one_per_term_used_in_content(tmp_path):
    root = make_hub(tmp_path / "hub")
    taxonomy = root / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace('{en: "Health", fr: "Santé", es: "Salud"}', '{en: "Health}'), encoding="utf-8")
    report = check(root)
    assert [d.path for d in report.errors] == ["taxonomy.yml"], report.format()


def test_a_binary_case_study_is_one_diagnostic(tmp_path):
    report = broken(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path=SECOND_PATH)
    assert "binary" in the_one(report, SECOND_PATH).message


# -- partner files ---------------------------------------------------------------------------------------


def test_a_partner_of_an_unknown_kind_lists_the_kinds(tmp_path):
    text = BETA_TOWN.replace("kind: city", "kind: town")
    diagnostic = the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH)
    assert diagnostic.line == line_of(text, "kind:")
    assert "'town' is not in the 'partner_kinds' list" in diagnostic.message
    assert "use one of: academic, association, city" in diagnostic.message


def test_a_partner_kind_with_a_typo_gets_a_suggestion(tmp_path):
    text = BETA_TOWN.replace("kind: city", "kind: citty")
    assert "did you mean 'city'?" in the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH).message


def test_a_country_code_that_does_not_exist_is_an_error(tmp_path):
    text = BETA_TOWN.replace('country: "ZA"', 'country: "XX"')
    diagnostic = the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH)
    assert diagnostic.line == line_of(text, "country:")
    assert "'XX' is not an ISO 3166-1 alpha-2 country code" in diagnostic.message


def test_country_no_unquoted_is_read_as_false_and_the_message_says_to_quote_it(tmp_path):
    text = BETA_TOWN.replace('country: "ZA"', "country: NO")
    diagnostic = the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH)
    assert diagnostic.line == line_of(text, "country:")
    assert 'put it in quotes: country: "NO"' in diagnostic.message


def test_a_country_written_as_its_name_suggests_its_code(tmp_path):
    text = BETA_TOWN.replace('country: "ZA"', "country: Malawi")
    diagnostic = the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH)
    assert 'country: "MW"' in diagnostic.message


def test_a_country_code_in_lower_case_is_accepted_with_a_warning(tmp_path):
    text = BETA_TOWN.replace('country: "ZA"', "country: za")
    catalogue, report = load(make_hub(tmp_path / "hub", {BETA_PATH: text}))
    assert not report.has_errors
    assert 'capitals: "ZA"' in the_one(report, BETA_PATH, severity="warning").message
    assert catalogue.partners["beta-town"].country == "ZA"


@pytest.mark.parametrize("replacement, message", [("lat: -113.96", "'lat' must be between -90 and 90, not -113.96"),
                                                  ("lat: 91", "'lat' must be between -90 and 90"),
                                                  ("lat: south", "'lat' must be a number, not text")])
def test_a_location_latitude_must_be_a_number_between_minus_90_and_90(tmp_path, replacement, message):
    text = ALPHA_CITY.replace("lat: -13.96", replacement)
    diagnostic = the_one(broken(tmp_path, text, path=ALPHA_PATH), ALPHA_PATH)
    assert diagnostic.line == line_of(text, "location:")
    assert message in diagnostic.message


def test_a_location_longitude_must_be_between_minus_180_and_180(tmp_path):
    text = ALPHA_CITY.replace("lon: 33.79", "lon: 200")
    assert "'lon' must be between -180 and 180" in the_one(broken(tmp_path, text, path=ALPHA_PATH), ALPHA_PATH).message


@pytest.mark.parametrize("website", ["www.beta.example.org", '"javascript:alert(1)"', "mailto:office@beta.example.org"])
def test_a_partner_website_must_start_with_http_or_https(tmp_path, website):
    text = BETA_TOWN.replace("website: https://beta.example.org", f"website: {website}")
    diagnostic = the_one(broken(tmp_path, text, path=BETA_PATH), BETA_PATH)
    assert diagnostic.line == line_of(text, "website:")
    assert "'website' must be a web address starting with https://" in diagnostic.message


def test_a_partner_without_name_kind_or_country_is_an_error_for_each(tmp_path):
    report = broken(tmp_path, partner(name=None, kind=None, country=None), path=GAMMA_PATH)
    messages = [d.message for d in at(report, GAMMA_PATH) if d.severity == "error"]
    assert len(messages) == 3
    assert all("is required but missing" in message for message in messages)


# -- personal data in the text ----------------------------------------------------------------------------


def test_what_looks_like_a_residents_e_mail_or_phone_number_in_the_body_is_a_warning(tmp_path):
    text = case_study() + "\nMrs Banda (banda.family@gmail.com, +265 999 123 456) hosted the visit.\n"
    report = broken(tmp_path, text)
    assert not report.has_errors
    lines = [str(d) for d in report.warnings]
    assert any("'banda.family@gmail.com' looks like an e-mail address" in line for line in lines), lines
    assert any("'+265 999 123 456' looks like a phone number" in line for line in lines), lines
    line = text.split("\n").index("Mrs Banda (banda.family@gmail.com, +265 999 123 456) hosted the visit.") + 1
    assert all(d.line == line for d in report.warnings)


@pytest.mark.parametrize("number", ["+265 999 123 456", "(020) 7946 0958", "+1 (212) (555) 0199", "0044.20.7946.0958",
                                    "999123456", "+44-20-7946-0958"])
def test_a_phone_number_alone_in_a_long_text_is_found(number):
    # personal_data skips texts without a run of nine digits: every number must still have one.
    from hub_plugin.check.privacy import personal_data

    body = "Plain words about the visit.\n" * 200 + f"Call {number} after six.\n" + "More words.\n" * 50
    found = personal_data(body, 7)
    assert [(line, message.split("'")[1]) for line, _, message in found] == [(207, number)]


def test_years_dates_and_counts_in_the_body_are_not_taken_for_phone_numbers(tmp_path):
    text = case_study() + "\nFrom 2008-2010 the city (1,200,000 residents) spent 2.5 million; report of 2019-03-15.\n"
    assert not broken(tmp_path, text).items
