"""``hub translate SLUG --lang xx`` and ``hub new --lang xx``: starting a case study's translation, or a case
study written in another of the hub's languages.

The translation file holds only text (title, summary, one entry per outcome, lesson and factor of the
original, in its order; the narrative under the original's headings), each a TODO under a comment that
shows the original's text. ``hub check`` reports every TODO left, with its line; once they are all
written the file is a valid translation. A refusal is one line, ``hub: error: ...``, with the fix.
"""

from __future__ import annotations

import io
import itertools
import re
import sys
from pathlib import Path

import pytest
from helpers import CASE_STUDY_PATH, MKDOCS_YML, at, case_study, check, hub, make_hub, write

from hub_plugin.check.translations import TEXT_FIELDS
from hub_plugin.read.source import read_source

SLUG = "alpha-beta-mentoring"
SPANISH_PATH = f"content/case-studies/{SLUG}.es.md"
THREE_LANGUAGES = MKDOCS_YML.replace("languages: [en]", "languages: [en, fr, es]")
BODY = """\
Beta Town and Alpha City met in 2014.

## Context

Alpha City had never drawn up a budget for more than one year.

Its finance team was two people.

## What was done

```
# a code block: not a heading
```

Results
-------

A three-year budget, adopted in 2017 -->
"""
ORIGINAL = case_study(
    body=BODY,
    outcomes="outcomes:\n  - {text: A three-year budget adopted, beneficiary: alpha-city}\n"
             "  - {text: 'Mentors learnt to explain: their own rules', beneficiary: beta-town}",
    lessons="lessons: [Start with one budget line, Meet in person first]",
    success_factors="success_factors: [Political backing from both mayors]")


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A hub in English, French and Spanish whose case study has outcomes, lessons, a factor and headings."""
    root = make_hub(tmp_path / "hub", {"mkdocs.yml": THREE_LANGUAGES, CASE_STUDY_PATH: ORIGINAL})
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return root


def translated(path: Path) -> str:
    """The file with every TODO written: a different sentence for each, as a translator would."""
    numbers = itertools.count(1)
    text = path.read_text(encoding="utf-8")
    return re.sub(r"TODO(?::[^\n]*)?", lambda _: f"Texto traducido número {next(numbers)}", text)


def first_comment(path: Path) -> str:
    """The file's opening note, its wrapped lines joined."""
    head = path.read_text(encoding="utf-8").removeprefix("---\n").split("\n\n")[0]
    return " ".join(line.removeprefix("# ") for line in head.split("\n"))


def errors_on(root: Path, relative: str) -> list[str]:
    return [str(d) for d in at(check(root), relative) if d.severity == "error"]


# -- hub translate writes a file for the translator ------------------------------------------------------


def test_hub_translate_writes_the_translation_beside_the_original(project, capsys):
    assert hub("translate", SLUG, "--lang", "es") == 0
    assert (project / SPANISH_PATH).is_file()
    assert f"Created {SPANISH_PATH}" in capsys.readouterr().out


def test_the_file_has_the_text_fields_only_each_a_todo_and_as_many_items_as_the_original(project):
    hub("translate", SLUG, "--lang", "es")
    data = read_source(project / SPANISH_PATH, SPANISH_PATH).front.data
    assert data == {"title": "TODO", "summary": "TODO", "outcomes": ["TODO", "TODO"],
                    "lessons": ["TODO", "TODO"], "success_factors": ["TODO"]}
    assert set(data) <= set(TEXT_FIELDS)


def test_each_todo_has_the_originals_text_in_a_comment_above_it(project):
    hub("translate", SLUG, "--lang", "es")
    text = (project / SPANISH_PATH).read_text(encoding="utf-8")
    assert "# Beta Town mentors Alpha City on budgeting\ntitle: TODO\n" in text
    assert "# Beta Town's finance team coached Alpha City through its first multi-year budget.\nsummary: TODO\n" in text
    assert ("outcomes:\n  # A three-year budget adopted\n  - TODO\n"
            "  # Mentors learnt to explain: their own rules\n  - TODO\n") in text
    assert "lessons:\n  # Start with one budget line\n  - TODO\n  # Meet in person first\n  - TODO\n" in text
    assert "success_factors:\n  # Political backing from both mayors\n  - TODO\n" in text


def test_an_empty_list_of_the_original_is_left_out(project):
    hub("translate", SLUG, "--lang", "es")
    assert "limiting_factors" not in (project / SPANISH_PATH).read_text(encoding="utf-8")


def test_a_long_original_text_is_wrapped_over_comment_lines(project):
    long_summary = "Beta Town coached Alpha City " + "through a long budget process " * 8 + "end."
    write(project, CASE_STUDY_PATH, ORIGINAL.replace(
        "summary: Beta Town's finance team coached Alpha City through its first multi-year budget.",
        f"summary: {long_summary}"))
    hub("translate", SLUG, "--lang", "es")
    front = (project / SPANISH_PATH).read_text(encoding="utf-8").split("\n---\n")[0]
    comment = front.split("\n\n")[2].split("\nsummary:")[0]
    assert all(len(line) <= 100 and line.startswith("# ") for line in comment.split("\n"))
    assert " ".join(line[2:] for line in comment.split("\n")) == long_summary


def test_no_fact_of_the_original_is_written(project):
    hub("translate", SLUG, "--lang", "es")
    text = (project / SPANISH_PATH).read_text(encoding="utf-8")
    for fact in ("partners:", "themes:", "period:", "status:", "sources:", "licence:", "beneficiary"):
        assert f"\n{fact}" not in text and f" {fact}" not in text


def test_the_body_keeps_the_originals_headings_with_its_paragraphs_in_comments_to_replace(project):
    hub("translate", SLUG, "--lang", "es")
    body = (project / SPANISH_PATH).read_text(encoding="utf-8").split("\n---\n", 1)[1]
    todo = "TODO: the translation of the text in the comment above"
    assert body == (
        f"<!--\nBeta Town and Alpha City met in 2014.\n-->\n\n{todo}\n\n"
        "## Context\n\n"
        f"<!--\nAlpha City had never drawn up a budget for more than one year.\n\nIts finance team was two people.\n-->"
        f"\n\n{todo}\n\n"
        "## What was done\n\n"
        f"<!--\n```\n# a code block: not a heading\n```\n-->\n\n{todo}\n\n"
        "Results\n-------\n\n"
        f"<!--\nA three-year budget, adopted in 2017 -- >\n-->\n\n{todo}\n")


def test_the_file_names_the_original_and_the_languages_in_its_first_comment(project):
    hub("translate", SLUG, "--lang", "es")
    assert first_comment(project / SPANISH_PATH).startswith(
        "The Spanish translation (es) of content/case-studies/alpha-beta-mentoring.md, which is written in "
        "English (en).")


# -- hub check on it ----------------------------------------------------------------------------------------


def test_every_todo_left_is_reported_by_hub_check_with_its_line_and_column(project, capsys):
    hub("translate", SLUG, "--lang", "es")
    lines = (project / SPANISH_PATH).read_text(encoding="utf-8").split("\n")
    todos = [number for number, line in enumerate(lines, 1) if "TODO" in line and not line.lstrip().startswith("#")]
    assert len(todos) == 2 + 2 + 2 + 1 + 4
    capsys.readouterr()
    assert hub("check", SPANISH_PATH) == 1
    out = capsys.readouterr().out
    reported = [tuple(int(part) for part in line.split(":")[1:3]) for line in out.splitlines()]
    assert [line for line, _ in reported] == todos, out
    # A field's at its name, a list item's and the narrative's at the TODO itself.
    assert [col for _, col in reported] == [1, 1, 5, 5, 5, 5, 5, 1, 1, 1, 1], out
    assert all("still holds the template's placeholder" in line for line in out.splitlines())
    assert out.splitlines()[-1].endswith("the narrative still holds the template's placeholder 'TODO'; replace "
                                         "the line with the translation of the text in the comment above it")


def test_with_every_todo_written_the_translation_is_valid(project, capsys):
    hub("translate", SLUG, "--lang", "es")
    (project / SPANISH_PATH).write_text(translated(project / SPANISH_PATH), encoding="utf-8")
    report = check(project)
    assert not at(report, SPANISH_PATH), report.format()
    capsys.readouterr()
    assert hub("check") == 0
    assert capsys.readouterr().out == ""


def test_one_narrative_todo_left_is_reported_alone(project):
    hub("translate", SLUG, "--lang", "es")
    text = translated(project / SPANISH_PATH).replace("Texto traducido número 13", "TODO: later")
    (project / SPANISH_PATH).write_text(text, encoding="utf-8")
    line = text.split("\n").index("TODO: later") + 1
    assert [e.split(": error:")[0] for e in errors_on(project, SPANISH_PATH)] == [f"{SPANISH_PATH}:{line}:1"]


def test_a_todo_inside_a_comment_or_a_code_block_of_the_narrative_is_not_a_placeholder(project):
    hub("translate", SLUG, "--lang", "es")
    text = translated(project / SPANISH_PATH)
    text += "\n<!--\nTODO: ask the mentor\n-->\n\n```\nTODO\n```\n"
    (project / SPANISH_PATH).write_text(text, encoding="utf-8")
    assert errors_on(project, SPANISH_PATH) == []


def test_french_too_and_each_language_its_own_file(project):
    assert hub("translate", SLUG, "--lang", "es") == 0
    assert hub("translate", SLUG, "--lang", "fr") == 0
    assert (project / f"content/case-studies/{SLUG}.fr.md").is_file()


def test_a_file_name_for_the_slug_is_understood(project):
    assert hub("translate", CASE_STUDY_PATH, "--lang", "es") == 0
    assert (project / SPANISH_PATH).is_file()


# -- what hub translate refuses -----------------------------------------------------------------------------


def refused(capsys, *argv: str) -> str:
    """The one-line error of a refused command, which writes nothing."""
    assert hub(*argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith("hub: error: ")
    return err.strip()


def test_an_unknown_slug_is_refused_naming_the_closest(project, capsys):
    err = refused(capsys, "translate", "alpha-beta-mentor", "--lang", "es")
    assert err == ("hub: error: there is no case study 'alpha-beta-mentor' (no file "
                   "content/case-studies/alpha-beta-mentor.md); did you mean 'alpha-beta-mentoring'?")
    assert not list(project.glob("content/case-studies/*.es.md"))


def test_a_language_the_hub_does_not_have_is_refused_listing_those_it_has(project, capsys):
    err = refused(capsys, "translate", SLUG, "--lang", "de")
    assert err == ("hub: error: 'de' is not a language of this hub; use one of: en, fr, es "
                   "(or add 'de' to the hub's 'languages' in mkdocs.yml)")
    assert not (project / f"content/case-studies/{SLUG}.de.md").exists()


def test_the_originals_own_language_is_refused(project, capsys):
    err = refused(capsys, "translate", SLUG, "--lang", "en")
    assert err == ("hub: error: content/case-studies/alpha-beta-mentoring.md is already written in 'en'; "
                   "a translation is in another language: --lang fr or --lang es")
    assert not (project / f"content/case-studies/{SLUG}.en.md").exists()


def test_the_originals_language_is_its_language_field(project, capsys):
    write(project, CASE_STUDY_PATH, ORIGINAL.replace("licence: CC-BY-4.0", "licence: CC-BY-4.0\nlanguage: fr"))
    assert "already written in 'fr'" in refused(capsys, "translate", SLUG, "--lang", "fr")
    assert hub("translate", SLUG, "--lang", "en") == 0
    assert "which is written in French (fr)" in first_comment(project / f"content/case-studies/{SLUG}.en.md")


def test_an_existing_translation_is_never_overwritten(project, capsys):
    write(project, SPANISH_PATH, "my work")
    err = refused(capsys, "translate", SLUG, "--lang", "es")
    assert err == (f"hub: error: {SPANISH_PATH} already exists and is not overwritten; edit it, or delete it "
                   "first to start again")
    assert (project / SPANISH_PATH).read_text(encoding="utf-8") == "my work"


def test_without_lang_it_asks_for_it(project, capsys):
    assert refused(capsys, "translate", SLUG) == ("hub: error: give the language to translate into with --lang, "
                                                  "one of: en, fr, es")


def test_an_original_with_errors_is_refused_until_hub_check_passes(project, capsys):
    write(project, CASE_STUDY_PATH, ORIGINAL.replace("status: completed", "status: finished"))
    err = refused(capsys, "translate", SLUG, "--lang", "es")
    assert err == (f"hub: error: {CASE_STUDY_PATH} has errors, and only a valid case study is translated; fix "
                   f"what 'hub check {CASE_STUDY_PATH}' reports, then translate it")
    assert not (project / SPANISH_PATH).exists()


# -- hub new --lang -----------------------------------------------------------------------------------------


NEW_PATH = "content/case-studies/velos-un-plan.md"


def test_hub_new_lang_writes_the_case_studys_language(project):
    assert hub("new", "--title", "Vélos : un plan", "--partner", "beta-town:mentor", "--lang", "fr") == 0
    assert read_source(project / NEW_PATH, NEW_PATH).front.data["language"] == "fr"


def test_hub_new_lang_keeps_the_templates_guidance_comments(project):
    hub("new", "--title", "Vélos : un plan", "--partner", "beta-town:mentor")
    english = (project / NEW_PATH).read_text(encoding="utf-8")
    (project / NEW_PATH).unlink()
    hub("new", "--title", "Vélos : un plan", "--partner", "beta-town:mentor", "--lang", "fr")
    french = (project / NEW_PATH).read_text(encoding="utf-8")
    assert [line for line in english.split("\n") if line.startswith("#")] == \
        [line for line in french.split("\n") if line.startswith("#") and not _about_language(line, french)]


def _about_language(line: str, text: str) -> bool:
    """The comment lines just above ``language:``."""
    lines = text.split("\n")
    where = lines.index("language: fr")
    return line in lines[where - 2:where]


def test_without_lang_hub_new_writes_no_language(project):
    hub("new", "--title", "Vélos : un plan", "--partner", "beta-town:mentor")
    assert "language" not in read_source(project / NEW_PATH, NEW_PATH).front.data


def test_a_new_case_study_in_french_once_filled_in_is_valid(project):
    import datetime

    hub("new", "--title", "Vélos : un plan", "--partner", "beta-town:mentor", "--partner", "alpha-city:mentee",
        "--lang", "fr")
    text = (project / NEW_PATH).read_text(encoding="utf-8").replace("themes: []", "themes: [urban-infrastructure]")
    text = text.replace('"TODO: what was done, by whom, with what result."', "Des pistes cyclables.")
    text = text.replace('"TODO: the report, article or interview this is based on"', "Rapport du programme")
    text = text.replace("  start: TODO", "  start: 2024").replace("status: TODO", "status: ongoing")
    (project / NEW_PATH).write_text(text.replace("modalities: []", "modalities: [mentoring]"), encoding="utf-8")
    report = check(project, today=datetime.date.today())
    assert not [d for d in at(report, NEW_PATH) if d.severity == "error"], report.format()


def test_hub_new_refuses_a_language_the_hub_does_not_have(project, capsys):
    err = refused(capsys, "new", "--title", "Bikes", "--partner", "beta-town:mentor", "--lang", "de")
    assert err == ("hub: error: 'de' is not a language of this hub; use one of: en, fr, es "
                   "(or add 'de' to the hub's 'languages' in mkdocs.yml)")
    assert not (project / "content/case-studies/bikes.md").exists()


def test_hub_new_partner_has_no_language(project, capsys):
    err = refused(capsys, "new", "partner", "--name", "City of X", "--country", "MW", "--lang", "fr")
    assert err == "hub: error: --lang is for a case study; a partner file has no language"
    assert not (project / "content/partners/city-of-x.md").exists()
