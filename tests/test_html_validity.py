"""The W3C Nu HTML checker (vnu, from npm's vnu-jar, run with Java) finds no error in the markup the hub writes.

Every HTML page of the built seed site is checked in one run. Errors that come from
Material for MkDocs' own templates are listed below as known, each with the markup
it flags, so that a new error of the theme's is seen too; anything else fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# (start of the message, markup that must be in the flagged extract): Material's templates, not the hub's.
KNOWN_IN_THE_THEME = [
    # Material's drawer, search and table-of-contents toggles: <input type="checkbox" autocomplete="off">
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # Material's table of contents title: <label class="md-nav__title" for="__toc"> (a hidden toggle)
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     'class="md-nav__title" for="__toc"'),
]


@pytest.fixture(scope="module")
def vnu_messages(seed_site, offline_site) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        if os.environ.get("CI"):
            pytest.fail("the Nu HTML checker needs Java and `npm ci` (.ci/run installs both)")
        pytest.skip("no Java or no node_modules/vnu-jar: run `npm ci` to check the HTML")
    pages = sorted(str(path) for site in (seed_site, offline_site) for path in site.rglob("*.html"))
    assert len(pages) > 100
    done = subprocess.run([java, "-jar", str(VNU), "--format", "json", "--errors-only", *pages],
                          capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr or done.stdout)
    return report["messages"]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The offline edition (pages linked by file name): its markup differs in every link."""
    from hub_plugin.hosts.cli.main import main

    out = tmp_path_factory.mktemp("vnu-offline") / "site"
    assert main(["-f", str(REPO / "mkdocs.yml"), "build", "--offline", "-d", str(out)]) == 0
    return out


def _known(message: dict) -> bool:
    text, extract = message.get("message", ""), message.get("extract", "")
    return any(text.startswith(start) and markup in extract for start, markup in KNOWN_IN_THE_THEME)


def test_the_checker_finds_no_error_in_the_hubs_markup(vnu_messages):
    errors = [m for m in vnu_messages if m.get("type") == "error" and not _known(m)]
    described = [f"{m.get('url', '?').split('/site/')[-1]}:{m.get('lastLine')}: {m['message']} "
                 f"[{' '.join(m.get('extract', '').split())[:100]}]" for m in errors]
    assert not described, f"{len(described)} errors:\n" + "\n".join(described[:30])


def test_the_known_theme_errors_are_still_the_themes(vnu_messages):
    """If Material fixes one, it leaves this list; the list must not hide anything of the hub's."""
    flagged = {start for m in vnu_messages for start, markup in KNOWN_IN_THE_THEME
               if m.get("message", "").startswith(start) and markup in m.get("extract", "")}
    assert flagged == {start for start, _ in KNOWN_IN_THE_THEME}
