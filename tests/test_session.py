"""The build session runs a whole build of the hub's share without any site generator: the core is portable.

A host only has to say which pages it lays out; the session checks the
content, gives each page its source, metadata, Markdown, content and parts,
and writes the files of the end into the site.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from helpers import CASE_STUDY_PATH, case_study, files_of, make_hub, write

from hub_plugin.build.options import OPTIONS, with_defaults
from hub_plugin.build.session import EXPORT_PATHS, BuildError, BuildSession
from hub_plugin.build.worker import Worker, claim, outcome
from hub_plugin.derive.urls import Urls
from hub_plugin.read.pathnames import HubPaths
from hub_plugin.search.job import SEARCH_INDEX_URI

CASE_STUDY_URI = "case-studies/alpha-beta-mentoring.md"


@pytest.fixture
def session(tmp_path: Path):
    root = make_hub(tmp_path)
    worker = Worker()
    session = BuildSession(HubPaths.at(root), with_defaults({}), Urls(), repo_url=None, worker=worker,
                           log=logging.getLogger("test-session"))
    yield session
    worker.close()
    session.remove_parts()


def lay_out(session: BuildSession) -> list[tuple[str, str, str]]:
    """What a host does in its 'files' step: the hub's pages, in its order, with their URLs."""
    uris = [CASE_STUDY_URI, "partners/alpha-city.md", "partners/beta-town.md", *session.generated_pages()]
    return [(uri, session.urls.for_source(uri), str(session.paths.content_dir / uri)) for uri in uris
            if session.has_parts(uri)]


def test_a_session_gives_each_page_its_share_and_the_files_of_the_end(session):
    session.start()
    pages = lay_out(session)
    assert "explore/index.md" in [uri for uri, _, _ in pages]
    session.start_parts(pages)

    assert session.source(CASE_STUDY_URI).startswith("\n")
    assert str(session.metadata(CASE_STUDY_URI)["title"]) == session.catalogue.case_studies["alpha-beta-mentoring"].title
    parts = session.parts(CASE_STUDY_URI)
    assert 'class="hub-facts"' in parts.before and 'id="sources"' in parts.after
    body = session.content(CASE_STUDY_URI, "<p>text</p><script>alert(1)</script>", "case-studies/alpha-beta-mentoring/",
                           is_homepage=False)
    assert body == "<p>text</p>"
    assert "Content-Security-Policy" in session.with_policy("<html><head></head><body></body></html>")

    site = session.paths.root / "site"
    written = session.finish(site, keep_worker=False)
    citations = {f"api/citations/{slug}.{kind}" for slug in session.catalogue.case_studies for kind in ("bib", "json")}
    indexes = {SEARCH_INDEX_URI, f"fr/{SEARCH_INDEX_URI}", f"es/{SEARCH_INDEX_URI}"}  # one for each edition
    assert {*indexes, *EXPORT_PATHS, "feed.xml", *citations} <= set(written) == set(files_of(site))
    assert (site / SEARCH_INDEX_URI).read_text(encoding="utf-8").startswith("window.HUB_INDEX=")
    assert session.parts_dir is None, "the parts' folder is removed at the end"


def test_the_editions_search_indexes_come_out_the_same_whichever_process_makes_them(tmp_path):
    """The worker makes the indexes after the parts, from the first edition on; the main process, done with
    its pages, takes those not started yet, from the last one back (``worker.claim``)."""
    written = {}
    for who in ("worker", "main"):
        worker = Worker()
        session = BuildSession(HubPaths.at(make_hub(tmp_path / who)), with_defaults({}), Urls(), repo_url=None,
                               worker=worker, log=logging.getLogger("test-session"))
        try:
            session.start()
            session.start_parts(lay_out(session))
            if who == "worker":
                session.task.result()  # the worker is done before the main process asks: it made them all
            session.finish(tmp_path / f"{who}-site", keep_worker=False)  # "main": asked at once, it claims all three
            written[who] = files_of(tmp_path / f"{who}-site")
        finally:
            worker.close()
            session.remove_parts()
    assert written["worker"] == written["main"]


def test_a_task_is_claimed_by_one_process_only(tmp_path):
    worker = Worker()
    try:
        in_worker = outcome(worker.submit(claim, tmp_path, "es"), "claiming")
    finally:
        worker.close()
    assert in_worker and not claim(tmp_path, "es")
    assert claim(tmp_path, "fr") and not claim(tmp_path, "fr")


def test_content_with_an_error_stops_the_session_before_anything_is_written(session, capsys):
    write(session.paths.root, CASE_STUDY_PATH, case_study(themes="themes: [no-such-theme]"))
    with pytest.raises(BuildError, match="The content has 1 error"):
        session.start()
    assert "no-such-theme" in capsys.readouterr().err
    assert session.task is None


def test_the_session_takes_every_option_from_the_one_list():
    assert set(with_defaults({})) == set(OPTIONS)
    assert with_defaults({"related_top_k": "five"})["related_top_k"] == OPTIONS["related_top_k"].default
    assert with_defaults({"cache_dir": "var/cache"})["cache_dir"] == "var/cache"

