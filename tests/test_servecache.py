"""A rebuild in one process (as `mkdocs serve` does) converts only the Markdown that changed, and says the same.

The second build of a hub reuses the HTML of every case study and partner
whose Markdown, address and site files are unchanged; what it shows and warns
about is what a fresh build shows and warns about.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import write
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
CASE_STUDY = "content/case-studies/alpha-beta-mentoring.md"


_SERVED: list = []  # the plugin collections of this test's builds, shut down after it as `mkdocs serve` does at exit


@pytest.fixture(autouse=True)
def serve_stops():
    yield
    while _SERVED:
        _SERVED.pop().on_shutdown()


def rebuild(hub: Path, site: Path, **options):
    """Load the configuration as `mkdocs serve` does before each build, and build."""
    config = load_config(str(hub / "mkdocs.yml"), site_dir=str(site), **options)
    config.plugins.on_startup(command="serve", dirty=False)
    _SERVED.append(config.plugins)
    build(config)
    return config.plugins["hub"]


_POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def pages(site: Path) -> dict[str, bytes]:
    """The built pages; the policy aside, which a preview relaxes for the server's live-reload script."""
    return {p.relative_to(site).as_posix(): _POLICY.sub(b"", p.read_bytes()) for p in sorted(site.rglob("*.html"))}


def add_case_study_copy(hub: Path, slug: str, extra: str = "") -> None:
    source = (hub / CASE_STUDY).read_text(encoding="utf-8")
    write(hub, f"content/case-studies/{slug}.md", source.replace("Beta Town mentors", f"{slug} mentors") + extra)


def test_a_rebuild_converts_only_the_edited_page_and_matches_a_fresh_build(small_hub, tmp_path):
    add_case_study_copy(small_hub, "second-case")
    plugin = rebuild(small_hub, tmp_path / "site")
    assert plugin.renderings.hits == 0
    path = small_hub / CASE_STUDY
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added while serving.\n", encoding="utf-8")
    again = rebuild(small_hub, tmp_path / "site")
    assert again is plugin  # the instance, and its renderings, are kept
    # The pages the hub makes (case studies, partners, programmes, browse pages) in each edition; an edition's
    # copy of a page shares its converted Markdown. None is in the navigation: all but the edited one come whole.
    editions = len(plugin._session().editions)
    converted = len(plugin.candidates) // editions
    assert converted > 9 and plugin.renderings.hits == converted - 1
    assert plugin.unchanged.hits == (converted - 1) * editions
    fresh = tmp_path / "fresh"
    shutil.copytree(small_hub, fresh, ignore=shutil.ignore_patterns(".hub-cache"))
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(fresh / "mkdocs.yml"),
                    "-d", str(tmp_path / "fresh-site")], check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert pages(tmp_path / "site") == pages(tmp_path / "fresh-site")
    assert "A sentence added while serving." in (tmp_path / "site/case-studies/alpha-beta-mentoring/index.html").read_text()


def test_adding_a_file_renders_every_page_again(small_hub, tmp_path):
    # Links are resolved against the site's files; a new file may make a broken link work.
    rebuild(small_hub, tmp_path / "site")
    add_case_study_copy(small_hub, "third-case")
    assert rebuild(small_hub, tmp_path / "site").renderings.hits == 0


def test_a_rebuild_warns_again_about_a_broken_link_in_an_unchanged_page(small_hub, tmp_path, caplog):
    add_case_study_copy(small_hub, "broken-link", "\nSee [the annex](annex.md).\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        logging.getLogger("mkdocs").addHandler(caplog.handler)
        try:
            rebuild(small_hub, tmp_path / "site")
            first = [r.getMessage() for r in caplog.records if "annex.md" in r.getMessage()]
            caplog.clear()
            plugin = rebuild(small_hub, tmp_path / "site")
            second = [r.getMessage() for r in caplog.records if "annex.md" in r.getMessage()]
        finally:
            logging.getLogger("mkdocs").removeHandler(caplog.handler)
    # Every page the hub makes, in each edition, taken whole: what their conversion said is said again.
    assert plugin.unchanged.hits == len(plugin.candidates)
    assert first and second == first


def test_a_strict_rebuild_still_fails_on_a_broken_link_in_an_unchanged_page(small_hub, tmp_path):
    add_case_study_copy(small_hub, "broken-link", "\nSee [the annex](annex.md).\n")
    with pytest.raises(Abort):
        rebuild(small_hub, tmp_path / "site", strict=True)
    with pytest.raises(Abort):
        rebuild(small_hub, tmp_path / "site", strict=True)


def test_a_changed_markdown_setting_renders_every_page_again(small_hub, tmp_path):
    rebuild(small_hub, tmp_path / "site")
    config = small_hub / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - toc:\n      permalink: true\n",
                      encoding="utf-8")
    plugin = rebuild(small_hub, tmp_path / "site")
    assert plugin.renderings.hits == 0
    assert 'class="headerlink"' in (tmp_path / "site/case-studies/alpha-beta-mentoring/index.html").read_text()


def test_a_rebuild_compiles_no_template_again_unless_one_changed(small_hub, tmp_path, monkeypatch):
    import jinja2

    rebuild(small_hub, tmp_path / "site")
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    rebuild(small_hub, tmp_path / "site")
    assert compiled == []
    theme = tmp_path / "theme"
    (theme / "partials").mkdir(parents=True)
    (theme / "partials" / "copyright.html").write_text("<p>Edited while serving</p>", encoding="utf-8")
    config = small_hub / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 f"  name: material\n  custom_dir: {theme}\n"),
                      encoding="utf-8")
    rebuild(small_hub, tmp_path / "site")
    assert "partials/copyright.html" in compiled
    assert "Edited while serving" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_narrative_nobody_translated_is_converted_once_for_every_edition(small_hub, tmp_path, caplog):
    config = small_hub / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hub\n", "  - hub:\n      languages: [en, fr, es]\n"),
                      encoding="utf-8")
    add_case_study_copy(small_hub, "broken-link", "\nSee [the annex](annex.md).\n")
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        logging.getLogger("mkdocs").addHandler(caplog.handler)
        try:
            plugin = rebuild(small_hub, tmp_path / "site")
        finally:
            logging.getLogger("mkdocs").removeHandler(caplog.handler)
    # Each page the hub makes (case studies, partners, programmes, browse pages) is converted once for the three.
    assert len(plugin.renderings.current) == len(plugin.candidates) // 3
    site = tmp_path / "site"
    for prefix in ("", "fr/", "es/"):
        assert "See <a" in (site / prefix / "case-studies/broken-link/index.html").read_text(encoding="utf-8")
    warnings = [r.getMessage() for r in caplog.records if "annex.md" in r.getMessage()]
    assert warnings and all("Doc file 'case-studies/broken-link.md'" in warning for warning in warnings)  # no copy's
