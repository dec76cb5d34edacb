"""``hub check``: one line per problem, exit status 0 (fine), 1 (content errors), 2 (usage)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ALPHA_PATH, BETA_PATH, CASE_STUDY_PATH, REPO_CONFIG, case_study, hub, line_of, make_hub, partner

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<message>\S.*)$")
GAMMA_PATH = "content/partners/gamma-village.md"




@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    root = make_hub(tmp_path / "hub")
    monkeypatch.chdir(root)
    return root


def broken_kind(root: Path) -> str:
    """Beta Town of a kind that does not exist: one error, and nothing else changes."""
    text = partner(name="name: Beta Town", kind="kind: town")
    (root / BETA_PATH).write_text(text, encoding="utf-8")
    return text


KIND_MESSAGE = ("'town' is not in the 'partner_kinds' list of taxonomy.yml; use one of: academic, association, city, "
                "international-organisation, local-government-network, national-government, ngo, regional-government")


# -- exit status and output ------------------------------------------------------------------


def test_the_repository_content_passes_hub_check(capsys):
    assert hub("-f", str(REPO_CONFIG), "check") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("0 errors, 0 warnings")


def test_a_valid_project_exits_0_with_a_summary_on_stderr(project, capsys):
    assert hub("check") == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 errors, 0 warnings (1 case studies, 2 partners and 5 programmes valid)" in err


def test_a_broken_file_exits_1_with_one_line_in_the_exact_format(project, capsys):
    text = broken_kind(project)
    assert hub("check") == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{BETA_PATH}:{line_of(text, 'kind:')}:1: error: {KIND_MESSAGE}"]
    assert "1 error, 0 warnings" in err
    assert "Traceback" not in err


def test_every_output_line_is_path_line_col_severity_message(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(title="title: [a, b]", status="status: x", themes="themes: [nope]"),
                                           encoding="utf-8")
    (project / "content/case-studies/second.md").write_text("---\ntitle: Bikes: a plan\n---\n", encoding="utf-8")
    (project / GAMMA_PATH).write_text(partner(country="country: NO"), encoding="utf-8")
    assert hub("check") == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) >= 5
    for line in lines:
        assert LINE.match(line), line


def test_output_is_sorted_by_file_then_line(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(status="status: x", title="title: [a]"), encoding="utf-8")
    (project / BETA_PATH).write_text(partner(kind="kind: town"), encoding="utf-8")
    hub("check")
    found = [LINE.match(line) for line in capsys.readouterr().out.splitlines()]
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in found]
    assert keys == sorted(keys)


def test_warnings_alone_keep_exit_status_0(project, capsys):
    (project / GAMMA_PATH).write_text(partner(), encoding="utf-8")
    assert hub("check") == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{GAMMA_PATH}:1:1: warning: no case study names the partner 'gamma-village'; "
                                "add it to a case study's 'partners' or delete the file"]
    assert "0 errors, 1 warning" in err


# -- the hub plugin's options in mkdocs.yml ----------------------------------------------------

def with_hub_options(root: Path, options: str) -> None:
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hub:\n", f"  - hub:\n{options}"), encoding="utf-8")


def test_an_option_of_the_wrong_type_is_an_error_on_its_value(project, capsys):
    with_hub_options(project, "      related_top_k: yes\n")
    assert hub("check") == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["mkdocs.yml:7:22: error: the hub plugin's option 'related_top_k' must be a whole number; "
                                "for example: related_top_k: 5"]


def test_a_mistyped_option_name_is_a_warning_with_a_suggestion(project, capsys):
    with_hub_options(project, "      git_fatcs: false\n")
    assert hub("check") == 0
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["mkdocs.yml:7:7: warning: the hub plugin has no option 'git_fatcs', so MkDocs ignores it; "
                                "did you mean 'git_facts'?"]


def test_options_under_plugins_written_as_a_mapping_are_checked_too(project, capsys):
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("plugins:\n  - hub:\n      languages: [en]",
                                                                 "plugins:\n  hub:\n    cache_dir: [a, b]"),
                      encoding="utf-8")
    assert hub("check") == 1
    out, _ = capsys.readouterr()
    assert out.splitlines() == ["mkdocs.yml:7:16: error: the hub plugin's option 'cache_dir' must be text; "
                                "for example: cache_dir: .hub-cache"]


def test_the_build_refuses_what_hub_check_refuses(project, tmp_path, capsys):
    with_hub_options(project, "      related_top_k: yes\n")
    assert hub("build", "-d", str(tmp_path / "site")) != 0
    err = capsys.readouterr().err
    assert "the hub plugin's option 'related_top_k' must be a whole number" in err and "Traceback" not in err


def test_the_option_list_is_the_one_mkdocs_validates():
    from hub_plugin.build.options import OPTIONS
    from hub_plugin.hosts.mkdocs.config import HubConfig

    schema = dict(HubConfig._schema)
    assert list(schema) == list(OPTIONS)
    assert {name: item.default for name, item in schema.items()} == {name: o.default for name, o in OPTIONS.items()}


def test_hub_check_finds_mkdocs_yml_from_a_subfolder(project, monkeypatch, capsys):
    broken_kind(project)
    monkeypatch.chdir(project / "content" / "case-studies")
    assert hub("check") == 1
    assert BETA_PATH in capsys.readouterr().out


def test_a_config_file_given_with_f_is_used_from_anywhere(project, tmp_path, monkeypatch, capsys):
    broken_kind(project)
    monkeypatch.chdir(tmp_path)
    assert hub("-f", str(project / "mkdocs.yml"), "check") == 1
    assert capsys.readouterr().out.startswith(BETA_PATH)


# -- usage errors ------------------------------------------------------------------------------


def test_an_unknown_option_is_a_usage_error(project, capsys):
    assert hub("check", "--no-such-option") == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_an_unknown_format_is_a_usage_error(project, capsys):
    assert hub("check", "--format", "xml") == 2


def test_a_path_that_does_not_exist_is_a_usage_error(project, capsys):
    assert hub("check", "content/case-studies/nope.md") == 2
    out, err = capsys.readouterr()
    assert "no such file or folder: content/case-studies/nope.md" in err
    assert "Traceback" not in err


def test_no_mkdocs_yml_anywhere_is_a_usage_error(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "empty"
    folder.mkdir()
    monkeypatch.chdir(folder)
    if any((parent / "mkdocs.yml").is_file() for parent in folder.resolve().parents):
        pytest.skip("a folder above the temporary folder has a mkdocs.yml")
    assert hub("check") == 2
    assert "no mkdocs.yml" in capsys.readouterr().err


def test_a_config_file_that_does_not_exist_is_a_usage_error(tmp_path, capsys):
    assert hub("-f", str(tmp_path / "missing.yml"), "check") == 2
    assert "does not exist" in capsys.readouterr().err


def test_no_command_prints_help_and_is_a_usage_error(project, capsys):
    assert hub() == 2
    assert "check" in capsys.readouterr().out


# -- formats -------------------------------------------------------------------------------------


def test_format_github_prints_workflow_commands(project, capsys):
    text = broken_kind(project)
    (project / GAMMA_PATH).write_text(partner(), encoding="utf-8")
    assert hub("check", "--format", "github") == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"::error file={BETA_PATH},line={line_of(text, 'kind:')},col=1::{KIND_MESSAGE}",
        f"::warning file={GAMMA_PATH},line=1,col=1::no case study names the partner 'gamma-village'; "
        "add it to a case study's 'partners' or delete the file",
    ]


def test_format_github_escapes_percent_signs(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(status="status: 100%"), encoding="utf-8")
    hub("check", "--format", "github")
    assert "'100%25'" in capsys.readouterr().out


def test_format_json_is_a_list_of_diagnostic_objects(project, capsys):
    text = broken_kind(project)
    assert hub("check", "--format", "json") == 1
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data == [{"path": BETA_PATH, "line": line_of(text, "kind:"), "col": 1, "severity": "error",
                     "message": KIND_MESSAGE}]


def test_format_json_keeps_non_ascii_text_readable(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(status="status: terminé"), encoding="utf-8")
    hub("check", "--format", "json")
    out = capsys.readouterr().out
    assert "terminé" in out
    assert json.loads(out)[0]["message"].startswith("'terminé'")


# -- hub check PATH ------------------------------------------------------------------------------------


def test_check_path_reports_only_on_that_file(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(status="status: finished"), encoding="utf-8")
    broken_kind(project)
    assert hub("check", BETA_PATH) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(BETA_PATH + ":") for line in lines)


def test_check_path_exits_0_when_that_file_is_fine_even_if_others_are_not(project, capsys):
    broken_kind(project)
    assert hub("check", ALPHA_PATH) == 0
    assert capsys.readouterr().out == ""


def test_check_folder_reports_on_the_files_inside_it(project, capsys):
    (project / CASE_STUDY_PATH).write_text(case_study(status="status: finished"), encoding="utf-8")
    broken_kind(project)
    assert hub("check", "content/partners") == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("content/partners/") for line in lines)


def test_check_path_is_relative_to_the_current_folder(project, monkeypatch, capsys):
    broken_kind(project)
    monkeypatch.chdir(project / "content" / "partners")
    assert hub("check", "beta-town.md") == 1
    assert capsys.readouterr().out.startswith(BETA_PATH + ":")


# -- the real console script ---------------------------------------------------------------------------


def console_script() -> str:
    found = shutil.which("hub") or str(Path(sys.executable).parent / "hub")
    if not Path(found).exists():
        pytest.fail("the 'hub' console script is not installed: pip install -e '.[test]'")
    return found


BOMB = "---\n" + 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
) + "---\nbody\n"


def test_the_console_script_reports_a_binary_file_and_a_yaml_bomb_without_a_traceback(tmp_path):
    root = make_hub(tmp_path / "hub", {
        "content/case-studies/photo.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        "content/case-studies/bomb.md": BOMB,
    })
    started = time.perf_counter()
    result = subprocess.run([console_script(), "check"], cwd=root, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 5.0
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert all(LINE.match(line) for line in lines), result.stdout
    assert any(line.startswith("content/case-studies/photo.md:") and "binary" in line for line in lines)
    assert any(line.startswith("content/case-studies/bomb.md:") and "aliases" in line for line in lines)
    assert "2 errors" in result.stderr


def test_the_console_script_survives_a_maximum_size_file_of_brackets(tmp_path):
    depth = 400_000
    root = make_hub(tmp_path / "hub", {"content/case-studies/deep.md": "---\na: " + "[" * depth + "]" * depth + "\n---\n"})
    started = time.perf_counter()
    result = subprocess.run([console_script(), "check"], cwd=root, capture_output=True, text=True, timeout=60)
    assert time.perf_counter() - started < 10.0
    assert result.returncode == 1, f"exit status {result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("content/case-studies/deep.md:")


def test_the_console_script_reports_a_mistyped_tag_without_a_traceback(tmp_path):
    root = make_hub(tmp_path / "hub", {CASE_STUDY_PATH: case_study(sdgs="sdgs: [!!int eleven]")})
    result = subprocess.run([console_script(), "check"], cwd=root, capture_output=True, text=True, timeout=60)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.startswith(CASE_STUDY_PATH + ":")
