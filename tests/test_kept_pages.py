"""Pages left in place: `mkdocs build` over the last site leaves the file of each page none of whose inputs
changed as the last build wrote it (MkDocs neither renders nor writes it), and the folder still holds, byte
for byte, what a build into an empty folder gives, sitemap and link checks included."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import MKDOCS_YML, case_study, files_of, make_hub, write

SECOND = "content/case-studies/second-mentoring.md"
LINKING = "content/case-studies/linking-mentoring.md"
# Three editions (the sitemap lists each page's translations), the case studies out of the navigation.
CONFIG = MKDOCS_YML.replace("languages: [en]", "languages: [en, fr, es]") + \
    "nav:\n  - Home: index.md\nvalidation:\n  anchors: warn\n"
LINKS = "\n\nSee [the second](second-mentoring.md#its-lessons) and [the annex](annex.md).\n\n## Its lessons\n"
KEPT = re.compile(r"\((\d+) of them left in place\)")
PAGE = Path("case-studies", "alpha-beta-mentoring", "index.html")


def build(root: Path, site: Path, *options: str) -> tuple[int, str, int]:
    """``mkdocs build`` into ``site``: how many pages it left in place, its log, its exit status."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("CI", None)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(site), *options], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    found = KEPT.search(done.stderr)
    return (int(found.group(1)) if found else -1), done.stderr, done.returncode


def warnings(log: str) -> list[str]:
    return sorted(line for line in log.splitlines() if line.startswith("WARNING") and "annex" in line
                  or "its-lessons" in line)


def fresh_build(root: Path, tmp_path: Path) -> dict[str, bytes]:
    copy = tmp_path / "fresh"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".hub-cache", "site"))
    assert build(copy, tmp_path / "fresh-site")[0] == 0
    return files_of(tmp_path / "fresh-site")


@pytest.fixture
def hub(tmp_path: Path) -> tuple[Path, Path, str]:
    """A hub in three editions built once into ``site``; the log of that build."""
    root = make_hub(tmp_path / "hub", {
        SECOND: case_study(title="title: Gamma mentors Alpha a second time"),
        LINKING: case_study(title="title: Alpha links to the others", body=case_study().split("---\n")[-1] + LINKS),
        "mkdocs.yml": CONFIG})
    site = tmp_path / "site"
    kept, log, status = build(root, site)
    assert status == 0 and kept == 0
    return root, site, log


def test_after_a_narrative_edit_every_other_page_is_left_in_place_and_the_site_is_a_fresh_builds(hub, tmp_path):
    root, site, _ = hub
    before = (site / PAGE).stat()
    write(root, SECOND, (root / SECOND).read_text(encoding="utf-8") + "\nA sentence added to the narrative.\n")
    kept, _, status = build(root, site)
    assert status == 0 and kept > 50  # every page but the edited case study's three
    assert (site / PAGE).stat().st_mtime_ns == before.st_mtime_ns  # not written again
    assert "A sentence added to the narrative." in \
        (site / "case-studies" / "second-mentoring" / "index.html").read_text(encoding="utf-8")
    assert files_of(site) == fresh_build(root, tmp_path)  # the sitemap's alternates of the pages left in place too


def test_a_page_file_changed_in_the_site_is_written_again(hub, tmp_path):
    root, site, _ = hub
    (site / PAGE).write_text("<p>edited by hand</p>", encoding="utf-8")
    (site / "fr" / PAGE).unlink()
    kept, _, status = build(root, site)
    assert status == 0 and kept > 0
    assert files_of(site) == fresh_build(root, tmp_path)


def test_a_page_left_in_place_still_warns_about_its_links_and_fails_a_strict_build(hub):
    root, site, first = hub
    assert any("annex.md" in line for line in warnings(first)) and any("its-lessons" in line for line in warnings(first))
    write(root, SECOND, (root / SECOND).read_text(encoding="utf-8").replace("## ", "## Renamed: ", 1))
    kept, again, status = build(root, site)
    assert status == 0 and kept > 0
    assert warnings(again) == warnings(first)  # the linking page is left in place, its broken links said again
    assert build(root, site, "--strict")[2] != 0


def test_a_plugin_that_changes_written_pages_keeps_every_page_written(hub, tmp_path):
    """A hook's ``on_post_build`` might change the files it finds: one left in place would be changed twice."""
    root, site, _ = hub
    write(root, "hooks/after.py", "def on_post_build(config):\n    pass\n")
    write(root, "mkdocs.yml", CONFIG + "hooks:\n  - hooks/after.py\n")
    assert build(root, site)[0] == 0
    assert build(root, site)[0] == 0
