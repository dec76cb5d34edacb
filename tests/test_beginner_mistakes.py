"""The usual mistakes of a first-time contributor, replayed: each gets the message a patient editor would give.

Each test is one trap found by following README and CONTRIBUTING.md as a
beginner: YAML that silently changes meaning, parser jargon, advice that
would do harm, suggestions that ignore names, and starter values that pass.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from helpers import CASE_STUDY_PATH, case_study, check, hub, make_hub, partner, write

MEDELLIN_PATH = "content/partners/alcaldia-de-medellin.md"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    root = make_hub(tmp_path / "hub")
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return root


def errors(root: Path) -> list[str]:
    return [str(d) for d in check(root).errors]


def test_a_lesson_indented_by_four_spaces_is_not_joined_to_the_one_above(root):
    write(root, CASE_STUDY_PATH, case_study(lessons="lessons:\n  - First.\n    - Second."))
    assert errors(root) == [
        f"{CASE_STUDY_PATH}:20:5: error: YAML reads this '- ' line as more of the text of the item above "
        "(\"First. - Second.\"), because it is indented further than that item; to make it an item of its own, "
        "start its '-' in column 3, the column of the '-' above, or put the whole text in quotes if it belongs to it"]


def test_a_lesson_in_quotes_may_hold_a_dash_line(root):
    write(root, CASE_STUDY_PATH, case_study(lessons='lessons:\n  - "First.\n    - Second."'))
    assert errors(root) == []


def test_a_colon_inside_braces_names_the_value_to_quote(root):
    write(root, CASE_STUDY_PATH, case_study(sources="sources:\n  - {title: Report: part 2, year: 2018}"))
    assert errors(root) == [
        f"{CASE_STUDY_PATH}:16:19: error: a colon followed by a space inside {{...}} ends the value of 'title' early; "
        'put that value in quotes: title: "Report: part 2"']


def test_a_colon_inside_a_lesson_says_to_quote_it_not_that_lessons_are_text(root):
    write(root, CASE_STUDY_PATH, case_study(lessons="lessons:\n  - Trust: build it first"))
    [message] = errors(root)
    assert message.endswith('put the whole text in quotes: - "Trust: build it first"')
    assert "must be text, not a group of fields" not in message


def test_no_advice_to_delete_a_new_partner_while_the_case_study_naming_it_does_not_parse(root):
    write(root, MEDELLIN_PATH, partner(name='name: "Alcaldía de Medellín"', country='country: "CO"'))
    write(root, CASE_STUDY_PATH, case_study(
        partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alcaldia-de-medellin, role: mentee}",
        sources="sources:\n  - {title: Report: part 2}", outcomes=None))
    report = check(root)
    assert report.has_errors
    assert not [d for d in report.warnings if "no case study names" in d.message], report.format()


def test_no_advice_to_delete_the_partner_that_a_misspelt_id_meant(root):
    write(root, MEDELLIN_PATH, partner(name='name: "Alcaldía de Medellín"', country='country: "CO"'))
    write(root, CASE_STUDY_PATH, case_study(
        partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: medellin, role: mentee}", outcomes=None))
    report = check(root)
    assert [str(d) for d in report.errors] == [
        f"{CASE_STUDY_PATH}:6:6: error: there is no partner 'medellin' (no file content/partners/medellin.md); "
        "did you mean 'alcaldia-de-medellin' (Alcaldía de Medellín)?"]
    assert not [d for d in report.warnings if "no case study names" in d.message], report.format()


def test_the_orphan_partner_warning_comes_back_once_the_case_studies_are_fixed(root):
    write(root, MEDELLIN_PATH, partner(name='name: "Alcaldía de Medellín"', country='country: "CO"'))
    assert [d.path for d in check(root).warnings if "no case study names" in d.message] == [MEDELLIN_PATH]


def test_hub_new_partner_then_a_guessed_id_is_refused_with_the_id_and_the_command(root, capsys):
    assert hub("new", "partner", "--name", "Alcaldía de Medellín", "--country", "CO") == 0
    assert (root / MEDELLIN_PATH).is_file()
    capsys.readouterr()
    assert hub("new", "--title", "Medellín and Beta Town", "--partner", "medellin:mentor") == 2
    err = capsys.readouterr().err
    assert "did you mean 'alcaldia-de-medellin' (Alcaldía de Medellín)?" in err
    assert 'hub new partner --name "Its full name" --country XX' in err


def test_a_partner_is_found_by_its_name_without_accents(root):
    write(root, MEDELLIN_PATH, partner(name='name: "Alcaldía de Medellín"', country='country: "CO"'))
    write(root, CASE_STUDY_PATH, case_study(
        partners="partners:\n  - {id: beta-town, role: mentor}\n  - {id: alcaldia-medellin, role: mentee}", outcomes=None))
    assert "did you mean 'alcaldia-de-medellin' (Alcaldía de Medellín)?" in errors(root)[0]


def test_a_theme_in_ones_own_words_is_not_matched_to_an_unrelated_id(root):
    write(root, CASE_STUDY_PATH, case_study(themes="themes: [participatory budgeting]"))
    [message] = errors(root)
    assert "capacity-building" not in message
    assert "no theme is spelt like it" in message
    assert "'municipal-finance' (Municipal finance)" in message  # its description speaks of budgeting
    assert "to propose a new theme" in message


def test_a_misspelt_theme_still_gets_the_close_id(root):
    write(root, CASE_STUDY_PATH, case_study(themes="themes: [waste-managment]"))
    assert errors(root)[0].endswith("did you mean 'waste-management'?")


def test_the_starter_files_period_and_status_fail_until_filled_in(root, capsys):
    assert hub("new", "--title", "Bikes for all", "--partner", "beta-town:mentor", "--partner", "alpha-city:mentee") == 0
    path = "content/case-studies/bikes-for-all.md"
    found = [message for message in errors(root) if message.startswith(path)]
    assert any("'start' still holds the template's placeholder; write the year it started" in m for m in found)
    assert any("'status' still holds the template's placeholder; write one of: completed, discontinued, ongoing, planned" in m for m in found)
