"""The last build's site: kept out of MkDocs' way while it empties the folder, written over, and at the end
only what the build wrote is left, as if it had built into an empty folder."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from helpers import case_study, files_of, make_hub

from hub_plugin.hosts.mkdocs.oldsite import OldSite

PAGES = ("index.html", "case-studies/a/index.html", "case-studies/gone/index.html", "fr/case-studies/a/index.html")


def old_site(root: Path) -> Path:
    site = root / "site"
    for page in PAGES:
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<p>old</p>", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".nojekyll").write_text("", encoding="utf-8")
    past = time.time() - 60
    for path in site.rglob("*"):
        os.utime(path, (past, past))
    return site


def test_while_mkdocs_cleans_the_folder_holds_only_what_it_keeps(tmp_path):
    site = old_site(tmp_path)
    old = OldSite()
    old.set_aside(site)
    assert sorted(entry.name for entry in site.iterdir()) == [".git", ".nojekyll"]
    old.put_back()
    assert (site / "case-studies" / "gone" / "index.html").read_text(encoding="utf-8") == "<p>old</p>"
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_at_the_end_what_the_build_did_not_write_is_gone(tmp_path):
    site = old_site(tmp_path)
    old = OldSite()
    old.set_aside(site)
    old.put_back()
    for page in ("index.html", "case-studies/a/index.html", "fr/case-studies/a/index.html", "new/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<p>new</p>", encoding="utf-8")
    assert old.remove_stale() == 1
    assert not (site / "case-studies" / "gone").exists()  # its folder too, left empty
    assert sorted(path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()) == [
        ".nojekyll", "case-studies/a/index.html", "fr/case-studies/a/index.html", "index.html", "new/index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>new</p>"


def test_a_folder_a_stopped_build_left_beside_the_site_is_deleted(tmp_path):
    site = old_site(tmp_path)
    left = tmp_path / ".site.previous-stopped"
    (left / "case-studies").mkdir(parents=True)
    old = OldSite()
    old.set_aside(site)
    assert not left.exists()
    old.put_back()
    assert [path.name for path in tmp_path.iterdir()] == ["site"]


def test_no_site_yet_is_no_error(tmp_path):
    old = OldSite()
    old.set_aside(tmp_path / "site")
    old.put_back()
    assert old.remove_stale() == 0
    assert list(tmp_path.iterdir()) == []


def mkdocs_build(root: Path, site: Path, *options: str) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site), *options], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]


def test_mkdocs_build_over_the_last_site_gives_the_site_of_a_build_into_an_empty_folder(tmp_path):
    second = "content/case-studies/second-mentoring.md"
    root = make_hub(tmp_path / "hub", {second: case_study(title="title: Gamma mentors Alpha a second time")})
    site = tmp_path / "site"
    mkdocs_build(root, site)
    assert (site / "case-studies" / "second-mentoring" / "index.html").is_file()
    (site / ".nojekyll").write_text("", encoding="utf-8")
    (root / second).unlink()  # its pages, in every listing and edition, must go
    mkdocs_build(root, site)
    mkdocs_build(root, tmp_path / "fresh")
    assert files_of(site) == {".nojekyll": b"", **files_of(tmp_path / "fresh")}
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []


def test_a_dirty_build_keeps_the_pages_it_does_not_write(tmp_path):
    """``--dirty`` writes only what changed and deletes nothing: the files of the other pages stay."""
    root = make_hub(tmp_path / "hub")
    site = tmp_path / "site"
    mkdocs_build(root, site)
    before = set(files_of(site))
    mkdocs_build(root, site, "--dirty")
    assert set(files_of(site)) == before
