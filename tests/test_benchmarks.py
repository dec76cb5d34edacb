"""The scale benchmark's parts: a deterministic, valid generated corpus, and a benchmark that runs end to end.

The figures themselves are not checked here (speed is measured in benchmarks,
not in tests); what is checked is that the benchmark measures what it says.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from hub_plugin.check.loading import load_catalogue
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths

REPO = Path(__file__).resolve().parent.parent
SCRIPTS = REPO / "scripts"
if str(SCRIPTS) not in sys.path:
    sys.path.insert(0, str(SCRIPTS))

from bench import EXPONENT_MIN_N, fit_exponent  # noqa: E402
from gen_corpus import generate  # noqa: E402


def fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def test_the_corpus_is_the_same_for_a_seed_and_differs_with_another(tmp_path):
    generate(30, tmp_path / "a", seed=3, words=120)
    generate(30, tmp_path / "b", seed=3, words=120)
    generate(30, tmp_path / "c", seed=4, words=120)
    assert fingerprint(tmp_path / "a") == fingerprint(tmp_path / "b") != fingerprint(tmp_path / "c")


def test_the_corpus_is_valid_content_shaped_as_the_issue_asks(tmp_path):
    generate(80, tmp_path / "hub", seed=1, words=200)
    report = Report()
    catalogue = load_catalogue(HubPaths.at(tmp_path / "hub"), report)
    assert not report.has_errors, report.format()
    assert len(catalogue.case_studies) == 80 and len(catalogue.partners) == 20  # a pool of about N/4 partners
    assert all(2 <= len(case.partners) <= 4 for case in catalogue.case_studies.values())
    assert any(case.related for case in catalogue.case_studies.values())
    assert any("[[" in case.body for case in catalogue.case_studies.values())
    words = [len(case.body.split()) for case in catalogue.case_studies.values()]
    assert 150 <= sum(words) / len(words) <= 260


@pytest.mark.parametrize("power", [0.5, 1.0, 2.0])
def test_the_growth_exponent_is_the_power_of_n_the_times_follow(power):
    assert fit_exponent([(n, 0.01 * n ** power) for n in (100, 500, 2000, 5000)]) == pytest.approx(power)
    assert fit_exponent([(500, 1.0)]) is None


def test_the_benchmark_builds_every_tool_side_by_side_and_writes_its_figures(tmp_path):
    out = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, str(SCRIPTS / "bench.py"), "--n", "8", "16", "--runs", "1", "--words", "60",
                          "--work", str(tmp_path / "work"), "--json", str(out)],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = json.loads(out.read_text(encoding="utf-8"))
    cells = {(cell["n"], cell["tool"]): cell for cell in figures["cells"]}
    for n in (8, 16):
        for tool in ("hub", "plain"):
            assert cells[n, tool]["status"] == "ok" and cells[n, tool]["wall_s"] > 0 and cells[n, tool]["pages"] > n
        assert cells[n, "hugo"]["status"] in ("ok", "n/a")
    assert {ratio["n"] for ratio in figures["ratios"]} == {8, 16}
    assert figures["exponents"]["hub"]["over_n"] == [] and EXPONENT_MIN_N > 16  # sizes this small are not fitted
    for warm in figures["warm_rebuild"]:  # an edited case study, rebuilt by a new process and as `mkdocs serve` does
        assert warm["status"] == "ok" and warm["edited"].startswith("content/case-studies/") and warm["warm_s"] > 0
        assert warm["serve"]["status"] == "ok" and 0 < warm["serve"]["rebuild_s"]
        assert warm["themes"]["status"] == warm["empty_site"]["status"] == "ok"  # as in CI: the cache, no site
    assert "hub/plain" in run.stdout and "exponent hub" in run.stdout and "as mkdocs serve" in run.stdout
    assert "empty site folder (as in CI)" in run.stdout


PROSE = REPO / "tests" / "fixtures" / "search-prose"


def test_real_prose_bodies_are_the_same_for_a_seed_and_keep_the_front_matter_of_the_generated_corpus(tmp_path):
    from gen_corpus import read_prose

    paragraphs = read_prose([PROSE])
    generate(20, tmp_path / "a", seed=3, words=120, text=paragraphs)
    generate(20, tmp_path / "b", seed=3, words=120, text=paragraphs)
    generate(20, tmp_path / "plain", seed=3, words=120)
    assert fingerprint(tmp_path / "a") == fingerprint(tmp_path / "b") != fingerprint(tmp_path / "plain")
    prose = (tmp_path / "a" / "content" / "case-studies" / "case-00007.md").read_text(encoding="utf-8")
    plain = (tmp_path / "plain" / "content" / "case-studies" / "case-00007.md").read_text(encoding="utf-8")
    assert prose.split("\n---\n", 1)[0] == plain.split("\n---\n", 1)[0]  # the same front matter
    body = prose.split("\n---\n", 1)[1]
    assert "## Context" in body and any(paragraph[:60] in body for paragraph in paragraphs)
    report = Report()
    load_catalogue(HubPaths.at(tmp_path / "a"), report)
    assert not report.has_errors, report.format()


def test_only_paragraphs_of_prose_are_kept_and_a_folder_is_read_with_its_docstrings(tmp_path):
    from gen_corpus import prose_paragraphs, read_prose

    text = ("Usage::\n\n    parser.add_argument('--x')\n\n"
            "This paragraph explains in plain words what the function does and why a reader would call it.\n\n"
            "| a | b |\n|---|---|\n\n"
            "Call 02110-1301 for the office, a number that reads like a phone number to the hub's checks.\n")
    assert prose_paragraphs(text) == [
        "This paragraph explains in plain words what the function does and why a reader would call it."]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "notes.md").write_text(text, encoding="utf-8")
    (tmp_path / "docs" / "module.py").write_text(
        '"""A module whose docstring is prose: it says what the module is for, in a dozen words or more."""\n',
        encoding="utf-8")
    (tmp_path / "docs" / "tests").mkdir()
    (tmp_path / "docs" / "tests" / "test_x.py").write_text('"""A test suite docstring, long enough to be kept as prose here."""\n')
    found = read_prose([tmp_path / "docs"])
    assert len(found) == 2 and found[0].startswith("A module whose docstring") and "test suite" not in " ".join(found)
    with pytest.raises(FileNotFoundError):
        read_prose([tmp_path / "missing"])


def test_the_search_benchmark_measures_both_corpora_side_by_side(tmp_path):
    out = tmp_path / "figures.json"
    run = subprocess.run([sys.executable, str(SCRIPTS / "bench_search.py"), "--n", "12", "--words", "60", "--loads", "1",
                          "--text", str(PROSE), "--work", str(tmp_path / "work"), "--json", str(out)],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    figures = {(row["corpus"], row["n"]): row for row in json.loads(out.read_text(encoding="utf-8"))}
    assert set(figures) == {("generated", 12), ("prose", 12)}
    for row in figures.values():
        assert row["load_to_result_ms"] > row["ready_ms"] > 0 and row["first_result_kb"] > row["head_kb_gzip"] > 0
        assert row["cli_cold_s"] > 0 and row["index_gzip_mb"] < row["index_disk_mb"]
    header = run.stdout.splitlines()[1]
    assert "generated@12" in header and "prose@12" in header and "load_to_result_ms" in run.stdout
