"""The Atom feed of new case studies, "Cite this case study", and the footer, read by third-party tools.

feedparser reads the feed, bibtexparser the BibTeX files and citeproc-py formats the
CSL-JSON ones, as a reader's feed reader and reference manager would. The order of the
feed is asked of Git directly. With ``site_url`` set, ids, links and citations carry full
addresses; without it, the feed's links are relative to the feed and ids are stable URNs.
"""

from __future__ import annotations

import json
import re
import subprocess

import bibtexparser
import feedparser
import pytest
from browse_helpers import content_of, resolve, seed_hub  # noqa: F401  (a fixture)
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from conftest import REPO, mkdocs_build
from helpers import install_vocabularies


def first_published(path: str) -> str:
    dates = subprocess.run(["git", "log", "--no-merges", "--follow", "--format=%ad", "--date=short", "--", path],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    return dates[-1]


# -- the feed ----------------------------------------------------------------------------------

def test_the_feed_is_atom_that_a_feed_reader_accepts_newest_published_first(seed_hub):
    parsed = feedparser.parse((seed_hub.site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    catalogue = seed_hub.catalogue
    assert parsed.feed.title == "City-to-City Cooperation Hub: new case studies"
    assert len(parsed.entries) == len(catalogue.case_studies)
    published = [entry.published[:10] for entry in parsed.entries]
    assert published == sorted(published, reverse=True)
    by_title = {cs.title: cs for cs in catalogue.case_studies.values()}
    for entry in parsed.entries:
        case_study = by_title[entry.title]
        assert entry.published[:10] == first_published(case_study.path), entry.title
        assert entry.summary == case_study.summary
        assert entry.link.endswith(f"case-studies/{case_study.slug}/")
        assert (seed_hub.site / entry.link / "index.html").is_file()
        assert entry.id.startswith("urn:uuid:")
        assert {tag.term for tag in entry.tags} == set(case_study.themes)
    assert len({entry.id for entry in parsed.entries}) == len(parsed.entries)


def test_every_page_links_the_feed_from_its_head_and_the_home_page_from_its_text(seed_hub):
    for url in ("", "about/", "case-studies/durban-mzuzu/", "themes/"):
        document = seed_hub.page(url)
        alternates = [link for link in document.find_all("link") if "alternate" in (link.attrs.get("rel") or "").split()
                      and link.attrs.get("type") == "application/atom+xml"]
        assert len(alternates) == 1, url
        assert resolve(url, alternates[0].attrs["href"]) == "feed.xml"
    home = content_of(seed_hub.page(""))
    assert "feed.xml" in {resolve("", a.attrs["href"]) for a in home.find_all("a")}


# -- citations -------------------------------------------------------------------------------

def test_each_case_study_says_how_to_cite_it_and_offers_bibtex_and_csl_json(seed_hub):
    catalogue = seed_hub.catalogue
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    for slug, case_study in catalogue.case_studies.items():
        url = f"case-studies/{slug}/"
        section = content_of(seed_hub.page(url)).find("section", cls="hub-cite")
        assert section is not None, slug
        year = first_published(case_study.path)[:4]
        text = " ".join(section.find("p", cls="hub-citation").text().split())
        assert text == (f"City-to-City Cooperation Hub editors ({year}). {case_study.title} [Case study]. "
                        "City-to-City Cooperation Hub."), text
        links = {a.text(): resolve(url, a.attrs["href"]) for a in section.find_all("a")}
        assert links == {"BibTeX": f"api/citations/{slug}.bib", "CSL-JSON": f"api/citations/{slug}.json"}

        library = bibtexparser.parse_string((seed_hub.site / links["BibTeX"]).read_text(encoding="utf-8"))
        assert not library.failed_blocks, slug
        (entry,) = library.entries
        assert entry.key == slug and entry.entry_type == "misc"
        assert _unbraced(entry["title"]) == case_study.title
        assert entry["year"] == year

        items = json.loads((seed_hub.site / links["CSL-JSON"]).read_text(encoding="utf-8"))
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        bibliography.register(Citation([CitationItem(slug)]))
        (formatted,) = [str(item) for item in bibliography.bibliography()]
        assert case_study.title in formatted and year in formatted, formatted


def _unbraced(value: str) -> str:
    return re.sub(r"\\([&%$#_{}])", r"\1", value)


def test_a_title_with_bibtex_specials_stays_one_field(tmp_path, small_hub):
    path = next((small_hub / "content" / "case-studies").glob("*.md"))
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)
    assert title is not None
    path.write_text(text.replace(title.group(0), 'title: "Water {and} 100% of 50$ #1 _x_ & co \\\\ ~^"', 1),
                    encoding="utf-8")
    site = tmp_path / "site"
    mkdocs_build(small_hub / "mkdocs.yml", site)
    bib = (site / "api" / "citations" / f"{path.stem}.bib").read_text(encoding="utf-8")
    library = bibtexparser.parse_string(bib)
    assert not library.failed_blocks
    assert library.entries[0]["title"].count("{") == library.entries[0]["title"].count("}")


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory):
    """The small hub published at a known address (site_url), with a publisher of its own."""
    import shutil

    from conftest import FIXTURES

    root = tmp_path_factory.mktemp("addressed") / "hub"
    shutil.copytree(FIXTURES / "small-hub", root)
    install_vocabularies(root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config += ("\nsite_url: https://hub.example.org/compendium\n"
               "extra:\n  publisher:\n    name: Association of Example Cities\n    url: https://example.org/\n"
               "  licence: CC BY-SA 4.0\n  contact: editors@example.org\n")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "content" / "contribute.md").write_text("# Contribute\n\n<!-- hub:contribute-button -->\n", encoding="utf-8")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root / "site"


def test_with_a_site_address_the_feed_and_citations_carry_full_addresses(addressed_site):
    parsed = feedparser.parse((addressed_site / "feed.xml").read_bytes())
    assert not parsed.bozo
    assert parsed.feed.id == "https://hub.example.org/compendium/feed.xml"
    assert parsed.feed.author == "Association of Example Cities"
    for entry in parsed.entries:
        assert entry.id == entry.link and entry.link.startswith("https://hub.example.org/compendium/case-studies/")
    slug = parsed.entries[0].link.rstrip("/").rsplit("/", 1)[1]
    items = json.loads((addressed_site / "api" / "citations" / f"{slug}.json").read_text(encoding="utf-8"))
    assert items[0]["URL"] == f"https://hub.example.org/compendium/case-studies/{slug}/"
    assert items[0]["author"] == [{"literal": "Association of Example Cities"}]
    page = (addressed_site / "case-studies" / slug / "index.html").read_text(encoding="utf-8")
    assert f"https://hub.example.org/compendium/case-studies/{slug}/</p>" in page


# -- the footer ------------------------------------------------------------------------------

def test_the_footer_names_the_publisher_the_licence_a_contact_the_open_data_and_the_feed(seed_hub):
    for url in ("", "case-studies/durban-mzuzu/"):
        footer = seed_hub.page(url).find("div", cls="hub-footer")
        assert footer is not None
        text = " ".join(footer.text().split())
        assert "Published by City-to-City Cooperation Hub editors" in text
        assert "Case studies under CC BY 4.0" in text
        links = {a.text().strip(): a.attrs["href"] for a in footer.find_all("a")}
        assert links["CC BY 4.0"] == "https://creativecommons.org/licenses/by/4.0/"
        assert resolve(url, links["write to the editors"]) == "contribute/"
        assert resolve(url, links["Open data"]) == "api/"
        assert resolve(url, links["New case studies (Atom feed)"]) == "feed.xml"


def test_an_e_mail_contact_becomes_a_mailto_link(addressed_site):
    page = (addressed_site / "index.html").read_text(encoding="utf-8")
    assert 'href="mailto:editors@example.org"' in page
    assert "Case studies under CC BY-SA 4.0" in page


def test_without_a_repository_the_contribute_page_offers_the_editors_address_and_no_configuration_talk(addressed_site):
    page = (addressed_site / "contribute" / "index.html").read_text(encoding="utf-8")
    assert "send your case study, in any form, to the editors" in page
    assert 'href="mailto:editors@example.org">editors@example.org</a>.' in page
    assert "repo_url" not in page and "Open the case-study template" not in page
