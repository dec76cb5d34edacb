"""The last build's site is moved out of MkDocs' way at once and deleted by another process meanwhile."""

from __future__ import annotations

from pathlib import Path

from hub_plugin.hosts.mkdocs.oldsite import OldSite


def site_with_pages(root: Path) -> Path:
    site = root / "site"
    for page in ("index.html", "case-studies/a/index.html", "fr/case-studies/a/index.html"):
        (site / page).parent.mkdir(parents=True, exist_ok=True)
        (site / page).write_text("<p>old</p>", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".nojekyll").write_text("", encoding="utf-8")
    return site


def test_the_site_folder_is_empty_at_once_but_for_what_mkdocs_keeps(tmp_path):
    site = site_with_pages(tmp_path)
    old = OldSite()
    old.set_aside(site)
    assert sorted(entry.name for entry in site.iterdir()) == [".git", ".nojekyll"]
    old.wait()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]  # the old pages are gone, not moved about


def test_a_folder_a_stopped_build_left_is_deleted_too(tmp_path):
    site = site_with_pages(tmp_path)
    left = tmp_path / ".site.removing-stopped"
    (left / "case-studies").mkdir(parents=True)
    (left / "case-studies" / "index.html").write_text("<p>older</p>", encoding="utf-8")
    old = OldSite()
    old.set_aside(site)
    old.wait()
    assert not left.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["site"]


def test_no_site_yet_is_no_error(tmp_path):
    old = OldSite()
    old.set_aside(tmp_path / "site")
    old.wait()
    assert old.process is None
    assert list(tmp_path.iterdir()) == []
