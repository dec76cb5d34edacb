"""Git facts on pages, --from-git builds, atomic swap and reproducible output.

Every test makes its own throw-away Git repositories under tmp_path with
real ``git``: fixed authors, committers and dates per commit, and no
personal or system git configuration (HOME, GIT_CONFIG_GLOBAL=/dev/null,
GIT_CONFIG_NOSYSTEM=1), so that histories, hashes and builds are the same on
every machine.
"""

from __future__ import annotations

import html
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, mkdocs_build
from helpers import install_vocabularies

from hub_plugin.git import history as gitfacts
from hub_plugin.git.history import forge_links
from hub_plugin.hosts.cli.main import main
from hub_plugin.render.words import iso_date_words

CASE_STUDY = "content/case-studies/alpha-beta-mentoring.md"
ALPHA = "content/partners/alpha-city.md"
BETA = "content/partners/beta-town.md"
OLD_EXCHANGE = "content/case-studies/old-exchange.md"
EXCHANGE = "content/case-studies/budget-exchange.md"
WATER = "content/case-studies/water-partnership.md"
REPO_URL = "https://github.com/example/hub"

# People of the history repository. João and Anna each appear under two
# spellings/addresses that .mailmap merges.
THANDI = ("Thandi Mokoena", "thandi@example.org")
JOAO = ("João Silva", "joao@example.org")
JSILVA = ("jsilva", "joao@users.noreply.example.com")        # João's other address (author)
ANNA = ("Anna Berg", "anna@example.org")
ANNA_OLD_TRAILER = "A. Berg <anna@old.example.org>"           # Anna's other address (co-author)
KOFI = ("Kofi Mensah", "kofi@example.org")
RITA = ("Rita Reformat", "rita@example.org")                   # only the ignored reformatting commit
EMAILS = [THANDI[1], JOAO[1], JSILVA[1], ANNA[1], "anna@old.example.org", KOFI[1], RITA[1]]
MAILMAP = """\
João Silva <joao@example.org> <joao@users.noreply.example.com>
Anna Berg <anna@example.org> <anna@old.example.org>
"""

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}")
HISTORY_P = re.compile(r'<p class="hub-history">(.*?)</p>', re.S)


# ---------------------------------------------------------------------------
# Environment and Git helpers
# ---------------------------------------------------------------------------

def _clean_git_env(home: Path) -> dict[str, str]:
    return {"HOME": str(home), "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8"}


# Variables that would point git somewhere else (when run from a git hook, say).
_LEAKY = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR",
          "GIT_CEILING_DIRECTORIES", "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_AUTHOR_DATE",
          "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "GIT_COMMITTER_DATE", "SOURCE_DATE_EPOCH")


def _apply_env(mp: pytest.MonkeyPatch, base: Path) -> None:
    (base / "home").mkdir(parents=True, exist_ok=True)
    for name, value in _clean_git_env(base / "home").items():
        mp.setenv(name, value)
    mp.setenv("XDG_CACHE_HOME", str(base / "xdg-cache"))
    for name in _LEAKY:
        # set-then-delete: monkeypatch then also undoes a value a build sets
        # itself (run_build sets SOURCE_DATE_EPOCH with os.environ.setdefault).
        mp.setenv(name, "x")
        mp.delenv(name)


@pytest.fixture(autouse=True)
def git_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """No personal git config, a private XDG cache; MkDocs' log handlers as they were."""
    _apply_env(monkeypatch, tmp_path / "env")
    logger = logging.getLogger("mkdocs")
    handlers, level = list(logger.handlers), logger.level
    yield
    logger.handlers[:] = handlers  # hub.cli adds a handler bound to this test's sys.stderr
    logger.setLevel(level)


def git(repo: Path, *args: str, who: tuple[str, str] | None = None, date: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    if who:
        env.update(GIT_AUTHOR_NAME=who[0], GIT_AUTHOR_EMAIL=who[1], GIT_COMMITTER_NAME=who[0],
                   GIT_COMMITTER_EMAIL=who[1])
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    result = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def init_repo(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def commit(repo: Path, message: str, who: tuple[str, str], day: str) -> str:
    """Commit everything in the work tree as ``who`` on ``day`` (YYYY-MM-DD); the new commit's hash."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", message, who=who, date=f"{day}T12:00:00+00:00")
    return git(repo, "rev-parse", "HEAD").strip()


def copy_small_hub(target: Path) -> Path:
    """What the small_hub fixture makes, for module-scoped fixtures (which cannot use it)."""
    shutil.copytree(FIXTURES / "small-hub", target)
    install_vocabularies(target)
    return target


def read(root: Path, relative: str) -> str:
    return (root / relative).read_text(encoding="utf-8")


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def append(root: Path, relative: str, text: str) -> None:
    write(root, relative, read(root, relative) + text)


def case_study_variant(root: Path, title: str, summary: str) -> str:
    """The small hub's case study with another title and summary."""
    text = read(root, CASE_STUDY)
    text = re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1)
    return re.sub(r"(?m)^summary: .*$", f"summary: {summary}", text, count=1)


# ---------------------------------------------------------------------------
# Site helpers
# ---------------------------------------------------------------------------

def page_html(site: Path, relative: str) -> str:
    """The built page of a content file such as content/case-studies/x.md."""
    url = relative.removeprefix("content/").removesuffix(".md")
    return (site / url / "index.html").read_text(encoding="utf-8")


def history_paragraph(page: str) -> str | None:
    match = HISTORY_P.search(page)
    return match.group(1) if match else None


def history_text(page: str) -> str | None:
    paragraph = history_paragraph(page)
    if paragraph is None:
        return None
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", paragraph)).split())


def facts_of(page: str) -> dict[str, object]:
    """First published, last updated and editors as the history line shows them."""
    paragraph = history_paragraph(page)
    assert paragraph is not None, "the page has no history line"
    text = history_text(page)
    first = re.search(r'First published <time datetime="([^"]+)">([^<]+)</time>', paragraph)
    last = re.search(r'last updated <time datetime="([^"]+)">([^<]+)</time>', paragraph)
    editors = re.search(r"edited by (.*?)(?: · |$)", text)
    if first:
        assert iso_date_words(first.group(1)) == first.group(2)  # the date in words, the ISO date for machines
    if last:
        assert iso_date_words(last.group(1)) == last.group(2)
    return {"first": first.group(1) if first else None,
            "last": last.group(1) if last else None,
            "editors": editors.group(1).split(", ") if editors else []}


def link_in_history(page: str, label: str) -> str | None:
    paragraph = history_paragraph(page) or ""
    match = re.search(r'<a href="([^"]+)"[^>]*>\s*' + re.escape(label) + r"\s*</a>", paragraph)
    return html.unescape(match.group(1)) if match else None


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path, with its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_same_tree(expected: dict[str, bytes], actual: dict[str, bytes], what: str = "") -> None:
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    changed = sorted(name for name in set(expected) & set(actual) if expected[name] != actual[name])
    assert not (missing or extra or changed), (
        f"{what}: missing {missing[:10]}, extra {extra[:10]}, different {changed[:10]}")


def hub_build(*args: str, config: Path | None = None) -> int:
    """``hub [-f CONFIG] build ARGS`` in this process; the exit status."""
    return main([*(["-f", str(config)] if config else []), "build", *args])


# ---------------------------------------------------------------------------
# The history repository: several authors, a rename, co-authors, .mailmap,
# an ignored reformatting commit; built once for the module.
# ---------------------------------------------------------------------------

DAYS = {
    "created": "2019-03-01",      # Thandi: the whole hub, the exchange under its old name
    "joao": "2019-06-15",         # João: case study, Beta Town, a new case study (water)
    "coauthored": "2020-02-10",   # João with co-author "A. Berg <anna@old...>": case study, water
    "jsilva": "2020-05-05",       # João as "jsilva <joao@users.noreply...>": case study
    "renamed": "2020-09-09",      # Kofi: git mv old-exchange.md budget-exchange.md, and an edit
    "anna": "2021-01-20",         # Anna: case study, exchange
    "reformat": "2021-04-04",     # Rita: whitespace in four files; listed in .git-blame-ignore-revs
    "ignore-file": "2021-04-05",  # Thandi: adds .git-blame-ignore-revs (no content)
}


def make_history_repo(repo: Path) -> dict[str, str]:
    copy_small_hub(repo)
    init_repo(repo)
    write(repo, "mkdocs.yml", read(repo, "mkdocs.yml") + f"repo_url: {REPO_URL}\n")
    write(repo, ".mailmap", MAILMAP)
    write(repo, OLD_EXCHANGE, case_study_variant(
        repo, "Alpha City and Beta Town exchange budget officers",
        "Budget officers of both cities spent a month in each other's finance departments."))
    hashes = {"created": commit(repo, "Start the hub", THANDI, DAYS["created"])}

    append(repo, CASE_STUDY, "\nJoão added a paragraph on the budget calendar.\n")
    append(repo, BETA, "Its finance department has mentored three cities.\n")
    write(repo, WATER, case_study_variant(
        repo, "Alpha City and Beta Town share water-loss know-how",
        "Beta Town's utility showed Alpha City how it finds and fixes leaks."))
    hashes["joao"] = commit(repo, "Budget calendar, Beta Town, water", JOAO, DAYS["joao"])

    append(repo, CASE_STUDY, "\nA paragraph written in a pair.\n")
    append(repo, WATER, "\nLeak detection, written in a pair.\n")
    hashes["coauthored"] = commit(repo, f"Pair-written paragraph\n\nCo-authored-by: {ANNA_OLD_TRAILER}\n",
                                  JOAO, DAYS["coauthored"])

    append(repo, CASE_STUDY, "\nA typo fixed from another address.\n")
    hashes["jsilva"] = commit(repo, "Fix a typo", JSILVA, DAYS["jsilva"])

    git(repo, "mv", OLD_EXCHANGE, EXCHANGE)
    append(repo, EXCHANGE, "\nRenamed so the address says what it is about.\n")
    hashes["renamed"] = commit(repo, "Rename the exchange case study", KOFI, DAYS["renamed"])

    append(repo, EXCHANGE, "\nAnna added the second year.\n")
    append(repo, CASE_STUDY, "\nAnna added the results.\n")
    hashes["anna"] = commit(repo, "Second year, results", ANNA, DAYS["anna"])

    for relative in (CASE_STUDY, EXCHANGE, BETA, ALPHA):
        append(repo, relative, "\n")
    hashes["reformat"] = commit(repo, "Reformat everything", RITA, DAYS["reformat"])

    write(repo, gitfacts.IGNORE_FILE, f"# Mass reformatting\n{hashes['reformat']}\n")
    hashes["ignore-file"] = commit(repo, "Ignore the reformatting in blame and history", THANDI,
                                   DAYS["ignore-file"])
    return hashes


class History:
    def __init__(self, repo: Path, site: Path, hashes: dict[str, str]):
        self.repo, self.site, self.hashes = repo, site, hashes


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    base = tmp_path_factory.mktemp("history")
    with pytest.MonkeyPatch.context() as mp:
        _apply_env(mp, base)
        repo = base / "hub"
        hashes = make_history_repo(repo)
        site = base / "site"
        mkdocs_build(repo / "mkdocs.yml", site)
    return History(repo, site, hashes)


def test_several_authors_case_study_shows_creation_date_newest_date_and_editors_in_order(history):
    facts = facts_of(page_html(history.site, CASE_STUDY))
    assert facts == {"first": DAYS["created"], "last": DAYS["anna"],
                     "editors": ["Thandi Mokoena", "João Silva", "Anna Berg"]}


def test_several_authors_partner_page_shows_its_history(history):
    assert facts_of(page_html(history.site, BETA)) == {
        "first": DAYS["created"], "last": DAYS["joao"], "editors": ["Thandi Mokoena", "João Silva"]}
    # Only created (then only reformatted): no separate "last updated".
    alpha = page_html(history.site, ALPHA)
    assert facts_of(alpha) == {"first": DAYS["created"], "last": None, "editors": ["Thandi Mokoena"]}
    assert "last updated" not in history_text(alpha)


def test_a_file_created_later_has_its_own_first_published(history):
    assert facts_of(page_html(history.site, WATER)) == {
        "first": DAYS["joao"], "last": DAYS["coauthored"], "editors": ["João Silva", "Anna Berg"]}


def test_no_email_address_anywhere_in_the_built_pages(history):
    for relative in (CASE_STUDY, EXCHANGE, WATER, ALPHA, BETA):
        page = page_html(history.site, relative)
        assert history_paragraph(page) is not None
        assert not EMAIL.findall(page), f"{relative}: {EMAIL.findall(page)}"
    for name, data in snapshot(history.site).items():
        text = data.decode("utf-8", errors="replace")
        leaked = [address for address in EMAILS if address in text]
        assert not leaked, f"{name} shows {leaked}"


def test_a_renamed_file_was_first_published_when_created_under_its_old_name(history):
    facts = facts_of(page_html(history.site, EXCHANGE))
    assert facts == {"first": DAYS["created"], "last": DAYS["anna"],
                     "editors": ["Thandi Mokoena", "Kofi Mensah", "Anna Berg"]}
    assert not (history.site / "case-studies" / "old-exchange").exists()


def test_a_co_author_is_an_editor_and_mailmap_merges_spellings(history):
    # On the water case study Anna's only contribution is as co-author "A. Berg <anna@old...>":
    # listed, under the name .mailmap gives her.
    assert "Anna Berg" in facts_of(page_html(history.site, WATER))["editors"]
    editors = facts_of(page_html(history.site, CASE_STUDY))["editors"]
    # Anna: co-author as "A. Berg <anna@old...>", then author as "Anna Berg <anna@...>": one name.
    assert editors.count("Anna Berg") == 1
    # João: author as "João Silva" and as "jsilva <joao@users.noreply...>": one name.
    assert editors.count("João Silva") == 1
    page = page_html(history.site, CASE_STUDY)
    assert "A. Berg" not in page and "jsilva" not in page


def test_an_ignored_reformatting_commit_is_not_an_edit(history):
    for relative in (CASE_STUDY, EXCHANGE, BETA, ALPHA):
        page = page_html(history.site, relative)
        assert facts_of(page)["last"] != DAYS["reformat"], relative
        assert "Rita" not in history_text(page), relative
    # The commit really touched them.
    changed = git(history.repo, "show", "--name-only", "--format=", history.hashes["reformat"]).split()
    assert {CASE_STUDY, EXCHANGE, BETA, ALPHA} <= set(changed)


def test_repo_url_gives_edit_and_history_links_to_the_file_on_github(history):
    page = page_html(history.site, CASE_STUDY)
    assert link_in_history(page, "Edit this page") == f"{REPO_URL}/edit/main/{CASE_STUDY}"
    assert link_in_history(page, "History") == f"{REPO_URL}/commits/main/{CASE_STUDY}"
    partner = page_html(history.site, BETA)
    assert link_in_history(partner, "Edit this page") == f"{REPO_URL}/edit/main/{BETA}"
    assert link_in_history(partner, "History") == f"{REPO_URL}/commits/main/{BETA}"


# ---------------------------------------------------------------------------
# forge_links
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("repo_url", [REPO_URL, REPO_URL + "/", REPO_URL + ".git", "https://www.github.com/example/hub"])
def test_forge_links_github(repo_url):
    base = repo_url.rstrip("/").removesuffix(".git")
    assert forge_links(repo_url, "main", CASE_STUDY) == {
        "edit_url": f"{base}/edit/main/{CASE_STUDY}", "history_url": f"{base}/commits/main/{CASE_STUDY}"}


@pytest.mark.parametrize("repo_url", ["https://gitlab.com/example/hub", "https://gitlab.example.org/team/hub.git"])
def test_forge_links_gitlab(repo_url):
    base = repo_url.removesuffix(".git")
    assert forge_links(repo_url, "trunk", CASE_STUDY) == {
        "edit_url": f"{base}/-/edit/trunk/{CASE_STUDY}", "history_url": f"{base}/-/commits/trunk/{CASE_STUDY}"}


@pytest.mark.parametrize("repo_url,path", [
    ("https://codeberg.org/example/hub", CASE_STUDY),
    ("https://git.example.org/hub", CASE_STUDY),
    (None, CASE_STUDY),
    ("", CASE_STUDY),
    (REPO_URL, None),
])
def test_forge_links_none_for_unknown_hosts_or_missing_parts(repo_url, path):
    assert forge_links(repo_url, "main", path) == {"edit_url": None, "history_url": None}


def test_forge_links_quote_the_path():
    links = forge_links(REPO_URL, "main", "content/case-studies/a b#c.md")
    assert links["edit_url"] == f"{REPO_URL}/edit/main/content/case-studies/a%20b%23c.md"


# ---------------------------------------------------------------------------
# Outside Git, shallow clones
# ---------------------------------------------------------------------------

def test_outside_a_git_checkout_the_build_works_without_history(small_hub, tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert gitfacts.repository_root(small_hub) is None
    site = tmp_path / "site"
    assert hub_build("-d", str(site), config=small_hub / "mkdocs.yml") == 0
    for relative in (CASE_STUDY, ALPHA, BETA):
        page = page_html(site, relative)
        assert "hub-history" not in page, relative
        assert "First published" not in page and "Edit this page" not in page, relative


def shallow_clone(source: Path, target: Path) -> Path:
    git(target.parent, "clone", "-q", "--depth", "1", f"file://{source}", str(target))
    assert git(target, "rev-parse", "--is-shallow-repository").strip() == "true"
    return target


def test_a_shallow_clone_warns_without_ci(history, tmp_path, monkeypatch, caplog):
    monkeypatch.delenv("CI", raising=False)
    clone = shallow_clone(history.repo, tmp_path / "shallow")
    caplog.set_level(logging.WARNING, logger="mkdocs")
    mkdocs_build(clone / "mkdocs.yml", tmp_path / "site")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("shallow" in m and ("fetch-depth" in m or "--unshallow" in m) for m in warnings), warnings
    assert (tmp_path / "site" / "case-studies" / "alpha-beta-mentoring" / "index.html").is_file()


def test_a_shallow_clone_fails_the_build_in_ci_and_keeps_the_previous_site(history, tmp_path):
    clone = shallow_clone(history.repo, tmp_path / "shallow")
    site = tmp_path / "site"
    shutil.copytree(history.site, site)
    before, entries = snapshot(site), sorted(os.listdir(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "hub_plugin", "-f", str(clone / "mkdocs.yml"), "build", "-d", str(site)],
        env=dict(os.environ, CI="true"), capture_output=True, text=True, timeout=120)
    assert result.returncode != 0, result.stderr
    assert "shallow" in result.stderr and ("fetch-depth" in result.stderr or "--unshallow" in result.stderr), result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert_same_tree(before, snapshot(site), "site after the failed build")
    assert sorted(os.listdir(tmp_path)) == entries  # no staging folder left


def test_unshallowing_does_not_keep_the_shallow_facts_from_the_cache(history, tmp_path):
    clone = shallow_clone(history.repo, tmp_path / "shallow")
    cache = tmp_path / "cache"
    shallow = gitfacts.collect(clone, cache)
    assert shallow.shallow and shallow.files[CASE_STUDY].first_published != DAYS["created"]
    git(clone, "fetch", "-q", "--unshallow")
    full = gitfacts.collect(clone, cache)
    assert not full.shallow
    assert full.files[CASE_STUDY].first_published == DAYS["created"]


# ---------------------------------------------------------------------------
# Editors: finer points, checked on gitfacts.collect (no site build)
# ---------------------------------------------------------------------------

def test_author_then_co_authors_of_the_same_commit_in_trailer_order(tmp_path):
    repo = init_repo(tmp_path / "repo")
    write(repo, "notes.md", "one\n")
    commit(repo, "Written by three\n\nCo-authored-by: Frank Fisher <frank@example.org>\n"
                 "Co-authored-by: Grace Gumede <grace@example.org>\n", ("Eve Ebert", "eve@example.org"), "2022-01-01")
    assert gitfacts.collect(repo).files["notes.md"].editors == ["Eve Ebert", "Frank Fisher", "Grace Gumede"]


@pytest.mark.parametrize("author,trailer", [
    (("Eve Ebert", "eve@example.org"), "Co-authored-by: Pat Doe pat@example.org"),
    (("pat@example.org", "pat@example.org"), None),
], ids=["trailer-without-brackets", "author-name-is-an-address"])
def test_no_email_address_in_editors_even_from_sloppy_identities(tmp_path, author, trailer):
    repo = init_repo(tmp_path / "repo")
    write(repo, "notes.md", "one\n")
    commit(repo, "Notes" + (f"\n\n{trailer}\n" if trailer else ""), author, "2022-01-01")
    editors = gitfacts.collect(repo).files["notes.md"].editors
    assert editors and not any(EMAIL.search(name) for name in editors), editors


# ---------------------------------------------------------------------------
# One git log pass per build, cached by HEAD
# ---------------------------------------------------------------------------

class CountingSubprocess:
    """Stands in for the subprocess module inside hub_plugin.git.history; counts ``git log`` runs."""

    def __init__(self) -> None:
        self.log_calls = 0

    def __getattr__(self, name: str):
        return getattr(subprocess, name)

    def run(self, args, *rest, **options):
        if "log" in list(args):
            self.log_calls += 1
        return subprocess.run(args, *rest, **options)


def test_one_git_log_per_build_and_none_at_the_same_head(history, tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(history.repo), str(clone))
    assert len(list((clone / "content" / "case-studies").glob("*.md"))) >= 3
    counter = CountingSubprocess()
    monkeypatch.setattr(gitfacts, "subprocess", counter)

    mkdocs_build(clone / "mkdocs.yml", tmp_path / "site1")
    assert counter.log_calls == 1
    counter.log_calls = 0
    mkdocs_build(clone / "mkdocs.yml", tmp_path / "site2")
    assert counter.log_calls == 0
    for relative in (CASE_STUDY, EXCHANGE, WATER, BETA):
        assert page_html(tmp_path / "site2", relative) == page_html(tmp_path / "site1", relative)
    assert facts_of(page_html(tmp_path / "site2", CASE_STUDY))["first"] == DAYS["created"]


# ---------------------------------------------------------------------------
# hub build --from-git
# ---------------------------------------------------------------------------

def set_marker(repo: Path, marker: str) -> None:
    text = read(repo, CASE_STUDY)
    text = re.sub(r"\nMarker: [^\n]*\n", "", text)
    write(repo, CASE_STUDY, text + f"\nMarker: {marker}\n")


def make_content_repo(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A work repository and a bare copy: v1 (tag), main (one more), draft (a branch off main)."""
    work = copy_small_hub(tmp_path / "work")
    init_repo(work)
    write(work, "mkdocs.yml", read(work, "mkdocs.yml") + "site_url: https://hub.example.org/\n")  # a sitemap with dates
    set_marker(work, "release one")
    refs = {"v1": commit(work, "Release one", THANDI, "2022-01-10")}
    git(work, "tag", "v1")
    set_marker(work, "mainline two")
    refs["main"] = commit(work, "Mainline two", JOAO, "2022-02-10")
    git(work, "switch", "-q", "-c", "draft")
    set_marker(work, "draft three")
    refs["draft"] = commit(work, "Draft three", ANNA, "2022-03-10")
    git(work, "switch", "-q", "main")
    bare = tmp_path / "content.git"
    git(tmp_path, "clone", "-q", "--bare", str(work), str(bare))
    return work, bare, refs


MARKERS = {"v1": "release one", "main": "mainline two", "draft": "draft three"}


@pytest.mark.parametrize("kind", ["branch", "tag", "commit"])
def test_from_git_builds_the_content_at_a_ref(tmp_path, capsys, kind):
    _, bare, refs = make_content_repo(tmp_path)
    name = {"branch": "draft", "tag": "v1", "commit": "main"}[kind]
    ref = refs["main"] if kind == "commit" else name
    site = tmp_path / "site"
    assert hub_build("--from-git", str(bare), "--ref", ref, "-d", str(site)) == 0, capsys.readouterr().err
    assert refs[name][:12] in capsys.readouterr().err  # "Building ... at <commit>"
    page = page_html(site, CASE_STUDY)
    for other, marker in MARKERS.items():
        assert (marker in page) == (other == name), (other, marker)
    # Full history, so git facts are there; no repo_url, so no forge links.
    assert facts_of(page)["first"] == "2022-01-10"
    assert link_in_history(page, "Edit this page") is None and link_in_history(page, "History") is None
    assert "Edit this page" not in page


def test_from_git_fetches_new_commits_on_the_next_build(tmp_path, monkeypatch, capsys):
    work, bare, refs = make_content_repo(tmp_path)
    site = tmp_path / "site"
    assert hub_build("--from-git", str(bare), "--ref", "main", "-d", str(site)) == 0
    assert "mainline two" in page_html(site, CASE_STUDY)

    set_marker(work, "mainline four")
    newest = commit(work, "Mainline four", KOFI, "2022-04-10")
    git(work, "push", "-q", str(bare), "main")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as in a new process
    capsys.readouterr()
    assert hub_build("--from-git", str(bare), "--ref", "main", "-d", str(site)) == 0
    assert newest[:12] in capsys.readouterr().err
    page = page_html(site, CASE_STUDY)
    assert "mainline four" in page and "mainline two" not in page
    assert "<lastmod>2022-04-10</lastmod>" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert facts_of(page) == {"first": "2022-01-10", "last": "2022-04-10",
                              "editors": ["Thandi Mokoena", "João Silva", "Kofi Mensah"]}
    # The same cached clone, updated.
    clones = list((tmp_path / "env" / "xdg-cache" / "city-cooperation-hub" / "repositories").iterdir())
    assert len(clones) == 1


def test_from_git_unknown_ref_fails_clearly_and_leaves_the_site(tmp_path, capsys):
    _, bare, _ = make_content_repo(tmp_path)
    site = tmp_path / "out" / "site"
    write(site, "index.html", "<p>the previous site</p>\n")
    write(site, "case-studies/x/index.html", "<p>a page</p>\n")
    before, entries = snapshot(site), sorted(os.listdir(site.parent))
    code = hub_build("--from-git", str(bare), "--ref", "no-such-ref", "-d", str(site))
    err = capsys.readouterr().err
    assert code != 0
    assert "no-such-ref" in err and "no branch, tag or commit" in err, err
    assert "Traceback" not in err
    assert_same_tree(before, snapshot(site), "site after the unknown ref")
    assert sorted(os.listdir(site.parent)) == entries


def test_each_build_in_one_process_takes_the_date_of_its_own_commit(tmp_path):
    work, _, _ = make_content_repo(tmp_path)
    good = read(work, CASE_STUDY)
    write(work, CASE_STUDY, re.sub(r"(?m)^title: .*\n", "", good, count=1))
    commit(work, "Broken", KOFI, "2022-05-01")
    assert hub_build("-d", str(tmp_path / "site"), config=work / "mkdocs.yml") != 0
    write(work, CASE_STUDY, good)
    commit(work, "Fixed", KOFI, "2022-06-01")
    assert hub_build("-d", str(tmp_path / "site"), config=work / "mkdocs.yml") == 0
    lastmods = set(re.findall(r"<lastmod>([^<]*)</lastmod>", read(tmp_path / "site", "sitemap.xml")))
    assert lastmods == {"2022-06-01"}


# ---------------------------------------------------------------------------
# Atomic swap, reproducible builds
# ---------------------------------------------------------------------------

def test_a_failed_build_leaves_the_previous_site_byte_identical(history, tmp_path, capsys):
    hub = tmp_path / "hub"
    git(tmp_path, "clone", "-q", str(history.repo), str(hub))
    site = tmp_path / "out" / "site"
    shutil.copytree(history.site, site)  # the site of this very content
    before, entries = snapshot(site), sorted(os.listdir(site.parent))
    write(hub, CASE_STUDY, re.sub(r"(?m)^title: .*\n", "", read(hub, CASE_STUDY), count=1))  # break it
    code = hub_build("-d", str(site), config=hub / "mkdocs.yml")
    err = capsys.readouterr().err
    assert code != 0
    assert "previous site is unchanged" in err and "Traceback" not in err, err
    assert_same_tree(before, snapshot(site), "site after the failed build")
    assert sorted(os.listdir(site.parent)) == entries, "a staging folder was left behind"


def test_two_builds_of_one_commit_are_byte_identical(tmp_path, monkeypatch):
    _, bare, refs = make_content_repo(tmp_path)
    caches = {"a": tmp_path / "xdg-a", "b": tmp_path / "xdg-b"}
    sites = []
    for number, cache in enumerate(("a", "b", "a"), 1):  # cold, fresh second cache, warm
        monkeypatch.setenv("XDG_CACHE_HOME", str(caches[cache]))
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # as in a new process
        site = tmp_path / f"site{number}"
        assert hub_build("--from-git", str(bare), "--ref", refs["main"], "-d", str(site)) == 0
        sites.append(snapshot(site))
    assert "sitemap.xml" in sites[0] and "search/hub-index.js" in sites[0]
    assert "sitemap.xml.gz" in sites[0]
    # Dates come from the commit (SOURCE_DATE_EPOCH), not from the clock.
    lastmods = set(re.findall(rb"<lastmod>([^<]*)</lastmod>", sites[0]["sitemap.xml"]))
    assert lastmods == {b"2022-02-10"}
    assert_same_tree(sites[0], sites[1], "fresh cache")
    assert_same_tree(sites[0], sites[2], "warm cache")


def test_the_home_pages_newest_are_the_case_studies_published_last(history):
    home = (history.site / "index.html").read_text(encoding="utf-8")
    newest = home.split('id="newest"', 1)[1].split("</section>", 1)[0]
    slugs = re.findall(r'<h3 class="hub-card__title"><a href="case-studies/([a-z0-9-]+)/">', newest)
    assert len(slugs) >= 2, newest[:500]
    published = [facts_of(page_html(history.site, f"content/case-studies/{slug}.md"))["first"] for slug in slugs]
    assert published == sorted(published, reverse=True), list(zip(slugs, published))
    assert published[0] > published[-1], "the history has case studies published on different days"
