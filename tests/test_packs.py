"""Briefing packs: one PDF per theme, programme and country with case studies, made with WeasyPrint.

What a reader gets: each pack opens, its outline lists exactly the term's case
studies in the term page's order, it has a cover and a contents page before
them, and every case study of the selection is in its text; the term page
links to it. What the build promises: packs off, nothing of them (not even
an import of WeasyPrint); packs on, a pack is made again only when what it
shows changed, a damaged cached pack is made again, a pack that fails stops
the build with one line and leaves the previous site alone, and the PDF
writer reads nothing but files of the built site.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, mkdocs_build

from hub_plugin.build import packs as pdf_packs
from hub_plugin.build.packs import PackError, PackJob, site_file, write_packs
from hub_plugin.check.loading import load_catalogue
from hub_plugin.derive.packs import PackSubject, pack_subjects
from hub_plugin.hosts.cli.main import main as hub_main
from hub_plugin.read.diagnostics import Report
from hub_plugin.read.pathnames import HubPaths

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint", reason="the pdf extra: pip install -e '.[pdf]'", exc_type=ImportError)

EPOCH = "1767225600"  # 2026-01-01: the packs' date does not move while the tests run
PACK_LINK = re.compile(r'<a class="hub-pack__link" href="(?P<href>[^"]+)"')


def with_packs(root: Path) -> None:
    """Turn the hub's packs on in the copy's mkdocs.yml, as a user would."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert re.search(r"^  - hub\b.*$", text, re.M), "the seed mkdocs.yml lists the hub plugin as '- hub'"
    config.write_text(re.sub(r"^  - hub\b.*$", "  - hub:\n      packs: true", text, count=1, flags=re.M),
                      encoding="utf-8")


class MadeLog(logging.Handler):
    """The packs a build made (its debug line), read from the hub's log."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.made: list[str] | None = None

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Briefing packs made: "):
            listed = message.removeprefix("Briefing packs made: ")
            self.made = [] if listed == "none" else listed.split(", ")


def build(root: Path, site: Path) -> list[str]:
    """Build the hub at ``root`` into ``site``; the keys of the packs this build made (not taken from the cache)."""
    logger = logging.getLogger("mkdocs.plugins.hub")
    handler, level = MadeLog(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        mkdocs_build(root / "mkdocs.yml", site)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert handler.made is not None, "the build said nothing about its packs"
    return handler.made


def subjects(root: Path) -> list[PackSubject]:
    report = Report()
    catalogue = load_catalogue(HubPaths.at(root), report)
    assert not report.has_errors, report.format()
    return pack_subjects(catalogue)


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory):
    """The seed hub, copied, with ``packs: true``, built once: (hub folder, site folder, the packs it has)."""
    root = tmp_path_factory.mktemp("packs") / "hub"
    root.mkdir()
    for name in ("content", "taxonomy.yml", "mkdocs.yml"):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy)(REPO / name, root / name)
    with_packs(root)
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        site = root / "site"
        made = build(root, site)
        yield root, site, subjects(root), made
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def text(reader) -> str:
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


# -- what a reader opens -------------------------------------------------------------------------------


def test_there_is_a_pack_for_each_theme_programme_and_country_with_case_studies(packed):
    root, site, found, made = packed
    folders = {subject.spec.folder for subject in found}
    assert folders == {"themes", "programmes", "countries"}
    assert sorted(made) == sorted(subject.key for subject in found), "a first build makes every pack"
    written = sorted(path.relative_to(site).as_posix() for path in (site / "packs").rglob("*.pdf"))
    assert written == sorted(subject.path for subject in found)
    assert all(subject.case_studies for subject in found)


def test_each_pack_opens_with_one_bookmark_per_case_study_a_cover_a_contents_page_and_every_case_study(packed):
    root, site, found, _ = packed
    for subject in found:
        reader = pypdf.PdfReader(site / subject.path)
        titles = [case_study.title for case_study in subject.case_studies]
        outline = reader.outline
        assert [entry.title for entry in outline if not isinstance(entry, list)] == titles, subject.key
        assert not any(isinstance(entry, list) for entry in outline), "only the case studies are bookmarks"
        # The cover, the contents, then each case study starting a page of its own.
        assert len(reader.pages) >= 2 + len(titles), subject.key
        words = text(reader)
        for title in titles:
            assert " ".join(title.split()) in words, (subject.key, title)
        cover = " ".join((reader.pages[0].extract_text() or "").split())
        assert " ".join(subject.title.split()) in cover and "City-to-City Cooperation Hub" in cover
        assert f"{len(titles)} case stud" in cover
        contents = " ".join((reader.pages[1].extract_text() or "").split())
        assert contents.startswith("Contents")
        for title in titles:  # each entry with the page it starts on
            assert re.search(re.escape(" ".join(title.split())) + r" ?\.+ ?\d+", contents), (subject.key, title)


def test_a_pack_shows_each_case_studys_fact_box_outcomes_lessons_narrative_and_sources(packed):
    root, site, found, _ = packed
    subject = max(found, key=lambda subject: len(subject.case_studies))
    words = text(pypdf.PdfReader(site / subject.path))
    for case_study in subject.case_studies:
        for source in case_study.sources:
            assert " ".join(source.title.split()) in words, source.title
        for lesson in case_study.lessons[:1]:
            assert " ".join(lesson.split())[:60] in words
    assert words.count("Partners") >= len(subject.case_studies)
    assert "Outcomes for each partner" in words and "Lessons" in words and "Sources" in words
    assert "Map of the partnerships" in words


def test_every_term_page_with_a_pack_links_to_it_and_the_link_resolves(packed):
    root, site, found, _ = packed
    for subject in found:
        page = site / subject.spec.folder / subject.term_id.lower() / "index.html"
        html = page.read_text(encoding="utf-8")
        links = PACK_LINK.findall(html)
        assert len(links) == 1, subject.key
        target = (page.parent / links[0]).resolve()
        assert target == (site / subject.path).resolve() and target.is_file()
        assert f"the {len(subject.case_studies)} case stud" in html


def test_term_pages_without_case_studies_or_of_other_vocabularies_have_no_pack_link(packed):
    root, site, found, _ = packed
    with_pack = {(site / subject.spec.folder / subject.term_id.lower() / "index.html") for subject in found}
    without = [page for folder in ("themes", "modalities", "sdgs", "regions", "status")
               for page in (site / folder).glob("*/index.html") if page not in with_pack]
    assert without, "some term pages have no pack"
    for page in without:
        assert "hub-pack__link" not in page.read_text(encoding="utf-8"), page


# -- the cache -------------------------------------------------------------------------------------------


def test_a_second_build_makes_no_pack_and_an_edit_makes_again_only_the_packs_that_show_it(packed):
    root, site, found, _ = packed
    before = {subject.path: (site / subject.path).read_bytes() for subject in found}
    assert build(root, site) == [], "nothing changed: every pack comes from the cache"
    assert {subject.path: (site / subject.path).read_bytes() for subject in found} == before

    edited = min(found, key=lambda subject: len(subject.case_studies)).case_studies[0]
    source = root / edited.path
    source.write_text(source.read_text(encoding="utf-8") + "\nA sentence added for the packs' test.\n",
                      encoding="utf-8")
    showing = sorted(subject.key for subject in found if edited in subject.case_studies)
    assert 0 < len(showing) < len(found)
    assert sorted(build(root, site)) == showing
    for subject in found:
        changed = (site / subject.path).read_bytes() != before[subject.path]
        assert changed == (subject.key in showing), subject.key
    assert "A sentence added for the packs" in text(pypdf.PdfReader(site / next(
        subject.path for subject in found if subject.key == showing[0])))


def test_a_damaged_cached_pack_is_made_again_with_one_warning(packed, capsys):
    root, site, found, _ = packed
    build(root, site)  # the cache holds every pack as it is now
    cached = sorted((root / ".hub-cache" / "packs").glob("*.pdf"))
    assert cached
    victim = next(path for path in cached if path.read_bytes() == (site / found[0].path).read_bytes())
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])  # cut short, as a killed copy leaves it
    capsys.readouterr()
    assert build(root, site) == [found[0].key]
    warnings = [line for line in capsys.readouterr().err.splitlines() if str(victim) in line]
    assert len(warnings) == 1 and "made again" in warnings[0]
    assert pypdf.PdfReader(site / found[0].path).outline
    assert victim.read_bytes().rstrip().endswith(b"%%EOF")


# -- what the build promises ------------------------------------------------------------------------------


def test_with_packs_off_the_site_has_no_packs_no_links_and_weasyprint_is_not_imported(small_hub, tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        f"sys.path.insert(0, {str(REPO / 'tests')!r})\n"
        "from conftest import mkdocs_build\n"
        "mkdocs_build(Path(sys.argv[1]) / 'mkdocs.yml', Path(sys.argv[2]))\n"
        "print('weasyprint' in sys.modules, any(m.startswith('weasyprint') for m in sys.modules))\n")
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-c", code, str(small_hub), str(site)], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["False", "False"]
    assert not (site / "packs").exists()
    assert not (site / "assets" / "hub" / "packs").exists(), "the packs' stylesheets are not the site's"
    for page in site.rglob("index.html"):
        assert "hub-pack" not in page.read_text(encoding="utf-8"), page


def test_hub_build_packs_turns_them_on_and_a_failed_pack_is_one_line_and_leaves_the_previous_site(
        small_hub, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    site = tmp_path / "site"
    assert hub_main(["-f", str(small_hub / "mkdocs.yml"), "build", "-d", str(site), "--packs"]) == 0
    built = sorted(path.relative_to(site).as_posix() for path in (site / "packs").rglob("*.pdf"))
    assert built and all(pypdf.PdfReader(site / path).outline for path in built)
    before = {path: path.read_bytes() for path in site.rglob("*") if path.is_file()}

    def broken(*args, **kwargs):
        raise RuntimeError("Pango could not lay out\nthe page")

    monkeypatch.setattr(pdf_packs, "render_pdf", broken)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # rendered in this process, where the fault is planted
    story = small_hub / "content" / "case-studies" / "alpha-beta-mentoring.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nAn edit, so that the packs are made again.\n",
                     encoding="utf-8")
    capsys.readouterr()
    assert hub_main(["-f", str(small_hub / "mkdocs.yml"), "build", "-d", str(site), "--packs"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if "briefing pack" in line]
    assert len(errors) == 1, errors
    assert "could not be made (RuntimeError: Pango could not lay out the page)" in errors[0]
    assert "Traceback" not in capsys.readouterr().err
    assert {path: path.read_bytes() for path in site.rglob("*") if path.is_file()} == before


def test_a_failing_pack_is_one_line_that_names_it(tmp_path):
    def broken(*args, **kwargs):
        raise ValueError("bad\ninput")

    jobs = [PackJob("themes/x", "packs/themes/x.pdf", "<p>x</p>", None)]
    with pytest.raises(PackError) as raised:
        write_packs(jobs, "", tmp_path / "site", tmp_path / "cache", workers=1, render=broken)
    assert str(raised.value) == "The briefing pack themes/x could not be made (ValueError: bad input)"


def test_without_weasyprint_the_message_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint now raises ImportError
    with pytest.raises(PackError) as raised:
        pdf_packs.weasyprint_version()
    message = str(raised.value)
    assert "pip install -e '.[pdf]'" in message and "libpango-1.0-0" in message and "\n" not in message


# -- the PDF writer reads the built site only -------------------------------------------------------------


def test_the_url_fetcher_refuses_every_address_outside_the_built_site(tmp_path):
    site = tmp_path / "site"
    (site / "img").mkdir(parents=True)
    (site / "img" / "a.png").write_bytes(b"png")
    (tmp_path / "secret.txt").write_text("secret")
    (site / "img" / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert site_file((site / "img" / "a.png").as_uri(), site) == (site / "img" / "a.png").resolve()
    assert site_file(site.as_uri() + "/img/./a.png", site) == (site / "img" / "a.png").resolve()
    for url in [(tmp_path / "secret.txt").as_uri(),            # a file outside the site
                site.as_uri() + "/../secret.txt",               # ... reached with ..
                (site / "img" / "link.txt").as_uri(),           # ... through a symbolic link in the site
                site.as_uri() + "/img/missing.png",             # no such file
                site.as_uri(),                                  # the folder itself
                "file:///etc/passwd", "file://example.org/share/a.png",
                "https://example.org/a.png", "http://127.0.0.1:8000/a.png", "ftp://example.org/a.png"]:
        with pytest.raises(ValueError):
            site_file(url, site)


def test_a_pack_that_names_a_file_outside_the_site_is_made_without_it_and_says_so(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "outside.css").write_text("p { color: red }")
    document = (f'<html><head><link rel="stylesheet" href="{(tmp_path / "outside.css").as_uri()}"></head>'
                '<body><h2 style="bookmark-level: 1">One</h2><img src="https://example.org/tracker.png">'
                f'<img src="{Path("/etc/hostname").as_uri()}"></body></html>')
    report = write_packs([PackJob("themes/x", "packs/themes/x.pdf", document, None)], "", site, tmp_path / "cache",
                         workers=1)
    assert report.made == ["themes/x"]
    assert set(report.refused["themes/x"]) == {(tmp_path / "outside.css").as_uri(), "https://example.org/tracker.png",
                                               "file:///etc/hostname"}
    assert pypdf.PdfReader(site / "packs" / "themes" / "x.pdf").outline[0].title == "One"
