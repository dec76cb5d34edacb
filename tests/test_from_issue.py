"""``hub from-issue``: the issue form's answers become a case study that ``hub check`` accepts, or a comment
that names each problem by its question; and no answer can write outside ``content/`` or run anything."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from helpers import REPO, hub, load, make_hub

from hub_plugin.contribute.fromissue import MAX_BODY_CHARS, propose, read_answers
from hub_plugin.contribute.issueform import issue_form_data
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.read.source import read_source
from hub_plugin.read.text import ID_PATTERN

SAMPLE = (REPO / "tests" / "fixtures" / "issues" / "new-partner-with-accents.md").read_text(encoding="utf-8")
SOURCE_ANSWER = "Budget partnership: final report, Beta Town, 2022, https://beta.example.org/medellin-report"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_hub(tmp_path / "hub")


def written_front(root: Path, path: str) -> dict:
    return read_source(root / path, path).front.data


def test_the_sample_issue_becomes_a_case_study_and_a_new_partner_that_pass_hub_check(root):
    outcome = propose(SAMPLE, 7, HubPaths.at(root))
    assert outcome.ready, outcome.comment
    case_path, partner_path = outcome.written
    assert case_path.startswith("content/case-studies/alcaldia-de-medellin-learns-from-beta-town")
    assert partner_path == "content/partners/alcaldia-de-medellin.md"
    front = written_front(root, case_path)
    assert front["title"] == "Alcaldía de Medellín learns from Beta Town: budgets that residents can read"
    assert front["partners"] == [{"id": "beta-town", "role": "mentor"}, {"id": "alcaldia-de-medellin", "role": "mentee"}]
    assert front["themes"] == ["municipal-finance", "governance"] and front["sdgs"] == [11, 16]
    assert front["period"] == {"start": "2019-03", "end": "2021"} and front["status"] == "completed"
    assert front["lessons"][0] == "Lesson one: start with one page."  # the colon is text, not a field
    assert front["sources"] == [{"title": "Budget partnership: final report", "publisher": "Beta Town", "year": 2022,
                                 "url": "https://beta.example.org/medellin-report"}]
    assert written_front(root, partner_path) == {"name": "Alcaldía de Medellín", "kind": "city", "country": "CO"}
    catalogue, report = load(root)
    assert not report.has_errors, report.format()
    assert "alcaldia-de-medellin" in catalogue.partners
    assert "kind `city`" in outcome.comment, "the editors are told what was guessed"


def test_a_missing_source_is_named_by_its_question_and_the_line_of_the_answer(root):
    outcome = propose(SAMPLE.replace(SOURCE_ANSWER, "_No response_"), 8, HubPaths.at(root))
    assert not outcome.ready
    line = SAMPLE.split("\n").index(SOURCE_ANSWER) + 1
    assert f"- **Sources** (line {line} of your answers): `name at least one source" in outcome.comment
    assert outcome.comment.count("**Sources**") == 1 and "**Title**" not in outcome.comment


def test_a_partner_without_a_role_or_a_country_is_named_on_its_line(root):
    body = SAMPLE.replace("Alcaldía de Medellín, Colombia: mentee", "Alcaldía de Medellín, Colombia\nCity of Nowhere, Atlantis: peer")
    outcome = propose(body, 9, HubPaths.at(root))
    line = body.split("\n").index("Alcaldía de Medellín, Colombia") + 1
    assert f"**Partners and their roles** (line {line} of your answers): `'Alcaldía de Medellín, Colombia': write the role" \
           in outcome.comment
    assert "'Atlantis' is not a country name this hub knows" in outcome.comment


def test_an_existing_partner_is_named_by_its_id_and_gets_no_new_file(root):
    outcome = propose(SAMPLE, 10, HubPaths.at(root))
    assert not (root / "content" / "partners" / "beta-town-2.md").exists()
    assert outcome.written.count("content/partners/beta-town.md") == 0


def test_answers_are_found_by_the_labels_of_the_form(root):
    from hub_plugin.check.loading import load_vocabularies
    from hub_plugin.read.diagnostics import Report

    taxonomy = load_vocabularies(HubPaths.at(root), Report())
    questions = {element["attributes"]["label"]: element["id"] for element in issue_form_data(taxonomy)["body"]
                 if "id" in element}
    answers = read_answers(SAMPLE, questions)
    assert answers["programme"].text == "" and answers["status"].text == "Completed"
    assert answers["title"].line == 3


# -- hostile issues -------------------------------------------------------------------------------------


HOSTILE_TITLES = ["../../../etc/passwd", "..\\..\\windows", "$(rm -rf ~) `id` ; ls | cat && echo ${HOME}",
                  "${{ secrets.GITHUB_TOKEN }} ${{ github.token }}", "\x00 nul and \u202e right-to-left", "/absolute/path.md"]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_no_answer_can_name_a_file_outside_the_content_folder(root, title):
    body = SAMPLE.replace("Alcaldía de Medellín learns from Beta Town: budgets that residents can read", title)
    body = body.replace("Alcaldía de Medellín, Colombia: mentee", f"{title}, Colombia: mentee")
    before = {path for path in root.rglob("*") if path.is_file()}
    outcome = propose(body, 11, HubPaths.at(root))
    created = {path for path in root.rglob("*") if path.is_file()} - before
    assert created == {root / path for path in outcome.written}
    for path in created:
        assert path.parent in (root / "content" / "case-studies", root / "content" / "partners")
        assert ID_PATTERN.match(path.stem), path.name
    case = next(path for path in created if path.parent.name == "case-studies")
    assert written_front(root, str(case.relative_to(root)))["title"] == title.replace("\x00", "").strip()


@pytest.mark.parametrize("text", ["${{ github.event.issue.title }}", "$(touch /tmp/pwned)", "`touch /tmp/pwned`",
                                  "'; touch /tmp/pwned; echo '", "\"quoted\" and 'single' and \\backslash",
                                  "key: value # comment", "*alias &anchor !!python/object:os.system"])
def test_what_a_contributor_writes_stays_text_in_the_file(root, text):
    body = SAMPLE.replace("Lesson one: start with one page.", text)
    outcome = propose(body, 12, HubPaths.at(root))
    front = written_front(root, outcome.written[0])
    assert text in front["lessons"]
    assert not Path("/tmp/pwned").exists()


def test_an_answer_of_a_megabyte_is_refused_without_writing_anything(root):
    body = SAMPLE.replace("Now both cities publish a one-page summary.", "x" * 1_000_000)
    before = sorted(path for path in root.rglob("*") if path.is_file())
    outcome = propose(body, 13, HubPaths.at(root))
    assert not outcome.ready and outcome.written == []
    assert f"at most {MAX_BODY_CHARS:,}" in outcome.comment
    assert sorted(path for path in root.rglob("*") if path.is_file()) == before


def test_a_body_that_is_not_the_form_gets_a_plain_answer(root):
    outcome = propose("Please add my city!", 14, HubPaths.at(root))
    assert not outcome.ready and "choose 'Case study'" in outcome.comment


# -- the command and the workflow ---------------------------------------------------------------------------


def test_hub_from_issue_reads_the_event_and_writes_what_the_workflow_needs(root, tmp_path, monkeypatch):
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"issue": {"number": 21, "body": SAMPLE, "title": "Case study: Medellín",
                                           "user": {"login": "ana-maria", "id": 4242}}}), encoding="utf-8")
    monkeypatch.chdir(root)
    work, output = tmp_path / "work", tmp_path / "github-output"
    assert hub("from-issue", "--event", str(event), "--work", str(work), "--output", str(output)) == 0
    assert output.read_text(encoding="utf-8").splitlines()[0] == "ready=true"
    assert "branch=case-study/issue-21" in output.read_text(encoding="utf-8")
    message = (work / "commit-message.txt").read_text(encoding="utf-8")
    assert message.startswith("Case study from issue #21: Alcaldía de Medellín learns")
    assert message.rstrip().endswith("Co-authored-by: ana-maria <4242+ana-maria@users.noreply.github.com>")
    assert (work / "pr-title.txt").read_text(encoding="utf-8").startswith("Case study: Alcaldía")
    assert "pull request" in (work / "comment.md").read_text(encoding="utf-8")


def test_hub_from_issue_exits_1_with_the_comment_when_answers_need_changes(root, tmp_path, monkeypatch, capsys):
    body = tmp_path / "body.md"
    body.write_text(SAMPLE.replace(SOURCE_ANSWER, "_No response_"), encoding="utf-8")
    monkeypatch.chdir(root)
    assert hub("from-issue", "--body-file", str(body), "--number", "3", "--work", str(tmp_path / "w")) == 1
    assert "**Sources**" in capsys.readouterr().out


def test_the_workflow_never_puts_the_issues_text_in_a_command():
    text = (REPO / ".github" / "workflows" / "issue-to-pull-request.yml").read_text(encoding="utf-8")
    expressions = {part.split("}}")[0].strip() for part in text.split("${{")[1:]}
    assert expressions <= {"github.event.issue.number", "github.token",
                           "contains(github.event.issue.labels.*.name, 'case-study') && github.event.issue.state == 'open'"}
    data = yaml.safe_load(text)
    assert data["permissions"] == {} and set(data["jobs"]["propose"]["permissions"]) == {"contents", "pull-requests",
                                                                                        "issues"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_every_workflow_validates_against_githubs_schema(workflow):
    tool = shutil.which("check-jsonschema")
    assert tool, "check-jsonschema comes with the test extras: pip install -e '.[test]'"
    result = subprocess.run([tool, "--builtin-schema", "vendor.github-workflows", str(workflow)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_workflow_passes_actionlint():
    tool = shutil.which("actionlint")
    assert tool, "actionlint comes with the test extras: pip install -e '.[test]'"
    result = subprocess.run([tool, *map(str, WORKFLOWS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
