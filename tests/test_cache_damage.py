"""A damaged cache never fails a build and never changes its result.

Every kind of file in ``.hub-cache/`` (the Git facts, the Whoosh index's
segments and table of contents, did-you-mean's words and table, the content
fingerprint, the pages rendered by the last build) is in turn cut short, emptied or replaced by garbage; the next
build exits 0 with no traceback and gives the same site as a build from an
empty cache. ``hub search`` copes the same way.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import files_of, load, make_hub

from hub_plugin.derive.browse import browse_pages
from hub_plugin.derive.urls import Urls
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.search import job as search_job

DAMAGES = {
    "cut short": lambda data: data[: len(data) // 2],
    "emptied": lambda data: b"",
    "garbage": lambda data: b"\x80\x04\x95garbage\x00\xff" * 7,
}
KINDS = {  # a file of each kind the cache holds, by the pattern of its path in .hub-cache/
    "git facts": "git/*.json",
    "index segment": "search/v*/*.seg",
    "index table of contents": "search/v*/*.toc",
    "did-you-mean words": "search/v*/spell-words.pickle",
    "did-you-mean table": "search/v*/spell.json",
    "index write lock": "search/v*/*WRITELOCK",
    "content fingerprint": "search/fingerprint",
    "last update's counts": "search/last-update.json",
    "rendered pages": "pages.pack",
    "pages' parts": "parts.pack",
    "world map": "world-map.pack",
    "compiled templates": "templates.pack",
    "parsed front matter": "front-matter.pack",
}


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def build(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, "-m", "hub_plugin", "build", "-d", str(site)], root)



@pytest.fixture(scope="module")
def history_hub(tmp_path_factory: pytest.TempPathFactory):
    """A small hub in a Git repository, built once: its cache, and the site a build from an empty cache gives."""
    root = make_hub(tmp_path_factory.mktemp("damage") / "hub")
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m", "Hub"]):
        subprocess.run(command, cwd=root, check=True, capture_output=True)
    first = build(root, root / "reference")
    assert first.returncode == 0, first.stderr
    cache = root.parent / "good-cache"
    shutil.copytree(root / ".hub-cache", cache)
    return root, cache, files_of(root / "reference")


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_cache_file_is_made_again_and_the_site_is_the_same(history_hub, kind, damage):
    root, good, reference = history_hub
    shutil.rmtree(root / ".hub-cache", ignore_errors=True)
    shutil.copytree(good, root / ".hub-cache")
    targets = sorted((root / ".hub-cache").glob(KINDS[kind]))
    assert targets, f"the cache holds no {kind}"
    for target in targets:
        target.write_bytes(DAMAGES[damage](target.read_bytes()))
    site = root / f"site-{kind.replace(' ', '-')}-{damage.replace(' ', '-')}"
    result = build(root, site)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert files_of(site) == reference
    shutil.rmtree(site)


@pytest.mark.parametrize("kind", ["index segment", "did-you-mean table", "content fingerprint"])
def test_hub_search_copes_with_a_damaged_cache(history_hub, kind):
    root, good, _ = history_hub
    shutil.rmtree(root / ".hub-cache", ignore_errors=True)
    shutil.copytree(good, root / ".hub-cache")
    for target in (root / ".hub-cache").glob(KINDS[kind]):
        target.write_bytes(DAMAGES["garbage"](target.read_bytes()))
    result = run([sys.executable, "-m", "hub_plugin", "search", "budget"], root)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "case-studies/alpha-beta-mentoring/" in result.stdout


def test_a_dropped_entry_is_said_in_one_line(history_hub):
    root, good, _ = history_hub
    shutil.rmtree(root / ".hub-cache", ignore_errors=True)
    shutil.copytree(good, root / ".hub-cache")
    for target in (root / ".hub-cache").glob(KINDS["git facts"]):
        target.write_bytes(b"{not json")
    result = build(root, root / "site-one-line")
    lines = [line for line in result.stderr.splitlines() if "could not be used" in line]
    assert len(lines) == 1 and lines[0].startswith("hub: warning: the cache file ") and "it is made again" in lines[0]


def test_two_builds_at_once_in_one_folder_end_with_a_correct_site_and_cache(history_hub):
    """Both write the same site and share one cache: each exits 0, the site is the one an empty cache gives,
    and the cache they leave gives it again."""
    root, _, reference = history_hub
    shutil.rmtree(root / ".hub-cache", ignore_errors=True)
    site = root / "site-together"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    command = [sys.executable, "-m", "hub_plugin", "build", "-d", str(site)]
    builds = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    outcomes = [(process.wait(timeout=300), process.stderr.read() if process.stderr else "") for process in builds]
    for code, stderr in outcomes:
        assert code == 0 and "Traceback" not in stderr, stderr[-3000:]
    assert files_of(site) == reference
    again = root / "site-after"
    result = build(root, again)
    assert result.returncode == 0 and "warning: the cache file" not in result.stderr, result.stderr[-3000:]
    assert files_of(again) == reference
    shutil.rmtree(site)
    shutil.rmtree(again)


def _index_when_all_are_ready(root: Path, ready, outcomes) -> None:
    catalogue, _ = load(root)
    job = search_job.prepare(catalogue, Urls(directory_urls=True), browse_pages(catalogue), root / ".hub-cache",
                             HubPaths.at(root))
    ready.wait()  # all start on the empty cache at the same moment, as two builds' search workers may
    try:
        outcomes.put(sorted(search_job.run(job).items()))
    except Exception as exc:  # noqa: BLE001 - the test reports what went wrong
        outcomes.put(repr(exc))


def test_four_index_updates_started_together_on_an_empty_cache_give_one_index(tmp_path):
    """Without a lock each saw no index, made one and removed the others' files under them."""
    root = make_hub(tmp_path / "hub")
    context = multiprocessing.get_context("fork")
    for _ in range(3):
        shutil.rmtree(root / ".hub-cache", ignore_errors=True)
        ready, outcomes = context.Barrier(4), context.Queue()
        workers = [context.Process(target=_index_when_all_are_ready, args=(root, ready, outcomes)) for _ in range(4)]
        for worker in workers:
            worker.start()
        results = [outcomes.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        assert all(not isinstance(result, str) for result in results), results
        assert all(result == results[0] for result in results)


def test_a_rendered_page_whose_bytes_changed_in_the_cache_is_rendered_again(history_hub):
    root, good, reference = history_hub
    shutil.rmtree(root / ".hub-cache", ignore_errors=True)
    shutil.copytree(good, root / ".hub-cache")
    pack = root / ".hub-cache" / "pages.pack"
    data = bytearray(pack.read_bytes())
    for position in range(len(data) // 3, len(data), len(data) // 7):  # a few bytes inside entries, not the header
        data[position] ^= 0x55
    pack.write_bytes(bytes(data))
    result = build(root, root / "site-flipped")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    assert "pages.pack could not be used" in result.stderr
    assert files_of(root / "site-flipped") == reference
    shutil.rmtree(root / "site-flipped")
