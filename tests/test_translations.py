"""Translations of case studies: ``<slug>.<language>.md`` carries the original's text, never its facts.

``hub check`` refuses a translation that states a fact differently from its original (with the line
and the fix), warns about one that repeats a fact as it is, and warns, naming both days, about a
translation whose original changed in Git after it.
"""

from __future__ import annotations

import subprocess

from helpers import CASE_STUDY_PATH, MKDOCS_YML, hub, line_of, make_hub, write

THREE = MKDOCS_YML.replace("languages: [en]", "languages: [en, fr, es]")
FRENCH_PATH = CASE_STUDY_PATH.replace(".md", ".fr.md")
TEXT = """---
title: "Beta Town accompagne Alpha City dans son budget"
summary: "L'équipe financière de Beta Town a guidé Alpha City."
{extra}---
Texte.
"""


def check(root, monkeypatch, capsys) -> tuple[int, list[str]]:
    monkeypatch.chdir(root)
    status = hub("check")
    return status, capsys.readouterr().out.splitlines()


def hub_with(tmp_path, extra: str = "") -> tuple:
    root = make_hub(tmp_path / "hub", {"mkdocs.yml": THREE})
    text = TEXT.format(extra=extra)
    write(root, FRENCH_PATH, text)
    return root, text


def test_a_translation_of_text_alone_is_valid(tmp_path, monkeypatch, capsys):
    root, _ = hub_with(tmp_path, 'outcomes: ["Un budget triennal adopté"]\n')
    assert check(root, monkeypatch, capsys) == (0, [])


def test_a_fact_stated_differently_is_refused_with_its_line_and_the_fix(tmp_path, monkeypatch, capsys):
    root, text = hub_with(tmp_path, "status: ongoing\n")
    status, out = check(root, monkeypatch, capsys)
    assert status == 1
    assert out == [f"{FRENCH_PATH}:{line_of(text, 'status: ongoing')}:1: error: 'status' differs from the original's "
                   f"({CASE_STUDY_PATH}); a translation carries only text: remove 'status' here, and correct the "
                   "original if it is wrong"]


def test_a_fact_repeated_as_it_is_is_a_warning_to_drop_it(tmp_path, monkeypatch, capsys):
    root, text = hub_with(tmp_path, "status: completed\n")
    status, out = check(root, monkeypatch, capsys)
    assert status == 0 and len(out) == 1
    assert out[0].startswith(f"{FRENCH_PATH}:{line_of(text, 'status: completed')}:1: warning: 'status' is a fact")


def test_outcomes_must_be_as_many_as_the_original_has(tmp_path, monkeypatch, capsys):
    root, text = hub_with(tmp_path, 'outcomes: ["Un budget", "Un autre"]\n')
    status, out = check(root, monkeypatch, capsys)
    assert status == 1 and "has 1 outcomes and this translation 2" in out[0]


def test_a_translation_without_its_original_names_the_rule(tmp_path, monkeypatch, capsys):
    root = make_hub(tmp_path / "hub", {"mkdocs.yml": THREE})
    write(root, "content/case-studies/no-such-study.fr.md", TEXT.format(extra=""))
    status, out = check(root, monkeypatch, capsys)
    assert status == 1 and "there is no case study 'no-such-study' to translate" in out[0]


def test_a_translation_into_a_language_the_hub_lacks_is_not_shown_and_says_so(tmp_path, monkeypatch, capsys):
    root = make_hub(tmp_path / "hub", {"mkdocs.yml": THREE})
    write(root, CASE_STUDY_PATH.replace(".md", ".pt.md"), TEXT.format(extra=""))
    status, out = check(root, monkeypatch, capsys)
    assert status == 0 and "the hub has no 'pt' edition" in out[0]


def _commit(root, date: str) -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, capture_output=True)
    subprocess.run(["git", "-c", "user.name=E", "-c", "user.email=e@example.org", "commit", "-q", "-m", "x"],
                   cwd=root, check=True, capture_output=True, env=env)


def test_a_translation_older_than_its_original_is_a_warning_naming_both_days(tmp_path, monkeypatch, capsys):
    root, _ = hub_with(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _commit(root, "2024-02-10T12:00:00")
    original = root / CASE_STUDY_PATH
    original.write_text(original.read_text(encoding="utf-8").replace("first multi-year budget", "first budget"),
                        encoding="utf-8")
    _commit(root, "2024-03-10T12:00:00")
    status, out = check(root, monkeypatch, capsys)
    assert status == 0
    assert out == [f"{FRENCH_PATH}:1:1: warning: the original ({CASE_STUDY_PATH}) changed on 2024-03-10, after this "
                   "translation's last change on 2024-02-10; bring the translation up to date with it"]
