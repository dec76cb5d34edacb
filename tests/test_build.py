"""End to end: real MkDocs builds of the seed compendium and of small hubs."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from conftest import REPO, mkdocs_build

from hub_plugin.check.loading import load_catalogue
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths


def seed_catalogue():
    report = Report()
    catalogue = load_catalogue(HubPaths.at(REPO), report)
    assert not report.has_errors, report.format()
    return catalogue


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_seed_compendium_has_at_least_ten_valid_case_studies_citing_sources():
    catalogue = seed_catalogue()
    assert len(catalogue.case_studies) >= 10
    for case_study in catalogue.case_studies.values():
        assert case_study.sources, case_study.slug
        assert len(case_study.body.split()) >= 150, f"{case_study.slug} has too short a narrative"


def test_every_case_study_page_shows_a_fact_box_with_partners_roles_and_countries(seed_site):
    catalogue = seed_catalogue()
    for slug, case_study in catalogue.case_studies.items():
        html = page(seed_site, f"case-studies/{slug}")
        assert 'class="hub-facts"' in html, slug
        text = text_of(html)
        for ref in case_study.partners:
            partner = catalogue.partners[ref.id]
            assert partner.name in text or partner.name.replace("'", "&#39;") in html, (slug, ref.id)
            assert f'href="../../partners/{ref.id}/"' in html
        assert catalogue.taxonomy.label("status", case_study.status) in text
        for source in case_study.sources:
            assert source.title.split()[0] in text


def test_outcomes_are_grouped_by_the_partner_that_gained(seed_site):
    html = page(seed_site, "case-studies/johannesburg-lilongwe-cds")
    outcomes = html[html.index('id="outcomes"'):html.index('class="hub-lessons"')]
    assert outcomes.index("City of Johannesburg") < outcomes.index("pro-poor")
    assert "Lilongwe" in outcomes


def test_every_partner_page_lists_the_case_studies_it_takes_part_in(seed_site):
    catalogue = seed_catalogue()
    for partner_id in catalogue.partners:
        html = page(seed_site, f"partners/{partner_id}")
        for case_study in catalogue.case_studies.values():
            linked = f'href="../../case-studies/{case_study.slug}/"' in html
            assert linked == (partner_id in case_study.partner_ids()), (partner_id, case_study.slug)


def test_case_studies_and_partners_stay_out_of_the_navigation(seed_site):
    catalogue = seed_catalogue()
    html = page(seed_site, "about")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    for slug in catalogue.case_studies:
        assert f"case-studies/{slug}/" not in nav
    for partner_id in catalogue.partners:
        assert f"partners/{partner_id}/" not in nav


def test_front_matter_values_are_escaped_not_run(small_hub, tmp_path):
    hostile = small_hub / "content" / "case-studies" / "alpha-beta-mentoring.md"
    text = hostile.read_text()
    text = text.replace("title: Beta Town mentors Alpha City on budgeting",
                        "title: '<script>alert(\"t\")</script> \"quoted\" <b>bold</b>'")
    text = text.replace("- Start with one budget cycle.", "- \"<img src=x onerror=alert(1)>\"")
    text = text.replace('url: "https://beta.example.org/report"', 'url: "https://x.org/?a=\\"><script>alert(2)</script>"')
    hostile.write_text(text)
    site = tmp_path / "site"
    mkdocs_build(small_hub / "mkdocs.yml", site)
    html = (site / "case-studies" / "alpha-beta-mentoring" / "index.html").read_text()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html or "&lt;script&gt;alert(&quot;t&quot;)" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<b>bold</b>" not in html


def test_the_build_fails_on_bad_content_with_the_same_line_as_hub_check(small_hub):
    broken = small_hub / "content" / "case-studies" / "alpha-beta-mentoring.md"
    broken.write_text(broken.read_text().replace("themes: [municipal-finance]", "themes: [municipal-finanse]"))
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=small_hub,
                           capture_output=True, text=True, timeout=120)
    check = subprocess.run([sys.executable, "-m", "hub_plugin", "check"], cwd=small_hub,
                           capture_output=True, text=True, timeout=60)
    expected = ("content/case-studies/alpha-beta-mentoring.md:7:10: error: 'municipal-finanse' is not in the "
                "'themes' list of taxonomy.yml; did you mean 'municipal-finance'?")
    assert build.returncode != 0 and check.returncode == 1
    assert expected in build.stderr
    assert expected in check.stdout
    assert "Traceback" not in build.stderr + check.stderr


def test_warnings_do_not_fail_the_build(small_hub, tmp_path):
    (small_hub / "content" / "partners" / "unused-city.md").write_text(
        '---\nname: Unused City\nkind: city\ncountry: "KE"\n---\n')
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
                            cwd=small_hub, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "content/partners/unused-city.md:1:1: warning: no case study names the partner 'unused-city'" in result.stderr


def test_hub_build_keeps_the_previous_site_when_the_build_fails(small_hub):
    from hub_plugin.hosts.cli.main import main

    site = small_hub / "site"
    assert main(["-f", str(small_hub / "mkdocs.yml"), "build", "-d", str(site)]) == 0
    before = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    broken = small_hub / "content" / "case-studies" / "alpha-beta-mentoring.md"
    broken.write_text(broken.read_text().replace("status: completed", "status: done"))
    assert main(["-f", str(small_hub / "mkdocs.yml"), "build", "-d", str(site)]) == 1
    after = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    assert after == before
    assert not [p for p in small_hub.iterdir() if p.name.startswith(".site.")], "staging folders left behind"


def test_no_built_page_loads_anything_from_outside_the_site(seed_site):
    external = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for html_file in seed_site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        match = external.search(html)
        assert match is None, f"{html_file}: {match.group(0) if match else ''}"


def test_raw_html_in_a_body_is_sanitised_to_text_elements(small_hub, tmp_path):
    path = small_hub / "content" / "case-studies" / "alpha-beta-mentoring.md"
    path.write_text(path.read_text() + (
        "\n<script>alert('body')</script>\n\n"
        "<p onmouseover=\"alert(2)\">Hover <a href=\"javascript:alert(3)\">here</a> or "
        "<a href=\"data:text/html,<b>x</b>\">there</a>.</p>\n\n"
        "<img src=\"missing.png\" onerror=\"alert(4)\" alt=\"A photo\">\n\n"
        "<iframe src=\"https://example.org\"></iframe>\n\n"
        "[A real source](https://example.org/report) and <em>emphasis</em>.\n"))
    site = tmp_path / "site"
    mkdocs_build(small_hub / "mkdocs.yml", site)
    html = (site / "case-studies" / "alpha-beta-mentoring" / "index.html").read_text()
    body = html[html.index("Alpha City had never"):html.index('class="hub-sources"')]
    for forbidden in ("<script", "onmouseover", "onerror", "javascript:", "data:text", "<iframe"):
        assert forbidden not in body, forbidden
    assert '<a href="https://example.org/report">A real source</a>' in body
    assert "<em>emphasis</em>" in body and 'alt="A photo"' in body


def test_a_rebuild_in_one_process_shows_a_changed_term_label_on_every_page(small_hub, tmp_path):
    """As under `mkdocs serve`: one plugin instance, its caches kept, a label edited in taxonomy.yml."""
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"

    def serve_build():
        # As `mkdocs serve` rebuilds: the configuration reloaded, the plugin (and its caches) kept.
        config = load_config(str(small_hub / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        return config.plugins["hub"]

    plugin = serve_build()
    old = "Municipal finance"
    showing = {p.relative_to(site) for p in site.rglob("*.html") if old in p.read_text(encoding="utf-8")}
    assert {Path("case-studies/alpha-beta-mentoring/index.html"), Path("themes/municipal-finance/index.html"),
            Path("themes/index.html")} <= showing
    taxonomy = small_hub / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text().replace(f'label: {{en: "{old}"', 'label: {en: "Local public finance"'))
    assert serve_build() is plugin and plugin.serving
    for page in showing:
        html = (site / page).read_text(encoding="utf-8")
        assert old not in html and "Local public finance" in html, page
    assert "Local public finance" in (site / "search" / "hub-index.js").read_text(encoding="utf-8")
    plugin.on_shutdown()  # as `mkdocs serve` does at exit: the worker process ends
