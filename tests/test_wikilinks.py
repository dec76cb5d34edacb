"""[[...]] links in Markdown bodies: what they become in the built HTML, what is
left alone, and how an unknown target is reported by ``hub check`` and the build."""

from __future__ import annotations

import pycountry
import pytest
from browse_helpers import (  # noqa: F401  (fixtures)
    EDGE_CASE_STUDIES,
    SCRIPT_TITLE,
    BuiltHub,
    content_of,
    edge_hub,
    page_file,
    resolve,
)
from conftest import mkdocs_build

from hub_plugin.hosts.cli.main import main as hub_main

CASE_STUDY = "content/case-studies/alpha-beta-mentoring.md"


def links_in(built: BuiltHub, url: str, starts_with: str) -> list[tuple[str, str]]:
    """(text, site URL) of the links of the paragraph that starts with ``starts_with``."""
    article = content_of(built.page(url))
    paragraphs = [p for p in article.find_all("p") if p.text().startswith(starts_with)]
    assert len(paragraphs) == 1, f"/{url}: {len(paragraphs)} paragraphs start with {starts_with!r}"
    assert "[[" not in paragraphs[0].text(), paragraphs[0].text()
    return [(a.text(), resolve(url, a.attrs["href"])) for a in paragraphs[0].find_all("a")]


def test_every_kind_of_wikilink_becomes_a_link_to_an_existing_page(edge_hub):
    taxonomy = edge_hub.catalogue.taxonomy
    gamma_title = EDGE_CASE_STUDIES["gamma-un-habitat"]["title"]
    expected = [
        (gamma_title, "case-studies/gamma-un-habitat/"),
        ("the Gamma story", "case-studies/gamma-un-habitat/"),
        ("Gamma Village", "partners/gamma-village/"),
        (taxonomy.label("themes", "municipal-finance"), "themes/municipal-finance/"),
        (pycountry.countries.get(alpha_2="MW").name, "countries/mw/"),
        (taxonomy.label("sdgs", "11"), "sdgs/11/"),
        (SCRIPT_TITLE, "case-studies/funders-only/"),
        (taxonomy.label("regions", "sub-saharan-africa"), "regions/sub-saharan-africa/"),
        (taxonomy.label("programmes", "uclg-mentoring"), "programmes/uclg-mentoring/"),
        (taxonomy.label("modalities", "mentoring"), "modalities/mentoring/"),
        (taxonomy.label("status", "completed"), "status/completed/"),
        (pycountry.countries.get(alpha_2="TZ").name, "countries/tz/"),
    ]
    shown = links_in(edge_hub, "case-studies/alpha-beta-mentoring/", "Links:")
    assert shown == expected
    for _, url in shown:
        assert page_file(edge_hub.site, url).is_file(), f"/{url} does not exist"


def test_wikilinks_work_in_partner_pages_and_hand_written_pages(edge_hub):
    assert links_in(edge_hub, "partners/gamma-village/", "Works with") == [
        ("the budgeting mentoring", "case-studies/alpha-beta-mentoring/")]
    assert links_in(edge_hub, "", "Start with") == [
        (edge_hub.catalogue.taxonomy.label("themes", "governance"), "themes/governance/")]


def test_a_title_with_a_script_tag_is_escaped_in_the_link_text(edge_hub):
    html = page_file(edge_hub.site, "case-studies/alpha-beta-mentoring/").read_text(encoding="utf-8")
    assert '<script>alert("t")' not in html
    assert "</script> in a title" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;/script&gt; in a title" in html


def test_links_in_code_spans_and_fenced_code_are_left_alone(edge_hub):
    article = content_of(edge_hub.page("case-studies/alpha-beta-mentoring/"))
    codes = {code.text(): code for code in article.find_all("code")}
    for literal in ("[[no-such-case-study]]", "[[partner:no-such-partner]] in a fenced block",
                    "[[theme:no-such-theme]] in a tilde block"):
        assert literal in codes, f"{literal!r} is not kept in a <code>: {sorted(codes)}"
        assert codes[literal].find("a") is None
    about = content_of(edge_hub.page("about/"))
    assert "[[slug]]" in [code.text() for code in about.find_all("code")]


def test_links_in_double_backtick_code_spans_are_left_alone(small_hub, tmp_path):
    path = small_hub / CASE_STUDY
    path.write_text(path.read_text(encoding="utf-8")
                    + "\nWrite ``[[alpha-beta-mentoring]]`` or ``[[no-such-case-study]]`` to link.\n", encoding="utf-8")
    catalogue, report = load_with_report(small_hub)
    assert not report.has_errors, report.format()
    mkdocs_build(small_hub / "mkdocs.yml", tmp_path / "site")
    built = BuiltHub("small", small_hub, tmp_path / "site", catalogue)
    codes = [code.text() for code in content_of(built.page("case-studies/alpha-beta-mentoring/")).find_all("code")]
    assert "[[alpha-beta-mentoring]]" in codes, codes


def test_a_fence_that_shows_a_fence_keeps_its_links_and_the_links_after_it_work(small_hub):
    path = small_hub / CASE_STUDY
    text = path.read_text(encoding="utf-8") + (
        "\n````markdown\nAn example:\n```\n[[no-such-case-study]]\n```\n````\n"
        "\n~~~\n```\n[[partner:no-such-partner]]\n~~~\n"
        "\nAfter the blocks: [[alpha-beta-mentorin]].\n")
    path.write_text(text, encoding="utf-8")
    _, report = load_with_report(small_hub)
    line, col = position(text, "[[alpha-beta-mentorin]]")
    assert [(d.line, d.col) for d in report.errors] == [(line, col)], report.format()


def load_with_report(root):
    from hub_plugin.check.loading import load_catalogue
    from hub_plugin.read.diagnostics import Report
    from hub_plugin.read.pathnames import HubPaths

    report = Report()
    return load_catalogue(HubPaths.at(root), report), report


# -- unknown targets -------------------------------------------------------------------------

BROKEN = {
    # file -> [(text appended, the link, the suggestion)]
    CASE_STUDY: [
        ("\nAs in [[alpha-beta-mentorin]] before.\n", "[[alpha-beta-mentorin]]", "did you mean 'alpha-beta-mentoring'?"),
        ("Read about `[[fine]]` and\tthen [[theme:municipal-finanse]].\n", "[[theme:municipal-finanse]]",
         "did you mean 'municipal-finance'?"),
        ("\n```\n[[not-a-link]]\n```\n\nAnd [[partner:alpha-cty|Alpha]].\n", "[[partner:alpha-cty|Alpha]]",
         "did you mean 'alpha-city'?"),
    ],
    "content/partners/beta-town.md": [
        ("\nMentored [[alpha-beta-mentornig]].\n", "[[alpha-beta-mentornig]]", "did you mean 'alpha-beta-mentoring'?"),
    ],
    "content/index.md": [
        ("\nStart at [[themes:governanse]].\n", "[[themes:governanse]]", "did you mean 'governance'?"),
    ],
}


def position(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of ``needle`` in the whole file."""
    before = text[:text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def test_an_unknown_target_is_an_error_with_its_position_and_a_suggestion_in_check_and_build(small_hub, tmp_path,
                                                                                          capsys):
    expected = []
    for relative, additions in BROKEN.items():
        path = small_hub / relative
        text = path.read_text(encoding="utf-8")
        for added, _, _ in additions:
            text += added
        path.write_text(text, encoding="utf-8")
        for _, link, suggestion in additions:
            line, col = position(text, link)
            expected.append((f"{relative}:{line}:{col}: error: {link}", suggestion))
    assert expected[0][0].startswith(f"{CASE_STUDY}:25:7: ")  # counted in the whole file, front matter included

    assert hub_main(["-f", str(small_hub / "mkdocs.yml"), "check"]) == 1
    checked = capsys.readouterr().out.splitlines()

    with pytest.raises(Exception) as failure:
        mkdocs_build(small_hub / "mkdocs.yml", tmp_path / "site")
    built = capsys.readouterr().err.splitlines()
    assert "content" in str(failure.value) or "error" in str(failure.value).lower()
    assert not (tmp_path / "site" / "index.html").exists()

    for output, name in ((checked, "hub check"), (built, "the build")):
        for start, suggestion in expected:
            lines = [line for line in output if line.startswith(start)]
            assert lines, f"{name} does not report {start!r}; it printed:\n" + "\n".join(output)
            assert suggestion in lines[0], lines[0]
        assert not [line for line in output if "not-a-link" in line or "[[fine]]" in line]
