"""The pages' parts, written page by page by the worker and read back by the build as they come."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_plugin.build.pageparts import PagePartsJob, PartsReader, render_page_parts
from hub_plugin.check.loading import load_catalogue
from hub_plugin.derive.browse import browse_pages
from hub_plugin.derive.related import RelatedSettings
from hub_plugin.derive.urls import Urls
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths


@pytest.fixture
def job(small_hub: Path) -> PagePartsJob:
    report = Report()
    catalogue = load_catalogue(HubPaths.at(small_hub), report)
    assert not report.has_errors, report.format()
    browse = {page.src_uri: page for page in browse_pages(catalogue)}
    slug = sorted(catalogue.case_studies)[0]
    partner = sorted(catalogue.partners)[0]
    pages = [(f"case-studies/{slug}.md", f"case-studies/{slug}/", ""), ("about.md", "about/", ""),
             (f"partners/{partner}.md", f"partners/{partner}/", ""), ("case-studies/index.md", "case-studies/", "")]
    return PagePartsJob(catalogue, Urls(), "content", RelatedSettings(), browse, pages=pages)


def test_each_page_gets_its_parts_back_in_the_order_of_the_job(job, tmp_path):
    reader = PartsReader(tmp_path)
    assert not reader.ready(0)  # nothing written yet
    assert render_page_parts(job, tmp_path) == (3, 0)  # three with parts, none from a cache (it has none)
    case_study, other, partner, listing = (reader.read(index) for index in range(4) if reader.ready(index))
    assert 'class="hub-summary"' in case_study.before and "Sources" in case_study.after
    assert other.before == other.after == ""
    assert partner.before == "" and job.catalogue.partners[job.pages[2][0].split("/")[1][:-3]].name in partner.after
    assert "<" in listing.after
    assert not reader.ready(4)
    reader.close()


def test_a_record_is_read_only_once_it_is_whole(job, tmp_path):
    render_page_parts(job, tmp_path)
    index_file = tmp_path / "parts.index"
    whole = index_file.read_bytes()
    index_file.write_bytes(whole[: len(whole) - 1])  # the last record half written
    reader = PartsReader(tmp_path)
    assert reader.ready(2) and not reader.ready(3)
    reader.close()


def test_text_beyond_ascii_survives_the_round_trip(job, tmp_path):
    slug = job.pages[0][0].split("/")[1].removesuffix(".md")
    job.catalogue.case_studies[slug].lessons[0] = "Coopération Lilongwe–Mzuzu ✓"
    render_page_parts(job, tmp_path)
    reader = PartsReader(tmp_path)
    assert reader.ready(0)
    assert "Coopération Lilongwe–Mzuzu ✓" in reader.read(0).before + reader.read(0).after
    reader.close()
