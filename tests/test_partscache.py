"""The pages' parts kept between builds: a page renders its parts again only when something it shows changed.

A page's entry holds while its key (everything but the text of the other case
studies it shows) is the same and each case study it links to has the same
title and summary. That rests on one rule of the templates, tested here on
the seed compendium: a page that shows a case study's title links to it.
"""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from conftest import REPO

from hub_plugin.build.editions import editions
from hub_plugin.build.pageparts import PagePartsJob, PartsReader, render_page_parts
from hub_plugin.build.partscache import PARTS_PACK, PartsKeys
from hub_plugin.check.loading import load_catalogue
from hub_plugin.derive.browse import browse_pages
from hub_plugin.derive.related import RelatedSettings
from hub_plugin.derive.urls import Urls
from hub_plugin.model.catalogue import Catalogue
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths


def catalogue_of(root: Path) -> Catalogue:
    report = Report()
    catalogue = load_catalogue(HubPaths.at(root), report)
    assert not report.has_errors, report.format()
    return catalogue


def every_page(catalogue: Catalogue, cache_dir: Path | None, languages=("en",)) -> PagePartsJob:
    """A job for every page with parts, in each of ``languages``' editions."""
    browse = {page.src_uri: page for page in browse_pages(catalogue)}
    sources = [*(f"case-studies/{slug}.md" for slug in sorted(catalogue.case_studies)),
               *(f"partners/{partner}.md" for partner in sorted(catalogue.partners)), *browse]
    found = editions(list(languages))
    pages = [(edition.src_uri(src_uri), Urls().in_edition(edition.prefix).for_source(src_uri), "")
             for edition in found for src_uri in sources]
    return PagePartsJob(catalogue, Urls(), "content", RelatedSettings(), browse, pages=pages, editions=found,
                        cache_dir=cache_dir)


def parts_of(job: PagePartsJob, folder: Path) -> tuple[tuple[int, int], list[str]]:
    folder.mkdir()
    counts = render_page_parts(job, folder)
    reader = PartsReader(folder)
    texts = []
    for index in range(len(job.pages)):
        assert reader.ready(index)
        parts = reader.read(index)
        texts.append(parts.before + parts.after)
    reader.close()
    return counts, texts


@pytest.fixture
def seed() -> Catalogue:
    return catalogue_of(REPO)


def test_a_page_that_shows_a_case_studys_title_links_to_it(seed, tmp_path):
    job = every_page(seed, None, ("en", "fr", "es"))
    keys = PartsKeys(seed, job.settings(), job.browse, job.editions,
                     {edition.language: Urls().in_edition(edition.prefix) for edition in job.editions})
    _, texts = parts_of(job, tmp_path / "parts")
    titles = {slug: {html.escape(case_study.title, quote=False)} |
              {html.escape(translation.title, quote=False) for translation in seed.translations.get(slug, {}).values()}
              for slug, case_study in seed.case_studies.items()}
    unlinked = [f"{url} shows {slug}" for (src_uri, url, _), text in zip(job.pages, texts, strict=True)
                for slug, shown_as in titles.items()
                if any(title in text for title in shown_as) and slug not in keys.shown(url, text)
                and not src_uri.endswith(f"case-studies/{slug}.md")]  # its own page: its record is in the key
    assert sum(bool(text) for text in texts) > 100
    assert not unlinked


def test_a_second_rendering_takes_every_pages_parts_from_the_cache(seed, tmp_path):
    first_counts, first = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "first")
    assert first_counts[1] == 0 and (tmp_path / "cache" / PARTS_PACK).is_file()
    again_counts, again = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "again")
    assert again == first
    assert again_counts == (first_counts[0], len(first))


def test_a_new_title_renders_again_the_pages_that_show_it_and_no_other(seed, tmp_path):
    job = every_page(seed, tmp_path / "cache")
    _, first = parts_of(job, tmp_path / "first")
    slug = sorted(seed.case_studies)[0]
    old = html.escape(seed.case_studies[slug].title, quote=False)
    seed.case_studies[slug].title = "A title nobody wrote before"
    counts, cached = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "cached")
    _, fresh = parts_of(every_page(seed, None), tmp_path / "fresh")
    assert cached == fresh
    showing = sum(old in text for text in first)
    assert showing > 2  # its own page, its partners' pages, its terms' pages...
    assert counts[1] == len(first) - showing
    assert sum("A title nobody wrote before" in text for text in cached) == showing


def test_a_narrative_renders_again_its_own_page_only(seed, tmp_path):
    _, first = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "first")
    slug = sorted(seed.case_studies)[0]
    seed.case_studies[slug].body += "\nOne more sentence.\n"
    counts, _ = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "cached")
    assert counts[1] == len(first) - 1


def test_a_change_of_facts_renders_every_page_again(seed, tmp_path):
    parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "first")
    slug = sorted(seed.case_studies)[0]
    seed.case_studies[slug].themes = seed.case_studies[slug].themes[:1]  # term pages list it or not
    counts, cached = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "cached")
    _, fresh = parts_of(every_page(seed, None), tmp_path / "fresh")
    assert cached == fresh and counts[1] == 0


def test_a_damaged_pack_costs_only_the_rendering(seed, tmp_path, capfd):
    _, first = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "first")
    pack = tmp_path / "cache" / PARTS_PACK
    data = pack.read_bytes()
    pack.write_bytes(data[: len(data) // 2])
    counts, again = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "again")
    assert again == first and 0 < counts[1] < len(first)
    assert "could not be used" in capfd.readouterr().err
    pack.write_bytes(b"garbage")
    counts, again = parts_of(every_page(seed, tmp_path / "cache"), tmp_path / "garbage")
    assert again == first and counts[1] == 0
