"""The page cache: a new build process reuses the pages the last one rendered, and only those that still hold.

Every page's converted Markdown and themed page are kept in ``.hub-cache/pages.pack``
under keys that digest what they depend on. After each kind of change (a term's
label, a partner's name, one of the hub's templates, a Markdown extension's
setting, the hub's version, one case study's ``related``) a build that starts
from the last build's cache gives, byte for byte, the site that a build from an
empty cache gives; and the change shows, so that the comparison means something.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import BETA_PATH, CASE_STUDY_PATH, MKDOCS_YML, case_study, files_of, make_hub, write

from hub_plugin.hosts.mkdocs import pagecache

SECOND = "content/case-studies/second-mentoring.md"
# As in the repository's mkdocs.yml, the case studies are not in the navigation (a page in it is themed
# anew on every build: the navigation marks it as the current page).
CONFIG = MKDOCS_YML + "nav:\n  - Home: index.md\n"
REUSED = re.compile(r"Pages reused from the cache: (\d+) converted Markdown, (\d+) themed, (\d+) with their parts, "
                    r"(\d+) unchanged")


def build(root: Path, site: Path, package: Path) -> tuple[int, int, int, int]:
    """``hub build`` in a new process with the hub's code from ``package``; how many pages it reused."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(package)}
    env.pop("CI", None)
    done = subprocess.run([sys.executable, "-m", "hub_plugin", "build", "-d", str(site)], cwd=root, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-3000:]
    found = REUSED.search(done.stderr)
    assert found, done.stderr[-2000:]
    return int(found.group(1)), int(found.group(2)), int(found.group(3)), int(found.group(4))



def text_of(root: Path, relative: str) -> str:
    return (root / relative).read_text(encoding="utf-8")


def relabel_theme(root: Path, package: Path) -> str:
    path = root / "taxonomy.yml"
    path.write_text(re.sub(r'en: "Municipal finance"', 'en: "Local public finance"', text_of(root, "taxonomy.yml")),
                    encoding="utf-8")
    return "Local public finance"


def rename_partner(root: Path, package: Path) -> str:
    write(root, BETA_PATH, text_of(root, BETA_PATH).replace("name: Beta Town", "name: Beta Town Council"))
    return "Beta Town Council"


def edit_template(root: Path, package: Path) -> str:
    template = package / "hub_plugin" / "templates" / "case_study_facts.html"
    template.write_text(template.read_text(encoding="utf-8").replace('aria-label="{{ _("Key facts") }}"',
                                                                     'aria-label="Key facts of the case study"'),
                        encoding="utf-8")
    return "Key facts of the case study"


def change_markdown_setting(root: Path, package: Path) -> str:
    write(root, "mkdocs.yml", CONFIG + "markdown_extensions:\n  - toc:\n      permalink: \"#\"\n")
    return 'class="headerlink"'


def bump_version(root: Path, package: Path) -> str:
    init = package / "hub_plugin" / "__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "99.0.0"', init.read_text(encoding="utf-8")),
                    encoding="utf-8")
    return ""


def relate(root: Path, package: Path) -> str:
    write(root, CASE_STUDY_PATH, text_of(root, CASE_STUDY_PATH).replace("licence: CC-BY-4.0",
                                                                       "related: [second-mentoring]\nlicence: CC-BY-4.0"))
    return "named by the authors"


def retitle(root: Path, package: Path) -> str:
    """The second case study's title, which the first one's related list shows (as do term pages)."""
    write(root, SECOND, text_of(root, SECOND).replace("Gamma mentors Alpha a second time", "Gamma mentors Alpha again"))
    return "Gamma mentors Alpha again"


def rewrite_narrative(root: Path, package: Path) -> str:
    write(root, SECOND, text_of(root, SECOND) + "\nA sentence added to the narrative.\n")
    return ""


CHANGES: dict[str, Callable[[Path, Path], str]] = {
    "a term's label": relabel_theme,
    "a partner's name": rename_partner,
    "a template of the hub": edit_template,
    "a Markdown extension's setting": change_markdown_setting,
    "the hub's version": bump_version,
    "one case study's related": relate,
    "one case study's title": retitle,
    "one case study's narrative": rewrite_narrative,
}


@pytest.fixture
def hub(tmp_path: Path) -> tuple[Path, Path]:
    """A hub in a Git repository, built once (its cache filled), and a copy of the hub's code to edit."""
    root = make_hub(tmp_path / "hub", {SECOND: case_study(title="title: Gamma mentors Alpha a second time"),
                                       "mkdocs.yml": CONFIG})
    for command in (["git", "init", "-q"], ["git", "add", "-A"],
                    ["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m", "Hub"]):
        subprocess.run(command, cwd=root, check=True, capture_output=True)
    package = tmp_path / "package"
    shutil.copytree(pagecache.HUB_PACKAGE, package / "hub_plugin", ignore=shutil.ignore_patterns("__pycache__"))
    assert build(root, tmp_path / "first", package) == (0, 0, 0, 0)
    return root, package


def test_a_second_build_reuses_every_page_and_gives_the_same_site(hub, tmp_path):
    root, package = hub
    markdown, themed, parts, unchanged = build(root, tmp_path / "again", package)
    # Every page the hub makes (2 case studies, 2 partners, 5 programmes and the browse pages), none of them
    # in the navigation, is taken whole: its converted Markdown, its parts and its themed page.
    assert unchanged > 9 and markdown == themed == parts == unchanged
    assert files_of(tmp_path / "again") == files_of(tmp_path / "first")


@pytest.mark.parametrize("change", CHANGES)
def test_after_a_change_the_cached_build_is_the_build_from_an_empty_cache(hub, tmp_path, change):
    root, package = hub
    shown = CHANGES[change](root, package)
    cached = build(root, tmp_path / "cached", package)
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns(".hub-cache", "site"))
    assert build(fresh, tmp_path / "fresh-site", package) == (0, 0, 0, 0)
    assert files_of(tmp_path / "cached") == files_of(tmp_path / "fresh-site")
    if shown:
        page = (tmp_path / "cached" / "case-studies" / "alpha-beta-mentoring" / "index.html").read_text(encoding="utf-8")
        assert shown in page
    if change in ("a template of the hub", "the hub's version"):
        assert cached == (0, 0, 0, 0)  # the hub's own files are in every key
    elif change == "a Markdown extension's setting":
        assert cached[:2] == (0, 0) and cached[2] > 0  # the hub's parts are not Markdown
    else:
        assert cached[1] > 0  # pages the change does not reach are reused
    if change in ("one case study's title", "one case study's narrative"):
        assert cached[2] > 0  # only the pages that show it render their parts again
    # Taken whole, only after an edit to a narrative: every other change reaches every page's key.
    assert (cached[3] > 0) == (change == "one case study's narrative")


STAMP_HOOK = '''
def on_post_page(output, page, config):
    return output.replace("</body>", "<!-- stamped by a hook -->\\n</body>")
'''


def test_a_reused_page_goes_through_the_other_plugins_once(tmp_path):
    """A hook or another plugin that changes each written page (``on_post_page``) changes a page taken from
    the cache once, as it changes a page themed anew; editing the hook's code is a change like any other."""
    root = make_hub(tmp_path / "hub", {"hooks/stamp.py": STAMP_HOOK,
                                       "mkdocs.yml": CONFIG + "hooks:\n  - hooks/stamp.py\n"})
    package = tmp_path / "package"  # a copy: the hub's own files are in every key
    shutil.copytree(pagecache.HUB_PACKAGE, package / "hub_plugin", ignore=shutil.ignore_patterns("__pycache__"))
    page = Path("case-studies", "alpha-beta-mentoring", "index.html")
    assert build(root, tmp_path / "first", package) == (0, 0, 0, 0)
    reused = build(root, tmp_path / "again", package)
    assert reused[1] > 0
    assert (tmp_path / "again" / page).read_text(encoding="utf-8").count("stamped by a hook") == 1
    assert files_of(tmp_path / "again") == files_of(tmp_path / "first")
    write(root, "hooks/stamp.py", STAMP_HOOK.replace("stamped by a hook", "stamped by the new hook"))
    assert build(root, tmp_path / "edited", package)[1] == 0
    assert (tmp_path / "edited" / page).read_text(encoding="utf-8").count("stamped by the new hook") == 1


CONTENT_HOOK = '''
def on_page_content(html, page, config, files):
    return html + "<p>Read by a hook.</p>"
'''


def test_a_page_another_plugin_reads_before_the_theme_is_never_taken_whole(tmp_path):
    """A hook that reads or changes a page's content would find it empty in a page taken whole: with one,
    every page goes through the hub's work again, and still reuses its converted Markdown and themed page."""
    root = make_hub(tmp_path / "hub", {"hooks/content.py": CONTENT_HOOK,
                                       "mkdocs.yml": CONFIG + "hooks:\n  - hooks/content.py\n"})
    package = tmp_path / "package"
    shutil.copytree(pagecache.HUB_PACKAGE, package / "hub_plugin", ignore=shutil.ignore_patterns("__pycache__"))
    assert build(root, tmp_path / "first", package) == (0, 0, 0, 0)
    markdown, themed, parts, unchanged = build(root, tmp_path / "again", package)
    assert unchanged == 0 and markdown > 0 and themed > 0
    page = tmp_path / "again" / "case-studies" / "alpha-beta-mentoring" / "index.html"
    assert page.read_text(encoding="utf-8").count("Read by a hook.") == 1
    assert files_of(tmp_path / "again") == files_of(tmp_path / "first")
