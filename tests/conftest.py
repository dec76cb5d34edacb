"""Shared fixtures: the repository's own hub, built once, and a small hub to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import install_vocabularies

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mkdocs_build(config_file: Path, site_dir: Path) -> None:
    """A real MkDocs build, as ``mkdocs build`` runs it: with the startup and shutdown events, which say
    to the plugin (one instance per process, kept across configurations) that this is a one-off build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(config_file), site_dir=str(site_dir))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed compendium of this repository, built into a temporary folder."""
    site = tmp_path_factory.mktemp("seed") / "site"
    mkdocs_build(REPO / "mkdocs.yml", site)
    return site


@pytest.fixture
def small_hub(tmp_path: Path) -> Path:
    """A copy of tests/fixtures/small-hub with the real taxonomy: a hub to edit and break."""
    target = tmp_path / "hub"
    shutil.copytree(FIXTURES / "small-hub", target)
    install_vocabularies(target)
    return target


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium; tests that need it skip locally and fail in CI when it is missing."""
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed; .ci/run installs Debian's 'chromium' package")
    pytest.skip("no Chromium found: install Debian's 'chromium' package to run browser tests")


@pytest.fixture(scope="module")
def browser(chromium_path):
    """One headless Chromium per test module."""
    from search_helpers import chromium

    with chromium(chromium_path) as launched:
        yield launched
