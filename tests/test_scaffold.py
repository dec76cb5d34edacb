"""``hub new``: a case study or partner file from a template that ``hub check`` can read."""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

import pytest
from helpers import check, hub, make_hub, partner, write

from hub_plugin.read.source import read_source
from hub_plugin.read.text import slugify

NEW_PATH = "content/case-studies/bikes-a-plan.md"




@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A valid hub with a Johannesburg partner, run without a terminal (as in CI or a script)."""
    root = make_hub(tmp_path / "hub")
    write(root, "content/partners/johannesburg.md",
          partner(name="name: City of Johannesburg", country='country: "ZA"', location=None, website=None))
    monkeypatch.chdir(root)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    return root


def check_today(root: Path):
    """The template starts the period this year, so check against the real today."""
    return check(root, today=datetime.date.today())


def front_matter(root: Path, relative: str) -> dict:
    return read_source(root / relative, relative).front.data


# -- a new case study --------------------------------------------------------------------------------


def test_hub_new_creates_a_case_study_named_after_the_title(project, capsys):
    assert hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor") == 0
    assert (project / NEW_PATH).is_file()
    assert f"Created {NEW_PATH}" in capsys.readouterr().out


def test_the_new_case_study_front_matter_parses_and_keeps_the_title_exactly(project):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor")
    data = front_matter(project, NEW_PATH)
    assert data["title"] == "Bikes: a plan"
    assert data["partners"] == [{"id": "johannesburg", "role": "mentor"}]


@pytest.mark.parametrize("title", ['Durban "mentors" Mzuzu #2: 50% done', "São Paulo & Maputo: {waste} [pilot]",
                                   "Back\\slash, 'quotes' and a tab\there", "yes", "2030", "*Bold* - plans"])
def test_any_title_survives_the_template_exactly(project, title):
    assert hub("new", "--title", title, "--slug", "any-title", "--partner", "johannesburg:mentor") == 0
    assert front_matter(project, "content/case-studies/any-title.md")["title"] == title


def test_several_partners_are_written_in_order(project):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor", "--partner", "alpha-city:mentee")
    assert front_matter(project, NEW_PATH)["partners"] == [{"id": "johannesburg", "role": "mentor"},
                                                            {"id": "alpha-city", "role": "mentee"}]


def test_hub_check_on_the_new_file_lists_what_is_still_to_fill_in(project, capsys):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor")
    capsys.readouterr()
    assert hub("check", NEW_PATH) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    lines = out.splitlines()
    assert len(lines) == 6, out
    assert all(line.startswith(f"{NEW_PATH}:") for line in lines)
    assert "'summary' still holds the template's placeholder" in lines[0]
    assert "'themes' needs at least 1 item" in lines[1]
    assert "'modalities' needs at least 1 item" in lines[2]
    assert "'start' still holds the template's placeholder; write the year it started (2008)" in lines[3]
    assert "'status' still holds the template's placeholder; write one of: completed, discontinued, ongoing, planned" in lines[4]
    assert "'title' still holds the template's placeholder" in lines[5]


def test_a_new_file_without_partners_asks_for_them(project, capsys):
    hub("new", "--title", "Bikes: a plan")
    capsys.readouterr()
    hub("check", NEW_PATH)
    assert ("'id' still holds the template's placeholder; write the id of a partner: the name of its file in "
            "content/partners/, without .md") in capsys.readouterr().out


def test_hub_new_refuses_an_unknown_partner_and_names_the_one_meant(project, capsys):
    write(project, "content/partners/alcaldia-de-medellin.md",
          partner(name='name: "Alcaldía de Medellín"', country='country: "CO"', location=None, website=None))
    assert hub("new", "--title", "Bikes: a plan", "--partner", "medellin:mentor") == 2
    err = capsys.readouterr().err
    assert ("there is no partner 'medellin' (no file content/partners/medellin.md); did you mean 'alcaldia-de-medellin' "
            "(Alcaldía de Medellín)?; if it is a new partner, create it first: hub new partner") in err
    assert not (project / NEW_PATH).exists()


def test_hub_new_refuses_an_unknown_role(project, capsys):
    assert hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentr") == 2
    assert "'mentr' is not a role of taxonomy.yml; did you mean 'mentor'?" in capsys.readouterr().err


def test_a_new_file_with_its_placeholders_filled_in_has_no_errors(project):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor", "--partner", "alpha-city:mentee")
    path = project / NEW_PATH
    text = path.read_text(encoding="utf-8").replace("themes: []", "themes: [urban-infrastructure]")
    text = text.replace('"TODO: what was done, by whom, with what result."', "Bike lanes planned together.")
    text = text.replace('"TODO: the report, article or interview this is based on"', "Programme report")
    text = text.replace("  start: TODO", "  start: 2024").replace("status: TODO", "status: ongoing")
    path.write_text(text.replace("modalities: []", "modalities: [mentoring]"), encoding="utf-8")
    report = check_today(project)
    assert not report.has_errors, report.format()


def test_the_templates_todo_placeholders_are_reported_as_still_to_fill_in(project):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor", "--partner", "alpha-city:mentee")
    path = project / NEW_PATH
    text = path.read_text(encoding="utf-8").replace("themes: []", "themes: [urban-infrastructure]")
    path.write_text(text.replace("modalities: []", "modalities: [mentoring]"), encoding="utf-8")
    report = check_today(project)
    assert any("TODO" in d.message for d in report.items), report.format()


def test_hub_new_refuses_to_overwrite_an_existing_file(project, capsys):
    hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor")
    (project / NEW_PATH).write_text("my work", encoding="utf-8")
    capsys.readouterr()
    assert hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg:mentor") == 2
    assert "already exists" in capsys.readouterr().err
    assert (project / NEW_PATH).read_text(encoding="utf-8") == "my work"


def test_slug_chooses_the_file_name(project):
    assert hub("new", "--title", "Bikes: a plan", "--slug", "bikes-2024") == 0
    assert (project / "content/case-studies/bikes-2024.md").is_file()


def test_a_slug_that_cannot_be_a_file_name_is_a_usage_error(project, capsys):
    assert hub("new", "--title", "Bikes", "--slug", "Bikes Plan") == 2
    assert "cannot be a file name" in capsys.readouterr().err


def test_a_title_without_letters_or_digits_is_a_usage_error(project, capsys):
    assert hub("new", "--title", "###") == 2
    assert not list((project / "content/case-studies").glob("*.md"))[1:], "only the original case study"


def test_a_partner_option_without_a_role_is_a_usage_error(project, capsys):
    assert hub("new", "--title", "Bikes: a plan", "--partner", "johannesburg") == 2
    assert "must be ID:ROLE" in capsys.readouterr().err
    assert not (project / NEW_PATH).exists()


def test_without_title_and_without_a_terminal_hub_new_is_a_usage_error(project, capsys):
    assert hub("new") == 2
    assert "--title" in capsys.readouterr().err
    assert sorted(p.name for p in (project / "content/case-studies").iterdir()) == ["alpha-beta-mentoring.md"]


# -- a new partner --------------------------------------------------------------------------------------


def test_hub_new_partner_creates_a_valid_partner_file(project, capsys):
    assert hub("new", "partner", "--name", "City of X", "--country", "mw") == 0
    assert "Created content/partners/city-of-x.md" in capsys.readouterr().out
    data = front_matter(project, "content/partners/city-of-x.md")
    assert data == {"name": "City of X", "kind": "city", "country": "MW"}
    report = check_today(project)
    assert not report.has_errors, report.format()
    assert [d.message for d in report.items if d.path == "content/partners/city-of-x.md"] == [
        "no case study names the partner 'city-of-x'; add it to a case study's 'partners' or delete the file"]


def test_hub_new_partner_takes_an_id_and_a_kind(project):
    assert hub("new", "partner", "--id", "norway-ks", "--name", "KS: Norway's association",
               "--kind", "association", "--country", "NO") == 0
    data = front_matter(project, "content/partners/norway-ks.md")
    assert data == {"name": "KS: Norway's association", "kind": "association", "country": "NO"}
    assert not check_today(project).has_errors


def test_hub_new_partner_refuses_to_overwrite_an_existing_partner(project, capsys):
    before = (project / "content/partners/johannesburg.md").read_text(encoding="utf-8")
    assert hub("new", "partner", "--id", "johannesburg", "--name", "Joburg", "--country", "ZA") == 2
    assert "already exists" in capsys.readouterr().err
    assert (project / "content/partners/johannesburg.md").read_text(encoding="utf-8") == before


def test_hub_new_partner_without_a_country_and_without_a_terminal_is_a_usage_error(project, capsys):
    assert hub("new", "partner", "--name", "City of X") == 2
    assert "--country" in capsys.readouterr().err
    assert not (project / "content/partners/city-of-x.md").exists()


# -- file names from titles ------------------------------------------------------------------------


@pytest.mark.parametrize("title, slug", [("Bikes: a plan", "bikes-a-plan"),
                                         ("São Paulo & Maputo", "sao-paulo-maputo"),
                                         ("  --Already-Slugged--  ", "already-slugged"),
                                         ("Ünïcödé  TITLE 2024!", "unicode-title-2024")])
def test_a_file_name_is_made_from_the_title_in_lower_case_ascii_with_hyphens(title, slug):
    assert slugify(title) == slug


def test_a_file_name_from_a_very_long_title_is_at_most_80_characters_and_does_not_end_in_a_hyphen():
    slug = slugify("word " * 40)
    assert len(slug) <= 80
    assert not slug.endswith("-")
