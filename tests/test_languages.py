"""The hub's languages (the plugin's ``languages`` option) and the labels taxonomy.yml owes each of them.

``hub check`` warns, one line per term on its label, when a term has no label in one of the hub's
languages; a language is a code in mkdocs.yml and labels in taxonomy.yml, nothing in the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers import REPO_TAXONOMY, hub, line_of, make_hub

from hub_plugin.build.options import OPTIONS, with_defaults
from hub_plugin.check.taxonomy import load_taxonomy
from hub_plugin.read.diagnostics import Report

HEALTH = 'label: {en: "Health", fr: "Santé", es: "Salud"}'


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = make_hub(tmp_path / "hub")
    with_languages(root, "[en, fr, es]")  # the default's languages (test hubs have one edition)
    monkeypatch.chdir(root)
    return root


def edit_taxonomy(root: Path, old: str, new: str) -> str:
    path = root / "taxonomy.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in taxonomy.yml"
    path.write_text(text := text.replace(old, new), encoding="utf-8")
    return text


def with_languages(root: Path, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"      languages: \[[a-z, ]*\]", f"      languages: {value}", text, count=1), encoding="utf-8")


def check(capsys) -> tuple[int, list[str]]:
    status = hub("check")
    return status, capsys.readouterr().out.splitlines()


def test_a_term_without_a_french_label_is_one_warning_on_the_line_of_its_label(project, capsys):
    text = edit_taxonomy(project, HEALTH, label := 'label: {en: "Health", es: "Salud"}')
    status, out = check(capsys)
    assert status == 0  # a warning: the hub still builds, in English
    assert out == [f"taxonomy.yml:{line_of(text, label)}:5: warning: the term 'health' of 'themes' "
                   "has no French (fr) label; add fr: \"...\" to its label"]


def test_a_term_lacking_two_languages_is_still_one_line_naming_both(project, capsys):
    text = edit_taxonomy(project, 'label: {en: "Twinning", fr: "Jumelage", es: "Hermanamiento"}',
                         label := 'label: {en: "Twinning"}')
    _, out = check(capsys)
    assert out == [f"taxonomy.yml:{line_of(text, label)}:5: warning: the term 'twinning' of "
                   "'modalities' has no French (fr) or Spanish (es) label; add fr: \"...\" and es: \"...\" to its label"]


def test_a_plain_label_counts_as_english_and_the_fix_writes_it_by_language(project, capsys):
    text = edit_taxonomy(project, HEALTH, "label: Health")
    _, out = check(capsys)
    assert out == [f"taxonomy.yml:{line_of(text, 'label: Health')}:5: warning: the term 'health' of 'themes' has no "
                   "French (fr) or Spanish (es) label; write it by language: label: {en: \"Health\", fr: \"...\", es: \"...\"}"]


def test_an_empty_label_is_a_missing_one(project, capsys):
    edit_taxonomy(project, HEALTH, 'label: {en: "Health", fr: " ", es: "Salud"}')
    _, out = check(capsys)
    assert len(out) == 1 and "has no French (fr) label" in out[0]


def test_no_warning_for_a_language_the_hub_does_not_have(project, capsys):
    with_languages(project, "[en]")
    edit_taxonomy(project, HEALTH, 'label: {en: "Health"}')
    assert check(capsys) == (0, [])


def test_another_language_needs_only_its_code_in_mkdocs_yml(project, capsys):
    with_languages(project, "[en, fr, es, pt]")
    terms = sum(len(terms) for terms in yaml.safe_load(REPO_TAXONOMY.read_text(encoding="utf-8")).values())
    status, out = check(capsys)
    assert status == 0 and len(out) == terms
    assert all(line.endswith("has no Portuguese (pt) label; add pt: \"...\" to its label") for line in out), out[:3]


@pytest.mark.parametrize(("value", "why"), [("[en, fre]", "not an ISO 639-1 code"), ("[en, fr, en]", "twice"),
                                            ("[]", "none"), ("en", "not a list"), ("[en, 1]", "not text")])
def test_languages_that_are_not_a_list_of_distinct_codes_are_an_error_on_their_line(project, capsys, value, why):
    with_languages(project, value)
    status, out = check(capsys)
    assert status == 1, why
    line = line_of((project / "mkdocs.yml").read_text(encoding="utf-8"), "      languages: ")
    assert out == [f"mkdocs.yml:{line}:18: error: the hub plugin's option 'languages' must be a list of distinct ISO 639-1 "
                   "language codes, the default language first; for example: languages: [en, fr, es]"], why


def test_the_build_refuses_the_languages_hub_check_refuses(project, tmp_path, capsys):
    with_languages(project, "[en, en]")
    assert hub("build", "-d", str(tmp_path / "site")) != 0
    err = capsys.readouterr().err
    assert "the hub plugin's option 'languages' must be a list of distinct ISO 639-1 language codes" in err
    assert "Traceback" not in err


def test_english_french_and_spanish_by_default_english_first():
    assert OPTIONS["languages"].default == ["en", "fr", "es"]
    assert with_defaults({})["languages"] == ["en", "fr", "es"]
    assert with_defaults({"languages": ["fr", "en"]})["languages"] == ["fr", "en"]
    assert with_defaults({"languages": ["xx"]})["languages"] == ["en", "fr", "es"]


def test_the_seed_taxonomy_has_every_label_and_description_in_english_french_and_spanish():
    report = Report()
    load_taxonomy(REPO_TAXONOMY, "taxonomy.yml", report, ["en", "fr", "es"])
    assert report.items == [], report.format()
    for vocabulary, terms in yaml.safe_load(REPO_TAXONOMY.read_text(encoding="utf-8")).items():
        for term in terms:
            labels, descriptions = term["label"], term.get("description", {})
            assert set(labels) == {"en", "fr", "es"}, f"{vocabulary}/{term['id']}"
            assert set(descriptions) in ({"en", "fr", "es"}, set()), f"{vocabulary}/{term['id']}"
            # a translation, not the English copied over (Europe, Mentor and Melanesia are the same words)
            assert len({labels["fr"], labels["es"], labels["en"]}) > 1 or labels["en"] in {"Europe", "Mentor"}
            assert all(len({d["en"], d["fr"], d["es"]}) == 3 for d in [descriptions] if d)
