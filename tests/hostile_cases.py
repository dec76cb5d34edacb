"""The corpus of broken and hostile contributions in tests/hostile/, and how to run it.

Each case of ``tests/hostile/cases.yml`` puts one contribution into the small
valid hub of tests/helpers.py (``make_hub``): files copied from the case's
folder ``tests/hostile/<id>/`` (laid out as they go in the hub), an ``edit`` of
taxonomy.yml or mkdocs.yml (exact text replaced), or files written at run time
by a generator below (binary, huge, symbolic links, CRLF: nothing that Git or
an editor could alter, and no 10 MB file in the repository).

``run_case`` then runs, in that hub, ``python -m hub_plugin check`` (exit
status, the expected diagnostic lines, no Traceback, CPU time of the child under
``CPU_LIMIT``) and ``python -m hub_plugin build -d SITE`` over a copy of a
clean site (exit status, the same lines, no Traceback, SITE byte-identical when
the build fails), and returns every problem found. Used by tests/test_hostile.py
and scripts/reliability.py.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from helpers import ALPHA_CITY, ALPHA_PATH, CASE_STUDY_PATH, case_study, make_hub, write

HOSTILE = Path(__file__).resolve().parent / "hostile"
CASES_FILE = HOSTILE / "cases.yml"
CPU_LIMIT = 1.0      # seconds of user + system CPU for one `hub check`: a limit, not a benchmark
TIMEOUT = 60         # wall-clock seconds before a hung child counts as a failure
ERROR_LINE = re.compile(r"^.+:\d+:\d+: error: ")


# -- the cases -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Edit:
    path: str        # hub path of the file edited (taxonomy.yml, mkdocs.yml)
    find: str        # exact text, which must occur once
    replace: str


@dataclass(frozen=True)
class Case:
    id: str
    about: str
    writes: tuple[str, ...]                  # hub paths the case writes or edits
    expect: tuple[str, ...]                  # the error lines `hub check` prints, all of them; () = checks clean
    exit: int = 1                            # the exit status of `hub check`
    build_expect: tuple[str, ...] | None = None  # lines a failed build prints, when not `expect`
    build_fails: bool | None = None       # default: the build fails when `hub check` does
    edits: tuple[Edit, ...] = ()
    generate: str | None = None
    bug: str | None = None                # "BUG: ...": a strict xfail in test_hostile.py

    @property
    def accepted(self) -> bool:
        return self.exit == 0

    @property
    def build_should_fail(self) -> bool:
        return self.build_fails if self.build_fails is not None else not self.accepted

    @property
    def build_lines(self) -> tuple[str, ...]:
        return self.build_expect if self.build_expect is not None else self.expect

    @property
    def folder(self) -> Path:
        return HOSTILE / self.id


def _lines(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return tuple(value.splitlines()) if isinstance(value, str) else tuple(value)


def load_cases() -> list[Case]:
    raw = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))
    cases = []
    for entry in raw["cases"]:
        cases.append(Case(
            id=entry["id"],
            about=entry["about"],
            writes=_lines(entry["writes"]),
            expect=_lines(entry.get("expect")),
            exit=entry.get("exit", 1),
            build_expect=_lines(entry["build_expect"]) if "build_expect" in entry else None,
            build_fails=entry.get("build_fails"),
            edits=tuple(Edit(**edit) for edit in entry.get("edits", ())),
            generate=entry.get("generate"),
            bug=entry.get("bug"),
        ))
    return cases


def folder_files(case: Case) -> set[str]:
    """The hub paths stored in the case's folder."""
    if not case.folder.is_dir():
        return set()
    return {path.relative_to(case.folder).as_posix() for path in case.folder.rglob("*") if path.is_file()}


# -- generated contributions -----------------------------------------------------------------------

def _case_study_bytes() -> bytes:
    return case_study().encode("utf-8")


def _bom(root: Path) -> None:
    write(root, CASE_STUDY_PATH, b"\xef\xbb\xbf" + _case_study_bytes())


def _crlf(root: Path) -> None:
    write(root, CASE_STUDY_PATH, _case_study_bytes().replace(b"\n", b"\r\n"))


def _bom_crlf_partner(root: Path) -> None:
    write(root, ALPHA_PATH, b"\xef\xbb\xbf" + ALPHA_CITY.encode("utf-8").replace(b"\n", b"\r\n"))


def _invalid_utf8(root: Path) -> None:
    # Latin-1 "é" in the summary, as an editor set to Windows-1252 would save it.
    write(root, CASE_STUDY_PATH, _case_study_bytes().replace(b"finance team", b"financ\xe9 team"))


def _nul_bytes(root: Path) -> None:
    write(root, CASE_STUDY_PATH, _case_study_bytes().replace(b"## Context", b"## Con\x00text"))


def _huge_body(root: Path) -> None:
    sentence = b"The partners met again and wrote another report. "
    filler = (sentence * (10_000_000 // len(sentence) + 1))[:10_000_000]  # 10 MB of prose
    write(root, CASE_STUDY_PATH, _case_study_bytes() + filler)


def _too_many_values(root: Path) -> None:
    write(root, CASE_STUDY_PATH, case_study(lessons="lessons: [" + ", ".join(["x"] * 60_000) + "]"))


def _very_long_theme(root: Path) -> None:
    write(root, CASE_STUDY_PATH, case_study(themes="themes: [" + "municipal-finance" * 6_000 + "]"))


def _slugs_differing_by_case(root: Path) -> None:
    # Generated: two names that differ only by case cannot both be checked out on macOS or Windows.
    write(root, "content/case-studies/durban-mzuzu.md", case_study(title="title: Durban and Mzuzu"))
    write(root, "content/case-studies/Durban-Mzuzu.md", case_study(title="title: Durban and Mzuzu again"))


def _symlink_outside(root: Path) -> None:
    # A valid-looking case study outside the hub, linked in: the build would publish it.
    outside = root.parent / "outside-the-hub"
    outside.mkdir(exist_ok=True)
    (outside / "leak.md").write_text(case_study(title="title: A file from outside the hub"), encoding="utf-8")
    os.symlink(outside / "leak.md", root / "content/case-studies/leak.md")


def _symlink_loop(root: Path) -> None:
    os.symlink("loop.md", root / "content/case-studies/loop.md")


def _symlink_folder(root: Path) -> None:
    # A folder outside the hub linked into content/: MkDocs copies whatever it holds into the site.
    outside = root.parent / "outside-the-hub"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_text("token=not-for-publication\n", encoding="utf-8")
    os.symlink(outside, root / "content/attachments", target_is_directory=True)


def _page_invalid_utf8(root: Path) -> None:
    write(root, "content/notes.md", b"# Notes\n\nCaf\xe9 [[alpha-city]]\n")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "bom": _bom,
    "crlf": _crlf,
    "bom-crlf-partner": _bom_crlf_partner,
    "invalid-utf8": _invalid_utf8,
    "nul-bytes": _nul_bytes,
    "huge-body": _huge_body,
    "too-many-values": _too_many_values,
    "very-long-theme": _very_long_theme,
    "slugs-differing-by-case": _slugs_differing_by_case,
    "symlink-outside": _symlink_outside,
    "symlink-loop": _symlink_loop,
    "symlink-folder": _symlink_folder,
    "page-invalid-utf8": _page_invalid_utf8,
}


def install(case: Case, root: Path) -> Path:
    """A fresh small valid hub at ``root`` with the case's contribution in it."""
    make_hub(root)
    if case.folder.is_dir():
        for relative in sorted(folder_files(case)):
            write(root, relative, (case.folder / relative).read_bytes())
    for edit in case.edits:
        target = root / edit.path
        text = target.read_text(encoding="utf-8")
        assert text.count(edit.find) == 1, f"{case.id}: {edit.find!r} must occur once in {edit.path}"
        target.write_text(text.replace(edit.find, edit.replace), encoding="utf-8")
    if case.generate:
        GENERATORS[case.generate](root)
    return root


# -- running the hub -------------------------------------------------------------------------------

@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    cpu: float = 0.0     # user + system seconds of the child

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def _env() -> dict[str, str]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8", NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    return env


def _run(command: list[str], cwd: Path) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        done = subprocess.run(command, cwd=cwd, capture_output=True, timeout=TIMEOUT, env=_env())
        code, out, err = done.returncode, done.stdout, done.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = -1, exc.stdout or b"", (exc.stderr or b"") + f"\n(timed out after {TIMEOUT} s)".encode()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), cpu)


def run_check(root: Path) -> Run:
    return _run([sys.executable, "-m", "hub_plugin", "check"], root)


def _build_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "hub_plugin", "build", "-d", str(site)]


def run_build(root: Path, site: Path) -> Run:
    return _run(_build_command(site), root)


class _Background:
    """A build started now and collected later, its output in files (no pipe to fill up).

    The child is not reaped until ``collect``: getrusage(RUSAGE_CHILDREN) counts only
    reaped children, so a `hub check` measured meanwhile is measured alone.
    """

    def __init__(self, command: list[str], cwd: Path, logs: Path):
        logs.mkdir(parents=True, exist_ok=True)
        self.out, self.err = open(logs / "stdout", "w+b"), open(logs / "stderr", "w+b")
        self.process = subprocess.Popen(command, cwd=cwd, stdout=self.out, stderr=self.err, env=_env())

    def collect(self) -> Run:
        try:
            code = self.process.wait(timeout=TIMEOUT)
            note = b""
        except subprocess.TimeoutExpired:
            self.process.kill()
            code, note = self.process.wait(), f"\n(timed out after {TIMEOUT} s)".encode()
        texts = []
        for handle in (self.out, self.err):
            handle.seek(0)
            texts.append(handle.read())
            handle.close()
        return Run(code, texts[0].decode("utf-8", "replace"), (texts[1] + note).decode("utf-8", "replace"))


def snapshot(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def build_clean_site(workdir: Path) -> Path:
    """The small valid hub built by `hub build` into ``workdir/site``: the SITE each case starts from."""
    root = make_hub(workdir / "hub")
    site = workdir / "site"
    run = run_build(root, site)
    assert run.returncode == 0, f"the clean small hub does not build:\n{run.output}"
    return site


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if ERROR_LINE.match(line)]


# -- one case, end to end --------------------------------------------------------------------------

@dataclass
class CaseResult:
    case: Case
    check: Run | None = None
    build: Run | None = None
    diagnostics_as_expected: bool = False
    build_as_expected: bool = False
    check_traceback: bool = False
    build_traceback: bool = False
    site_untouched: bool | None = None   # None when the build is expected to succeed
    problems: list[str] = field(default_factory=list)

    def report(self) -> str:
        parts = [f"case {self.case.id}: {self.case.about}", *self.problems]
        if self.check is not None:
            parts += ["--- hub check stdout ---", self.check.stdout.rstrip()[:4000],
                      "--- hub check stderr ---", self.check.stderr.rstrip()[-4000:]]
        if self.build is not None:
            parts += ["--- hub build stderr ---", self.build.stderr.rstrip()[-4000:]]
        return "\n".join(parts)


def run_case(case: Case, workdir: Path, clean_site: Path, clean: dict[str, bytes] | None = None) -> CaseResult:
    """Check and build the case in a fresh hub under ``workdir``; every deviation is in ``problems``."""
    result = CaseResult(case)
    problems = result.problems
    root = install(case, workdir / "hub")
    site = workdir / "site"
    shutil.copytree(clean_site, site)
    # The build runs beside the check (both only read the content): half the wall time on two cores.
    background = _Background(_build_command(site), root, workdir / "build-log")

    try:
        check = result.check = run_check(root)
    finally:
        if result.check is None:  # never leave the build running
            background.collect()
    result.check_traceback = "Traceback" in check.output
    if result.check_traceback:
        problems.append("hub check printed a Traceback")
    if check.returncode != case.exit:
        problems.append(f"hub check exited {check.returncode}, expected {case.exit}")
    if check.cpu >= CPU_LIMIT:
        problems.append(f"hub check used {check.cpu:.2f} s of CPU (limit {CPU_LIMIT} s)")
    printed = error_lines(check.stdout)
    missing = [line for line in case.expect if line not in check.stdout.splitlines()]
    unexpected = [line for line in printed if line not in case.expect]
    for line in missing:
        problems.append(f"hub check did not print: {line}")
    for line in unexpected:
        problems.append(f"hub check printed an unexpected error: {line}")
    result.diagnostics_as_expected = (check.returncode == case.exit and not missing and not unexpected
                                      and not result.check_traceback)

    build = result.build = background.collect()
    result.build_traceback = "Traceback" in build.output
    if result.build_traceback:
        problems.append("hub build printed a Traceback")
    build_lines = build.stderr.splitlines()
    build_missing = [line for line in case.build_lines if line not in build_lines]
    for line in build_missing:
        problems.append(f"hub build did not print: {line}")
    if case.build_should_fail:
        if build.returncode == 0:
            problems.append("hub build succeeded; it must fail")
        result.site_untouched = snapshot(site) == (clean if clean is not None else snapshot(clean_site))
        if not result.site_untouched:
            problems.append("the failed build changed SITE")
        leftovers = sorted(path.name for path in workdir.iterdir() if path.name.startswith(".site."))
        if leftovers:
            problems.append(f"the failed build left staging folders: {leftovers}")
        result.build_as_expected = build.returncode != 0 and not build_missing and not result.build_traceback
    else:
        if build.returncode != 0:
            problems.append(f"hub build exited {build.returncode}; it must succeed")
        result.build_as_expected = build.returncode == 0 and not result.build_traceback
    return result
