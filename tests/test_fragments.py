"""Parts of the theme (the navigation, the footer, the search form) are rendered once per folder for pages outside the navigation, and stay right on every page."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from conftest import mkdocs_build

from hub_plugin.hosts.mkdocs.fragments import SharedFragments


def environment() -> tuple[jinja2.Environment, list[str]]:
    calls: list[str] = []
    env = jinja2.Environment(extensions=[SharedFragments])
    env.globals["note"] = lambda value: calls.append(value) or value
    return env, calls


def test_a_fragment_with_a_key_is_rendered_once_and_reused():
    env, calls = environment()
    template = env.from_string("{% shared key %}[{{ note(text) }}]{% endshared %}")
    assert template.render(key="a", text="first") == "[first]"
    assert template.render(key="a", text="second") == "[first]"
    assert template.render(key="b", text="third") == "[third]"
    assert calls == ["first", "third"]


def test_a_fragment_without_a_key_is_rendered_every_time():
    env, calls = environment()
    template = env.from_string("{% shared key %}{{ note(text) }}{% endshared %}")
    assert [template.render(key=None, text=word) for word in ("x", "y")] == ["x", "y"]
    assert calls == ["x", "y"]


def test_each_environment_has_its_own_fragments():
    # MkDocs makes a new environment for every build: a rebuild never shows an old navigation.
    first, _ = environment()
    second, _ = environment()
    source = "{% shared 'nav' %}{{ text }}{% endshared %}"
    assert first.from_string(source).render(text="old") == "old"
    assert second.from_string(source).render(text="new") == "new"


def navigation(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    return re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)


def test_pages_in_the_navigation_mark_their_own_entry_active(seed_site):
    def active_links(page: str) -> list[str]:
        return re.findall(r'<a href="([^"]*)" class="md-nav__link md-nav__link--active"', navigation(seed_site, page))

    assert active_links("themes") == ["./"]
    assert active_links("sdgs") == ["./"]
    assert 'href="../themes/" class="md-nav__link"' in navigation(seed_site, "sdgs")


def test_pages_outside_the_navigation_link_to_it_from_their_own_folder(seed_site):
    # countries/mw/ links to its parent as "../", case-studies/x/ as "../../countries/":
    # a navigation shared across folders would break one of them.
    country = navigation(seed_site, "countries/mw")
    case_study = navigation(seed_site, "case-studies/johannesburg-lilongwe-cds")
    assert 'href="../"' in country and 'href="../../countries/"' not in country
    assert 'href="../../countries/"' in case_study
    assert "md-nav__link--active" not in country + case_study
    assert navigation(seed_site, "countries/za") == country


def test_the_parts_shared_by_a_folder_link_right_from_every_page(small_hub, tmp_path):
    # The header's search form and the footer are rendered once per folder for the case studies, partners
    # and terms; a page at an edition's root (explore/, api/) renders its own, for links to itself differ.
    # In this hub, only the home page is in the navigation.
    site = tmp_path / "site"
    mkdocs_build(small_hub / "mkdocs.yml", site)

    def resolved(page: str, pattern: str) -> str:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        return urljoin(f"http://hub.test/{page}/", re.search(pattern, html, re.S).group(1))

    search_form = r'<form class="hub-header-search"[^>]*?action="([^"]*)"'
    open_data = r'<li><a href="([^"]*)">[^<]*</a></li>\s*<li><a href="[^"]*" type="application/atom\+xml"'
    for prefix in ("", "fr/", "es/"):
        for page in ("explore", "api", "themes", "partners/alpha-city", "case-studies/alpha-beta-mentoring"):
            assert resolved(prefix + page, search_form) == f"http://hub.test/{prefix}explore/", prefix + page
            assert resolved(prefix + page, open_data) == "http://hub.test/api/", prefix + page
