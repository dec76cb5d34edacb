"""The ways in for contributors: issue form, "new file" link, workflows and guides.

The issue form is generated from taxonomy.yml, so these tests fail as soon
as the two disagree; the workflows may only run ``hub`` commands that the
command line really has; the guides name every required field, and their
example case study passes ``hub check``.
"""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from helpers import TODAY, load, make_hub

from hub_plugin import contribute
from hub_plugin.check.loading import load_vocabularies
from hub_plugin.check.schema import CASE_STUDY_FIELDS
from hub_plugin.contribute.issueform import issue_form, issue_form_path
from hub_plugin.contribute.newfile import new_file_url, template_text, without_comments
from hub_plugin.hosts.cli.main import _parser
from hub_plugin.model.taxonomy import Taxonomy
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths

REPO = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
CONTRIBUTING = REPO / "CONTRIBUTING.md"
CONTRIBUTE_PAGE = REPO / "content" / "contribute.md"
LONG_REPO = ("https://github.com/uclg-capacity-and-institution-building-working-group/"
             "city-to-city-cooperation-knowledge-hub-of-good-practices-compendium")
FOLDER = "content/case-studies"
FILENAME = "title-of-the-case-study.md"
REQUIRED = [field.name for field in CASE_STUDY_FIELDS if field.required]


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    report = Report()
    loaded = load_vocabularies(HubPaths.at(REPO), report)  # taxonomy.yml and the programme records
    assert not report.has_errors, report.format()
    return loaded


@pytest.fixture(scope="module")
def form_text() -> str:
    path = issue_form_path(REPO)
    assert path == REPO / ".github" / "ISSUE_TEMPLATE" / "case-study.yml"
    assert path.is_file(), f"{path} is missing; run `hub issue-form` to write it"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def form(form_text: str) -> dict:
    return yaml.safe_load(form_text)


def element(form: dict, element_id: str) -> dict:
    found = [item for item in form["body"] if item.get("id") == element_id]
    assert len(found) == 1, f"the issue form has {len(found)} elements with id {element_id!r}"
    return found[0]


# -- the issue form ------------------------------------------------------------------------------


def test_the_issue_form_in_the_repository_is_the_one_taxonomy_yml_gives(taxonomy, form_text):
    assert form_text == issue_form(taxonomy), (
        ".github/ISSUE_TEMPLATE/case-study.yml does not match taxonomy.yml: run `hub issue-form` "
        "to write it again, and commit it")


def test_the_issue_form_is_the_same_bytes_every_time(taxonomy):
    assert issue_form(taxonomy) == issue_form(taxonomy)


def test_the_issue_form_starts_with_a_comment_saying_it_is_generated(form_text):
    first = form_text.split("\n", 1)[0]
    assert first.startswith("#")
    assert "hub issue-form" in first and "taxonomy.yml" in first and "do not edit" in first


def test_the_issue_form_has_the_top_level_keys_github_needs(form):
    assert form["name"] and form["description"]
    assert form["title"] == "Case study: "
    assert form["labels"] == ["case-study"]
    assert isinstance(form["body"], list)


def test_every_element_has_a_valid_unique_id_and_a_unique_label(form):
    fields = [item for item in form["body"] if item["type"] != "markdown"]
    ids = [item["id"] for item in fields]
    labels = [item["attributes"]["label"] for item in fields]
    assert len(set(ids)) == len(ids)
    assert len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", element_id) for element_id in ids)
    assert {item["type"] for item in form["body"]} <= {"markdown", "input", "textarea", "dropdown", "checkboxes"}


@pytest.mark.parametrize("element_id, kind, required", [
    ("title", "input", True), ("summary", "textarea", True), ("partners", "textarea", True),
    ("period", "input", False), ("story", "textarea", True), ("outcomes", "textarea", False),
    ("lessons", "textarea", False), ("sources", "textarea", True), ("contact", "input", False),
])
def test_the_text_fields(form, element_id, kind, required):
    item = element(form, element_id)
    assert item["type"] == kind
    assert item["validations"]["required"] is required


def test_the_partners_field_names_the_roles_of_taxonomy_yml(form, taxonomy):
    description = element(form, "partners")["attributes"]["description"]
    assert all(term.label.lower() in description for term in taxonomy["roles"])


def test_the_licence_must_be_agreed_to(form):
    item = element(form, "licence")
    assert item["type"] == "checkboxes"
    assert [option["required"] for option in item["attributes"]["options"]] == [True]
    assert "CC BY 4.0" in item["attributes"]["options"][0]["label"]


@pytest.mark.parametrize("element_id, vocabulary, multiple, required", [
    ("themes", "themes", True, True), ("modalities", "modalities", True, True),
    ("programme", "programmes", False, False), ("status", "status", False, True),
])
def test_dropdown_options_are_the_labels_of_taxonomy_yml_in_file_order(form, taxonomy, element_id, vocabulary,
                                                                       multiple, required):
    item = element(form, element_id)
    assert item["type"] == "dropdown"
    assert item["attributes"]["multiple"] is multiple
    assert item["validations"]["required"] is required
    assert item["attributes"]["options"] == [term.label for term in taxonomy[vocabulary]]


def test_the_sdg_options_are_numbered_labels(form, taxonomy):
    item = element(form, "sdgs")
    assert item["type"] == "dropdown" and item["attributes"]["multiple"] is True
    assert item["attributes"]["options"][0] == "1. No poverty"
    assert item["attributes"]["options"] == [f"{term.id}. {term.label}" for term in taxonomy["sdgs"]]
    assert len(item["attributes"]["options"]) == 17


def test_dropdown_options_are_unique_text_and_never_the_reserved_none(form):
    for item in form["body"]:
        if item["type"] == "dropdown":
            options = item["attributes"]["options"]
            assert all(isinstance(option, str) and option.strip() for option in options)
            assert len(set(options)) == len(options)
            assert "None" not in options


def test_two_terms_with_the_same_label_get_their_ids_added(taxonomy):
    from hub_plugin.model.taxonomy import Term, Vocabulary

    doubled = Taxonomy(dict(taxonomy.vocabularies))
    themes = Vocabulary("themes", {term.id: term for term in taxonomy["themes"]})
    themes.terms["health-2"] = Term("themes", "health-2", {"en": "Health"})
    doubled.vocabularies["themes"] = themes
    options = element(yaml.safe_load(issue_form(doubled)), "themes")["attributes"]["options"]
    assert "Health (health)" in options and "Health (health-2)" in options
    assert len(set(options)) == len(options)


# -- the "new file" link ---------------------------------------------------------------------------------


def value_of(url: str) -> str:
    query = parse_qs(urlsplit(url).query, keep_blank_values=True)
    return query["value"][0]


def test_the_template_is_the_one_hub_new_writes(taxonomy):
    text = template_text(taxonomy)
    assert text.startswith("---\n")
    assert 'title: "Title of the case study"' in text
    assert "  - id: TODO\n    role: peer\n" in text
    assert "period:\n  start: TODO\n" in text and "status: TODO\n" in text
    assert "## Context" in text


def test_the_template_has_no_flow_mapping_a_beginner_could_break_with_a_colon(taxonomy):
    front = template_text(taxonomy).split("---\n")[1]
    assert not [line for line in front.splitlines() if "{" in line and not line.lstrip().startswith("#")]


def test_the_new_file_url_of_the_real_template_fits_and_decodes_back(taxonomy):
    text = template_text(taxonomy)
    url = new_file_url(LONG_REPO, "main", FOLDER, FILENAME, text)
    assert url is not None
    assert len(url) < 8000
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == ("/uclg-capacity-and-institution-building-working-group/"
                          "city-to-city-cooperation-knowledge-hub-of-good-practices-compendium/new/main/content/case-studies")
    assert parse_qs(parts.query)["filename"] == [FILENAME]
    assert value_of(url) == text


@pytest.mark.parametrize("repo_url", ["https://github.com/owner/repo", "https://github.com/owner/repo/",
                                      "https://github.com/owner/repo.git", "https://github.com/owner/repo.git/",
                                      "http://www.github.com/owner/repo"])
def test_a_trailing_slash_or_git_suffix_is_accepted(repo_url):
    url = new_file_url(repo_url, "main", FOLDER, "x.md", "text")
    assert url == "https://github.com/owner/repo/new/main/content/case-studies?filename=x.md&value=text"


@pytest.mark.parametrize("repo_url", ["https://gitlab.com/owner/repo", "https://github.example.org/owner/repo",
                                      "https://notgithub.com/owner/repo", "https://github.com/owner",
                                      "https://github.com/owner/repo/tree/main", "github.com/owner/repo", ""])
def test_other_hosts_and_addresses_give_no_link(repo_url):
    assert new_file_url(repo_url, "main", FOLDER, "x.md", "text") is None


def test_special_characters_survive_the_round_trip():
    text = "---\ntitle: \"A & B: 100% #1?\"\n---\nÉtude à Mzuzu\n\n## What was done\n"
    url = new_file_url("https://github.com/o/r", "main", FOLDER, "x.md", text)
    assert value_of(url) == text
    assert "#" not in url and " " not in url and "\n" not in url


def test_a_branch_with_a_slash_and_a_folder_with_slashes_keep_them():
    url = new_file_url("https://github.com/o/r", "release/2024", "/content/case-studies/", "x.md", "t")
    assert urlsplit(url).path == "/o/r/new/release/2024/content/case-studies"


def test_a_template_too_long_for_the_limit_loses_its_comments_first(taxonomy):
    text = template_text(taxonomy)
    full = new_file_url("https://github.com/o/r", "main", FOLDER, FILENAME, text, limit=100_000)
    short = without_comments(text)
    limit = len(full) - 1
    url = new_file_url("https://github.com/o/r", "main", FOLDER, FILENAME, text, limit=limit)
    assert url is not None and len(url) <= limit
    assert value_of(url) == short
    assert "\n#" not in short.split("\n---\n", 1)[0]
    assert "## Context" in short  # Markdown headings of the body stay


def test_a_template_too_long_even_without_comments_gives_no_link(taxonomy):
    text = template_text(taxonomy)
    short_url = new_file_url("https://github.com/o/r", "main", FOLDER, FILENAME, without_comments(text),
                             limit=100_000)
    assert new_file_url("https://github.com/o/r", "main", FOLDER, FILENAME, text, limit=len(short_url) - 1) is None


def test_the_template_without_comments_is_still_what_hub_check_reads(taxonomy):
    text = template_text(taxonomy)
    documents = [yaml.safe_load(candidate.split("---\n")[1]) for candidate in (text, without_comments(text))]
    assert documents[0] == documents[1]


def test_without_comments_leaves_text_without_front_matter_alone():
    assert without_comments("# A heading\n\ntext\n") == "# A heading\n\ntext\n"


def test_contribute_does_not_need_mkdocs():
    for module in Path(contribute.__file__).parent.glob("*.py"):
        source = module.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+mkdocs", source, re.MULTILINE), module.name


# -- the workflows -------------------------------------------------------------------------------------


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name} is not a YAML mapping"
    return data


def steps(data: dict) -> list[dict]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def hub_commands(path: Path) -> list[list[str]]:
    """The argument lists of every ``hub`` command in the ``run:`` scripts of a workflow."""
    commands = []
    for step in steps(workflow(path)):
        script = step.get("run", "").replace("\\\n", " ")
        for line in script.split("\n"):
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            lexer.commenters = "#"
            tokens = list(lexer)
            for index, token in enumerate(tokens):
                if token != "hub":
                    continue
                argv = []
                for word in tokens[index + 1:]:
                    if set(word) <= set("();<>|&"):
                        break
                    argv.append(word)
                commands.append(argv)
    return commands


def subcommands() -> set[str]:
    parser = _parser()
    return {name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices}


def assert_parses(argv: list[str], where: str) -> None:
    try:
        namespace, unknown = _parser().parse_known_args(argv)
    except SystemExit:
        pytest.fail(f"{where}: `hub {' '.join(argv)}` is refused by the hub command line")
    assert namespace.command in subcommands(), f"{where}: `hub {' '.join(argv)}` names no subcommand"
    assert unknown == [], f"{where}: `hub {' '.join(argv)}` has unknown arguments {unknown}"


def test_there_are_the_check_deploy_and_issue_to_pull_request_workflows():
    assert [path.name for path in WORKFLOWS] == ["check.yml", "deploy.yml", "issue-to-pull-request.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_checkout_fetches_the_whole_history(path):
    checkouts = [step for step in steps(workflow(path)) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_hub_command_of_a_workflow_exists_with_its_flags(path):
    commands = [argv for argv in hub_commands(path) if argv and argv[0] != "issue-form"]
    assert commands, f"{path.name} runs no hub command"
    for argv in commands:
        assert_parses(argv, path.name)
def test_the_hub_issue_form_command_of_the_workflows_exists():
    commands = [argv for path in WORKFLOWS for argv in hub_commands(path) if argv and argv[0] == "issue-form"]
    assert commands
    assert "issue-form" in subcommands()
    for argv in commands:
        assert_parses(argv, "workflows")


def test_the_workflow_command_reader_finds_commands_inside_shell_lines():
    # The reader itself: commands after operators, not inside quoted text.
    lexer_input = 'hub check --format text > check.txt || status=$?; echo "run hub check locally"'
    lexer = shlex.shlex(lexer_input, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    assert list(lexer)[:4] == ["hub", "check", "--format", "text"]


def test_the_check_workflow_runs_on_pull_requests_and_builds_strictly():
    data = workflow(REPO / ".github" / "workflows" / "check.yml")
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a plain `on` as true
    assert "pull_request" in triggers
    commands = [" ".join(argv) for argv in hub_commands(REPO / ".github" / "workflows" / "check.yml")]
    assert "check --format github" in commands
    assert "build --strict -d site" in commands
    scripts = "\n".join(step.get("run", "") for step in steps(data))
    assert "GITHUB_STEP_SUMMARY" in scripts and ": error:" in scripts
    uses = [step.get("uses", "") for step in steps(data)]
    assert "actions/upload-artifact@v4" in uses
    assert any(use.startswith("actions/setup-python@") for use in uses)
    assert "pip install -e ." in scripts


def test_the_deploy_workflow_publishes_to_github_pages():
    data = workflow(REPO / ".github" / "workflows" / "deploy.yml")
    triggers = data.get("on", data.get(True))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    uses = [step.get("uses", "") for step in steps(data)]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/deploy-pages@v4" in uses
    upload = next(step for step in steps(data) if step.get("uses") == "actions/upload-pages-artifact@v3")
    assert upload["with"]["path"] == "site"
    deploy = next(job for job in data["jobs"].values()
                  if any(step.get("uses") == "actions/deploy-pages@v4" for step in job["steps"]))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] in ("build", ["build"])
    assert ["build", "--strict", "-d", "site"] in hub_commands(REPO / ".github" / "workflows" / "deploy.yml")


def test_the_issue_template_config_parses():
    config = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is True


# -- the guides ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [CONTRIBUTING, CONTRIBUTE_PAGE], ids=lambda path: path.name)
@pytest.mark.parametrize("name", REQUIRED)
def test_the_guides_mention_every_required_field(path, name):
    assert f"`{name}`" in path.read_text(encoding="utf-8")


def test_the_contribute_page_has_the_button_placeholder_on_its_own_line():
    lines = CONTRIBUTE_PAGE.read_text(encoding="utf-8").split("\n")
    assert lines.count("<!-- hub:contribute-button -->") == 1


def test_the_contribute_page_names_no_web_host_but_github():
    text = CONTRIBUTE_PAGE.read_text(encoding="utf-8")
    hosts = {urlsplit(url).hostname for url in re.findall(r"https?://[^\s)>\]`\"']+", text)}
    assert hosts <= {"github.com"}


@pytest.mark.parametrize("path", [CONTRIBUTING, CONTRIBUTE_PAGE], ids=lambda path: path.name)
def test_the_guides_explain_at_least_ten_hub_check_messages(path):
    text = path.read_text(encoding="utf-8")
    section = text.split("## Fixing common `hub check` messages", 1)[1].split("\n## ", 1)[0]
    messages = re.findall(r"^(?:- \*\*`|\| `)(.+?)`", section, re.MULTILINE)
    assert len(messages) >= 10, messages


def fenced_blocks(text: str) -> list[str]:
    return re.findall(r"^```markdown\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_the_example_case_study_of_contributing_passes_hub_check(tmp_path):
    blocks = fenced_blocks(CONTRIBUTING.read_text(encoding="utf-8"))
    example = next(block for block in blocks if block.startswith("---\ntitle:"))
    partner_example = next(block for block in blocks if block.startswith("---\nname:"))
    partner_ids = re.findall(r"\{id: ([a-z0-9-]+), role:|^  - id: ([a-z0-9-]+)\n    role:", example, re.MULTILINE)
    partner_ids = [flow or block for flow, block in partner_ids]
    assert partner_ids == ["riverton", "hillview"]
    files = {"content/case-studies/riverton-hillview-market-fees.md": example}
    for partner_id in partner_ids:
        files[f"content/partners/{partner_id}.md"] = partner_example
    root = make_hub(tmp_path / "hub", files)
    catalogue, report = load(root, today=TODAY)
    problems = [str(d) for d in report.items if "riverton" in d.path or "hillview" in d.path]
    assert not problems, "\n".join(problems)
    assert "riverton-hillview-market-fees" in catalogue.case_studies


def test_the_pull_request_template_is_a_checklist():
    text = (REPO / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 6
    for words in ("hub check", "sources", "personal data", "licence", "content/partners/"):
        assert words in text
