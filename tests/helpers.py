"""A small hub in a temporary folder, to break one file at a time.

``make_hub(tmp_path)`` writes a complete, valid hub: mkdocs.yml, the
repository's real taxonomy.yml, two partners and one case study naming
both. Tests then overwrite a single file (often with ``case_study(...)``,
which rebuilds the valid case study with some fields replaced or left out)
and look at the diagnostics ``check(root)`` reports.
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

from hub_plugin.check.loading import load_catalogue
from hub_plugin.model.catalogue import Catalogue
from hub_plugin.read.diagnostics import Diagnostic, Report
from hub_plugin.read.pathnames import HubPaths

REPO = Path(__file__).resolve().parents[1]
REPO_CONFIG = REPO / "mkdocs.yml"
REPO_TAXONOMY = REPO / "taxonomy.yml"

# A fixed "today", so that rules about future dates do not drift with the calendar.
TODAY = datetime.date(2024, 6, 15)

CASE_STUDY_PATH = "content/case-studies/alpha-beta-mentoring.md"
ALPHA_PATH = "content/partners/alpha-city.md"
BETA_PATH = "content/partners/beta-town.md"

MKDOCS_YML = """\
site_name: Test hub
docs_dir: content
theme:
  name: material
plugins:
  - hub:
      languages: [en]   # one edition: the tests of the editions ask for more
"""

ALPHA_CITY = """\
---
name: Alpha City
kind: city
country: "MW"
location: {lat: -13.96, lon: 33.79}
---
A city in Malawi.
"""

BETA_TOWN = """\
---
name: Beta Town
kind: city
country: "ZA"
website: https://beta.example.org
---
A town in South Africa.
"""

# Field name -> the lines that write it, in the order they appear in the file.
VALID_FIELDS: dict[str, str] = {
    "title": "title: Beta Town mentors Alpha City on budgeting",
    "summary": "summary: Beta Town's finance team coached Alpha City through its first multi-year budget.",
    "partners": "partners:\n  - {id: beta-town, role: mentor}\n  - {id: alpha-city, role: mentee}",
    "themes": "themes: [municipal-finance]",
    "modalities": "modalities: [mentoring, south-south]",
    "programme": "programme: uclg-mentoring",
    "sdgs": "sdgs: [11, 16]",
    "period": "period: {start: 2015, end: 2017}",
    "status": "status: completed",
    "outcomes": "outcomes:\n  - {text: A three-year budget adopted, beneficiary: alpha-city}",
    "sources": 'sources:\n  - {title: Programme report, publisher: Beta Town, year: 2018, url: "https://beta.example.org/report"}',
    "licence": "licence: CC-BY-4.0",
}

BODY = "## Context\n\nAlpha City had never drawn up a budget for more than one year.\n"


def case_study(body: str = BODY, **fields: str | None) -> str:
    """The valid case study, with ``name="name: value"`` replacing a field,
    ``name=None`` leaving it out, and unknown names added at the end."""
    merged = dict(VALID_FIELDS)
    merged.update(fields)
    lines = [text for text in merged.values() if text is not None]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def partner(**fields: str | None) -> str:
    """A valid partner file (Gamma Village, Malawi), fields replaced or left out as in ``case_study``."""
    merged: dict[str, str | None] = {
        "name": "name: Gamma Village",
        "kind": "kind: city",
        "country": 'country: "MW"',
        "location": "location: {lat: -15.78, lon: 35.0}",
        "website": "website: https://gamma.example.org",
    }
    merged.update(fields)
    return "---\n" + "\n".join(text for text in merged.values() if text is not None) + "\n---\nA village.\n"


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


PROGRAMME_FIXTURES = REPO / "tests" / "fixtures" / "programmes"


def install_vocabularies(root: Path) -> None:
    """The repository's real taxonomy.yml, and a record for each programme the test hubs name (no partners)."""
    shutil.copy(REPO_TAXONOMY, root / "taxonomy.yml")
    shutil.copytree(PROGRAMME_FIXTURES, root / "content" / "programmes", dirs_exist_ok=True)


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` by relative path, with its bytes: two sites compared file for file."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def make_hub(root: Path, files: dict[str, str | bytes | None] | None = None) -> Path:
    """A valid hub in ``root``; ``files`` overwrites (or, with None, deletes) files by relative path."""
    root.mkdir(parents=True, exist_ok=True)
    write(root, "mkdocs.yml", MKDOCS_YML)
    install_vocabularies(root)
    write(root, "content/index.md", "# Test hub\n")
    write(root, ALPHA_PATH, ALPHA_CITY)
    write(root, BETA_PATH, BETA_TOWN)
    write(root, CASE_STUDY_PATH, case_study())
    for relative, text in (files or {}).items():
        if text is None:
            (root / relative).unlink()
        else:
            write(root, relative, text)
    return root


def load(root: Path, today: datetime.date = TODAY) -> tuple[Catalogue, Report]:
    report = Report()
    catalogue = load_catalogue(HubPaths.at(root), report, today=today)
    return catalogue, report


def check(root: Path, today: datetime.date = TODAY) -> Report:
    return load(root, today)[1]


def line_of(text: str, needle: str, start: int = 1) -> int:
    """The 1-based number of the first line (from line ``start``) that contains ``needle``."""
    for number, line in enumerate(text.split("\n"), start=1):
        if number >= start and needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def at(report: Report, path: str) -> list[Diagnostic]:
    return [d for d in report.sorted() if d.path == path]


def the_one(report: Report, path: str = CASE_STUDY_PATH, severity: str = "error") -> Diagnostic:
    """The only diagnostic of ``severity`` on ``path``; fails listing all of them otherwise."""
    found = [d for d in at(report, path) if d.severity == severity]
    assert len(found) == 1, f"expected one {severity} on {path}, got:\n{report.format()}"
    return found[0]


def assert_clean(report: Report) -> None:
    assert not report.items, report.format()


def hub(*argv: str) -> int:
    """``hub ARGV`` in-process; argparse's own exit (usage errors) counts as a returned status."""
    from hub_plugin.hosts.cli.main import main

    try:
        return main(list(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
