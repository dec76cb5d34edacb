"""The hub as a content repository installs it: a wheel (not editable) in a fresh virtual environment,
building a hub whose content lives outside the source tree, with MkDocs and with ProperDocs.

Editable installs and the other tests read templates from the source tree, so
they cannot see a file left out of the wheel: this test can.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DATA = ("templates", "assets")
PACKAGE_FILES = ("*.py", "*.html", "*.md", "*.css", "*.js")
PROPERDOCS = "properdocs>=1.6.7,<2"
CASE_STUDY_PAGE = "case-studies/johannesburg-lilongwe-cds/index.html"
SERVE_TWICE = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config

for _ in range(2):  # as `mkdocs serve` builds, then rebuilds after an edit
    config = load_config("mkdocs.yml", site_dir=sys.argv[1])
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
config.plugins.on_shutdown()
"""


def _not_sources(folder: str, names: list[str]) -> set[str]:
    """What a checkout holds besides its sources: caches everywhere, built sites and build folders at its top."""
    anywhere = {".git", ".hub-cache", "__pycache__", ".pytest_cache"}
    at_top = {"site", "build", "dist"} if Path(folder) == REPO else set()
    return {name for name in names if name in anywhere | at_top or name.endswith((".egg-info", "-offline"))}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The bin folder of a fresh virtual environment with the wheel and ProperDocs installed, and its environment."""
    work = tmp_path_factory.mktemp("packaging")
    source = work / "source"  # a clean copy: a build folder left in the checkout could add stale files to the wheel
    shutil.copytree(REPO, source, ignore=_not_sources)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(work / "dist")], work, env)
    wheels = list((work / "dist").glob("*.whl"))
    assert len(wheels) == 1
    run([sys.executable, "-m", "venv", str(work / "venv")], work, env)
    bin_dir = work / "venv" / "bin"
    env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "SOURCE_DATE_EPOCH": "1700000000",
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheels[0]), PROPERDOCS], work, env)
    return bin_dir, env


@pytest.fixture(scope="module")
def content_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed hub's content, outside the source tree, as a separate content repository holds it."""
    hub = tmp_path_factory.mktemp("content-repository")
    for name in ("content", "taxonomy.yml", "mkdocs.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, hub / name)
    return hub


def test_the_installed_package_is_the_wheel_and_carries_every_template_and_asset(installed):
    bin_dir, env = installed
    where = run([str(bin_dir / "python"), "-c", "import hub_plugin, pathlib; print(pathlib.Path(hub_plugin.__file__).parent)"],
                bin_dir, env).stdout.strip()
    package = Path(where)
    assert bin_dir.parent in package.parents, f"hub_plugin was imported from {package}, not from the virtual environment"
    for pattern in PACKAGE_FILES:  # every module, template and asset of the source tree
        wanted = sorted(path.relative_to(REPO / "hub_plugin").as_posix() for path in (REPO / "hub_plugin").rglob(pattern))
        present = sorted(path.relative_to(package).as_posix() for path in package.rglob(pattern))
        assert present == wanted, pattern
    assert all((package / folder).is_dir() for folder in PACKAGE_DATA)


@pytest.fixture(scope="module")
def built(installed, content_copy) -> dict[str, Path]:
    bin_dir, env = installed
    sites = {"hub": content_copy / "site-hub", "properdocs": content_copy / "site-properdocs",
             "serve": content_copy / "site-serve"}
    run([str(bin_dir / "hub"), "build", "-d", str(sites["hub"])], content_copy, env)
    run([str(bin_dir / "properdocs"), "build", "-f", "mkdocs.yml", "-d", str(sites["properdocs"])], content_copy, env)
    run([str(bin_dir / "python"), "-c", SERVE_TWICE, str(sites["serve"])], content_copy, env)
    return sites


@pytest.mark.parametrize("site", ["hub", "properdocs", "serve"])
def test_the_installed_hub_builds_the_header_search_fact_boxes_explore_and_the_index(built, site):
    root = built[site]
    page = (root / CASE_STUDY_PAGE).read_text(encoding="utf-8")
    assert 'class="hub-header-search"' in page
    assert 'class="hub-facts"' in page
    assert 'class="hub-header-search"' in (root / "index.html").read_text(encoding="utf-8")
    assert 'id="hub-explore"' in (root / "explore" / "index.html").read_text(encoding="utf-8")
    assert (root / "search" / "hub-index.js").read_text(encoding="utf-8").startswith("window.HUB_INDEX=")
    assert (root / "assets" / "hub" / "hub.css").is_file()


def test_properdocs_builds_the_same_site_but_for_the_generator_it_names(built):
    """The README says so: the one difference is ``<meta name="generator">``."""
    mkdocs_site, properdocs_site = built["hub"], built["properdocs"]
    names = sorted(path.relative_to(mkdocs_site).as_posix() for path in mkdocs_site.rglob("*") if path.is_file())
    assert names == sorted(path.relative_to(properdocs_site).as_posix()
                           for path in properdocs_site.rglob("*") if path.is_file())
    differing = []
    for name in names:
        ours, theirs = (mkdocs_site / name).read_bytes(), (properdocs_site / name).read_bytes()
        if ours == theirs:
            continue
        generator = [line for line in theirs.decode("utf-8").split("\n") if 'name="generator"' in line]
        assert generator and "ProperDocs" in generator[0], name
        expected = theirs.replace(generator[0].strip().encode(), b"")
        if ours.replace(_generator_line(ours), b"") != expected:
            differing.append(name)
    assert not differing, f"ProperDocs built these differently: {differing[:10]}"


def _generator_line(html: bytes) -> bytes:
    return next(line.strip() for line in html.split(b"\n") if b'name="generator"' in line)
