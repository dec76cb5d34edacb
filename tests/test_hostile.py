"""Broken and hostile contributions: `hub check` explains each, `hub build` refuses it and keeps the site.

The corpus is tests/hostile/cases.yml with its folders (tests/hostile_cases.py
reads it). For each case, in a fresh small valid hub (tests/helpers.py
``make_hub``), ``python -m hub_plugin check`` must exit with the expected
status within CPU_LIMIT seconds of CPU time, print exactly the expected error
lines and no Traceback; ``python -m hub_plugin build -d SITE``, over a copy
of the clean hub's built site, must fail with the same lines and leave SITE
byte-identical (or succeed, for the contributions the hub accepts: a BOM, CRLF
line endings, a cycle of ``related``).

A case whose ``bug`` is set expects the right behaviour and fails today: it runs
in its own strictly xfailed test below, whose reason must equal ``bug``.
"""

from __future__ import annotations

import sys

import pytest
from helpers import ALPHA_PATH, CASE_STUDY_PATH, make_hub
from hostile_cases import (
    CASES_FILE,
    HOSTILE,
    Case,
    build_clean_site,
    error_lines,
    folder_files,
    load_cases,
    run_case,
    run_check,
    snapshot,
)

CASES = {case.id: case for case in load_cases()}


@pytest.fixture(scope="module")
def clean_site(tmp_path_factory):
    """The small valid hub built once by `hub build`, and its bytes."""
    site = build_clean_site(tmp_path_factory.mktemp("clean-hub"))
    return site, snapshot(site)


def check_case(case: Case, clean_site, tmp_path) -> None:
    site, files = clean_site
    result = run_case(case, tmp_path, site, files)
    assert not result.problems, result.report()


# -- the corpus itself ------------------------------------------------------------------------------

def test_the_corpus_has_at_least_forty_cases_with_unique_ids():
    ids = [case.id for case in load_cases()]
    assert len(ids) >= 40
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_case_folder_holds_exactly_the_files_its_case_writes():
    folders = {path.name for path in HOSTILE.iterdir() if path.is_dir()}
    assert folders <= set(CASES), f"folders without a case in {CASES_FILE.name}: {sorted(folders - set(CASES))}"
    for case in CASES.values():
        sources = [bool(folder_files(case)), bool(case.edits), bool(case.generate)]
        assert sum(sources) == 1, f"{case.id}: needs exactly one of a folder, edits or generate"
        if folder_files(case):
            assert folder_files(case) == set(case.writes), case.id
        if case.edits:
            assert {edit.path for edit in case.edits} == set(case.writes), case.id


def test_every_case_says_what_it_expects():
    for case in CASES.values():
        assert case.about, case.id
        assert case.accepted or case.expect, f"{case.id}: a refused contribution needs its expected lines"
        assert not (case.accepted and case.expect), f"{case.id}: an accepted contribution prints no error"
        for line in case.expect:
            assert ": error: " in line and line.split(":")[1].isdigit(), f"{case.id}: not path:line:col: error: {line}"


def test_no_case_stores_a_large_file():
    for path in HOSTILE.rglob("*"):
        assert not path.is_file() or path.stat().st_size < 100_000, f"{path}: generate large inputs at run time"


def test_every_known_bug_has_its_strict_xfail_with_the_same_reason():
    module = sys.modules[__name__]
    for case in CASES.values():
        test = getattr(module, f"test_bug_{case.id.replace('-', '_')}", None)
        if not case.bug:
            assert test is None, f"{case.id} has no 'bug' but a test_bug_ function"
            continue
        assert case.bug.startswith("BUG: "), case.id
        assert test is not None, f"{case.id}: add a strictly xfailed test_bug_{case.id.replace('-', '_')}"
        marks = [mark for mark in getattr(test, "pytestmark", []) if mark.name == "xfail"]
        assert marks and marks[0].kwargs == {"strict": True, "reason": case.bug}, case.id


# -- every case -------------------------------------------------------------------------------------

@pytest.mark.parametrize("case_id", [case.id for case in CASES.values() if not case.bug])
def test_hostile_contribution(case_id, clean_site, tmp_path):
    check_case(CASES[case_id], clean_site, tmp_path)


def test_byte_order_mark_and_crlf_line_endings_are_accepted(tmp_path):
    """A decision, not an accident: files saved by Windows editors check clean (and build: see the cases)."""
    for case_id in ("bom", "crlf", "bom-and-crlf-in-a-partner"):
        assert CASES[case_id].accepted and not CASES[case_id].expect and CASES[case_id].build_should_fail is False
    root = make_hub(tmp_path / "hub")
    for path in (CASE_STUDY_PATH, ALPHA_PATH):
        text = (root / path).read_bytes()
        (root / path).write_bytes(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))
    run = run_check(root)
    assert run.returncode == 0 and not error_lines(run.stdout), run.output
    assert "0 errors, 0 warnings (1 case studies, 2 partners and 5 programmes valid)" in run.stderr, run.output
