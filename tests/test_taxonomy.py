"""taxonomy.yml: the controlled vocabularies, checked and turned into the model."""

from __future__ import annotations

from pathlib import Path

import pycountry
import pytest
from helpers import REPO_TAXONOMY, line_of

from hub_plugin.check.taxonomy import REQUIRED_VOCABULARIES, load_taxonomy
from hub_plugin.model.taxonomy import Taxonomy
from hub_plugin.read.diagnostics import Diagnostic, Report

REAL = REPO_TAXONOMY.read_text(encoding="utf-8")


def load(tmp_path: Path, text: str) -> tuple[Taxonomy, Report]:
    path = tmp_path / "taxonomy.yml"
    path.write_text(text, encoding="utf-8")
    report = Report()
    return load_taxonomy(path, "taxonomy.yml", report), report


def edited(old: str, new: str) -> str:
    assert REAL.count(old) == 1, f"{old!r} must occur once in taxonomy.yml"
    return REAL.replace(old, new)


def the_error(report: Report) -> Diagnostic:
    assert len(report.items) == 1, report.format()
    diagnostic = report.items[0]
    assert diagnostic.severity == "error"
    assert diagnostic.path == "taxonomy.yml"
    return diagnostic


@pytest.fixture(scope="module")
def real() -> Taxonomy:
    report = Report()
    taxonomy = load_taxonomy(REPO_TAXONOMY, "taxonomy.yml", report)
    assert not report.items, report.format()
    return taxonomy


# -- the real taxonomy ----------------------------------------------------------------------------


def test_the_real_taxonomy_loads_without_diagnostics(real):
    assert real.vocabularies


@pytest.mark.parametrize("name", REQUIRED_VOCABULARIES)
def test_the_real_taxonomy_has_every_required_vocabulary(real, name):
    assert len(real[name]) > 0


def test_the_sdgs_are_the_17_goals(real):
    assert sorted(real["sdgs"].terms, key=int) == [str(goal) for goal in range(1, 18)]


def test_the_statuses_are_planned_ongoing_completed_discontinued(real):
    assert set(real["status"].terms) == {"planned", "ongoing", "completed", "discontinued"}


def test_every_term_has_an_english_label(real):
    for vocabulary in real.vocabularies.values():
        for term in vocabulary:
            assert term.labels.get("en"), f"{vocabulary.name}/{term.id}"


def test_every_iso_country_except_antarctica_is_in_exactly_one_region(real):
    expected = {country.alpha_2 for country in pycountry.countries} - {"AQ"}
    listed = [code for term in real["regions"] for code in term.countries]
    assert sorted(set(listed)) == sorted(expected)
    assert len(listed) == len(set(listed)), "a country is listed in two regions"
    assert set(real.region_of_country) == expected


def test_a_country_belongs_to_a_sub_region_whose_ancestors_are_its_continent(real):
    assert real.region_of_country["MW"] == "sub-saharan-africa"
    assert real["regions"].ancestors("sub-saharan-africa") == ["africa"]
    assert real.region_of_country["NO"] == "northern-europe"


# -- aliases and hierarchy ------------------------------------------------------------------------


def test_a_current_id_resolves_to_itself(real):
    assert real["themes"].resolve("governance") == "governance"


def test_a_former_id_resolves_to_the_current_one(real):
    assert real["themes"].resolve("led") == "local-economic-development"
    assert real["themes"].resolve("city-development-strategy") == "strategic-planning"
    assert real["modalities"].resolve("mic") == "municipal-international-cooperation"


def test_an_unknown_id_resolves_to_nothing(real):
    assert real["themes"].resolve("no-such-theme") is None


def test_an_alias_is_not_a_term_of_its_own(real):
    assert "led" not in real["themes"]


def test_ancestors_of_a_theme_go_up_to_its_root(real):
    assert real["themes"].ancestors("water-and-sanitation") == ["service-delivery"]
    assert real["themes"].ancestors("governance") == []


def test_children_of_a_theme_are_the_themes_naming_it_as_parent(real):
    children = [term.id for term in real["themes"].children("governance")]
    assert children == ["strategic-planning", "municipal-finance", "human-resources", "anti-corruption", "partnering"]
    assert real["themes"].children("health") == []


def test_roots_are_the_themes_without_parent(real):
    roots = {term.id for term in real["themes"].roots()}
    assert "governance" in roots and "strategic-planning" not in roots


def test_a_label_is_looked_up_by_vocabulary_and_id(real):
    assert real.label("themes", "health") == "Health"
    assert real.label("themes", "unknown") == "unknown"


# -- broken taxonomies -------------------------------------------------------------------------


def test_a_parent_that_is_not_a_term_is_an_error_with_a_suggestion(tmp_path):
    text = edited("    parent: service-delivery\n    label: {en: \"Waste management\"",
                  "    parent: service-delivry\n    label: {en: \"Waste management\"")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "parent: service-delivry")
    assert "the parent 'service-delivry' of 'waste-management' is not a term of 'themes'" in diagnostic.message
    assert "did you mean 'service-delivery'?" in diagnostic.message


def test_a_cycle_of_parents_is_an_error(tmp_path):
    text = edited("  - id: governance\n", "  - id: governance\n    parent: partnering\n")
    taxonomy, report = load(tmp_path, text)
    assert report.has_errors
    assert all("its own ancestor" in d.message for d in report.items), report.format()
    assert line_of(text, "parent: partnering") in {d.line for d in report.items}
    # Walking up from a term in a cycle still ends.
    assert taxonomy["themes"].ancestors("municipal-finance") == ["governance", "partnering"]


def test_a_term_that_is_its_own_parent_is_an_error(tmp_path):
    text = edited("  - id: health\n", "  - id: health\n    parent: health\n")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "parent: health")
    assert "'health' is its own ancestor" in diagnostic.message


def test_only_themes_and_regions_may_nest(tmp_path):
    text = edited("  - id: mentee\n", "  - id: mentee\n    parent: mentor\n")
    assert "only regions, themes may nest" in the_error(load(tmp_path, text)[1]).message


def test_an_id_used_twice_in_one_vocabulary_is_an_error_on_the_second(tmp_path):
    text = edited("  - id: host\n", "  - id: mentor\n")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "  - id: mentor", start=line_of(text, "  - id: mentee"))
    assert "the id 'mentor' is used twice in 'roles'" in diagnostic.message


def test_an_id_reused_in_another_vocabulary_is_an_error_suggesting_another_id(tmp_path):
    text = edited("  - id: host\n", "  - id: health\n")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "  - id: health", start=line_of(text, "roles:"))
    assert "the id 'health' is already used in 'themes'" in diagnostic.message
    assert "'role-health'" in diagnostic.message


def test_an_alias_that_is_already_an_id_is_an_error(tmp_path):
    text = edited("aliases: [led]", "aliases: [health]")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "aliases: [health]")
    assert "the alias 'health' is already an id or alias" in diagnostic.message


def test_an_unquoted_comma_inside_a_label_asks_to_put_the_text_in_quotes(tmp_path):
    text = edited('label: {en: "Health", fr: "Santé", es: "Salud"}', "label: {en: Health, care and wellbeing}")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "label: {en: Health, care")
    assert "put the text in quotes" in diagnostic.message
    assert 'label: {en: "..."}' in diagnostic.message


def test_a_term_without_label_is_an_error(tmp_path):
    text = edited('  - id: health\n    label: {en: "Health", fr: "Santé", es: "Salud"}\n', "  - id: health\n")
    assert "each term needs a 'label'" in the_error(load(tmp_path, text)[1]).message


def test_a_term_id_in_capitals_is_an_error(tmp_path):
    text = edited("  - id: health\n", "  - id: Health\n")
    assert "lower-case letters, digits and hyphens" in the_error(load(tmp_path, text)[1]).message


def test_an_unknown_field_in_a_term_gets_a_suggestion(tmp_path):
    text = edited("    aliases: [led]", "    alias: [led]")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert "unknown field 'alias' in a term; did you mean 'aliases'?" in diagnostic.message


def test_a_missing_vocabulary_is_an_error_naming_it(tmp_path):
    text = edited("status:\n  - id: planned", "statuses:\n  - id: planned")
    assert "the vocabulary 'status' is missing" in the_error(load(tmp_path, text)[1]).message


def test_a_country_in_two_regions_is_an_error(tmp_path):
    text = edited('["BM", "CA",', '["BM", "ZA", "CA",')
    diagnostic = the_error(load(tmp_path, text)[1])
    assert "the country ZA is in two regions ('sub-saharan-africa' and 'northern-america')" in diagnostic.message


def test_an_unquoted_no_in_a_region_asks_for_quotes(tmp_path):
    text = edited('"LV", "NO",', '"LV", NO,')
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, '"LV", NO,')
    assert 'put it in quotes: "NO"' in diagnostic.message


def test_a_country_code_that_does_not_exist_in_a_region_is_an_error(tmp_path):
    text = edited('["BM", "CA",', '["BM", "XY", "CA",')
    assert "'XY' is not an ISO 3166-1 alpha-2 country code" in the_error(load(tmp_path, text)[1]).message


def test_a_missing_taxonomy_file_is_one_diagnostic(tmp_path):
    report = Report()
    taxonomy = load_taxonomy(tmp_path / "taxonomy.yml", "taxonomy.yml", report)
    assert "taxonomy.yml is missing" in the_error(report).message
    assert not taxonomy.vocabularies


def test_a_taxonomy_that_is_not_a_mapping_is_one_diagnostic(tmp_path):
    assert "must be a list of vocabularies" in the_error(load(tmp_path, "- themes\n- roles\n")[1]).message


def test_a_stray_document_separator_in_the_taxonomy_is_reported_on_its_line(tmp_path):
    text = edited("\nroles:\n", "\n---\nroles:\n")
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line == line_of(text, "---")
    assert "missing" not in diagnostic.message


def test_broken_yaml_in_the_taxonomy_is_one_diagnostic_with_its_line(tmp_path):
    text = edited('label: {en: "Health", fr: "Santé", es: "Salud"}', 'label: {en: "Health}')
    diagnostic = the_error(load(tmp_path, text)[1])
    assert diagnostic.line >= line_of(text, 'label: {en: "Health}')
