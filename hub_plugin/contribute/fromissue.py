"""``hub from-issue``: the answers of the case-study issue form turned into files, checked by the same rules.

GitHub writes an issue form's answers as Markdown: each question's label as a
``### `` heading, the answer below it, ``_No response_`` for none, the choices
of a multiple dropdown joined by ", ". This module reads that body, writes a
case-study file (and a file for each partner the contributor described as
new), runs ``hub check`` on them, and says what to correct by the question
and the line of the answer, not of the generated file.

Everything the contributor wrote reaches a file only as a quoted YAML string
or as the Markdown body (sanitised when built), and every file name is made
of lower-case letters, digits and hyphens: an answer cannot write outside
``content/`` or run anything.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import pycountry

from ..check.loading import load_catalogue, load_vocabularies
from ..model.taxonomy import Taxonomy
from ..read.diagnostics import Report
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR
from ..read.pathnames import HubPaths
from ..read.text import fold, slugify
from .issueform import issue_form_data
from .scaffold import partner_names

NO_RESPONSE = "_No response_"
MAX_BODY_CHARS = 100_000  # GitHub keeps 65,536; anything longer did not come from the form
_HEADING = re.compile(r"^### (?P<label>.+?)\s*$")
_URL = re.compile(r"https?://[^\s,;<>\"]+")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?:-(0?[1-9]|1[0-2]))?(?!\d)")
_GOAL = re.compile(r"(?<!\d)(1[0-7]|[1-9])\.")
_CHECKED = re.compile(r"^- \[[xX]\]")
_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_REQUIRED = re.compile(r"^'(\w+)' (?:is required|needs at least)")


@dataclass(frozen=True)
class Answer:
    label: str
    text: str
    line: int  # where the answer starts in the issue body, 1-based


@dataclass(frozen=True)
class Problem:
    label: str
    line: int
    message: str


@dataclass
class Draft:
    slug: str
    title: str
    front: list[str] = field(default_factory=list)             # the front matter's lines
    fields: dict[int, str] = field(default_factory=dict)       # line of the file -> question id
    body: str = ""
    new_partners: dict[str, str] = field(default_factory=dict)  # id -> the text of its file
    notes: list[str] = field(default_factory=list)             # what an editor should look at
    problems: list[Problem] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)   # by question id

    def add(self, question: str, *lines: str) -> None:
        for line in lines:
            self.front.append(line)
            self.fields[len(self.front) + 1] = question  # +1: the opening '---' is line 1

    @property
    def text(self) -> str:
        return "---\n" + "\n".join(self.front) + "\n---\n" + self.body.rstrip() + "\n"


@dataclass
class Outcome:
    """What ``hub from-issue`` did: the files it wrote, the comment for the issue, whether a PR can open."""

    draft: Draft
    written: list[str]
    ready: bool
    comment: str


def quoted(text: str) -> str:
    """A YAML string that holds ``text`` exactly: a JSON string is a valid double-quoted YAML scalar."""
    return json.dumps(text, ensure_ascii=False)


def read_answers(body: str, questions: dict[str, str]) -> dict[str, Answer]:
    """The answers by question id; ``questions`` maps each question's label to its id."""
    answers: dict[str, Answer] = {}
    body = _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))  # NUL and the like are no text
    lines = body.split("\n")
    current: str | None = None
    collected: list[str] = []
    start = 0

    def close() -> None:
        if current is not None:
            text = "\n".join(collected).strip()
            offset = next((index for index, line in enumerate(collected) if line.strip()), 0)
            answers[current] = Answer(label_of[current], "" if text == NO_RESPONSE else text, start + offset)

    label_of = {question: label for label, question in questions.items()}
    for number, line in enumerate(lines, 1):
        heading = _HEADING.match(line)
        if heading and heading.group("label") in questions:
            close()
            current, collected, start = questions[heading.group("label")], [], number + 1
        elif current is not None:
            collected.append(line)
    close()
    return answers


def _labels_to_ids(text: str, vocabulary: Any, labels: list[str]) -> tuple[list[str], list[str]]:
    """The ids of the labels chosen in a dropdown's answer, and what was not a label."""
    terms = list(vocabulary)
    remaining, found = text, []
    for label, term in sorted(zip(labels, terms, strict=True), key=lambda pair: -len(pair[0])):
        if label in remaining:
            found.append((text.find(label), term.id))
            remaining = remaining.replace(label, "", 1)
    leftover = [part.strip() for part in remaining.split(",") if part.strip()]
    return [term_id for _, term_id in sorted(found)], leftover


def _term_id(text: str, vocabulary: Any) -> str | None:
    wanted = fold(text)
    return next((term.id for term in vocabulary if wanted in (fold(term.label), fold(term.id))), None)


def _country_code(name: str) -> str | None:
    wanted = fold(name)
    for country in pycountry.countries:
        names = [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""),
                 country.alpha_2, country.alpha_3]
        if wanted in {fold(value) for value in names if value}:
            return str(country.alpha_2)
    return None


def _kind_of(name: str) -> str:
    folded = fold(name)
    for words, kind in ((("association", "federation", "union of"), "association"),
                        (("network", "uclg", "united cities"), "local-government-network"),
                        (("ministry", "national government"), "national-government"),
                        (("province", "region", "county", "state of"), "regional-government")):
        if any(word in folded for word in words):
            return kind
    return "city"


def form_questions(taxonomy: Taxonomy) -> dict[str, dict[str, Any]]:
    """The issue form's questions by id, as ``hub issue-form`` writes them from this taxonomy."""
    return {element["id"]: element for element in issue_form_data(taxonomy)["body"] if "id" in element}


class _Builder:
    """One issue's answers to one draft, question by question."""

    def __init__(self, answers: dict[str, Answer], taxonomy: Taxonomy, form: dict[str, dict[str, Any]],
                 partners: dict[str, str], number: int, taken: set[str]) -> None:
        self.answers = answers
        self.taxonomy = taxonomy
        self.form = form
        self.known = partners  # id -> name
        title = self.text("title")
        slug = slugify(title) or f"case-study-issue-{number}"
        if slug in taken:
            slug = f"{slug[:70]}-issue-{number}"
        self.draft = Draft(slug, title, answers=answers)
        self.partner_ids: dict[str, str] = {}  # folded name -> id, of this case study's partners

    def text(self, question: str) -> str:
        answer = self.answers.get(question)
        return answer.text if answer else ""

    def problem(self, question: str, message: str, line_offset: int = 0) -> None:
        answer = self.answers.get(question)
        label = answer.label if answer else self.form.get(question, {}).get("attributes", {}).get("label", question)
        self.draft.problems.append(Problem(label, (answer.line if answer else 1) + line_offset, message))

    def build(self) -> Draft:
        draft = self.draft
        draft.add("title", f"title: {quoted(draft.title)}")
        draft.add("summary", f"summary: {quoted(' '.join(self.text('summary').split()))}")
        self.partners()
        for question, vocabulary in (("themes", "themes"), ("modalities", "modalities")):
            self.choices(question, vocabulary)
        self.programme()
        self.sdgs()
        self.period()
        self.status()
        self.outcomes()
        self.lessons()
        self.sources()
        self.licence()
        contact = self.text("contact")
        if contact:
            draft.notes.append(f"The contributor gave a contact to add under `contacts`: {contact[:300]}")
        draft.body = self.text("story")
        return draft

    def partners(self) -> None:
        lines = [(offset, line.strip()) for offset, line in enumerate(self.text("partners").split("\n")) if line.strip()]
        self.draft.add("partners", "partners:")
        roles = self.taxonomy["roles"]
        by_name = {fold(name): partner_id for partner_id, name in self.known.items() if name}
        for offset, line in lines:
            line = _BULLET.sub("", line)
            name_part, colon, role_text = line.rpartition(":")
            if not colon:
                self.problem("partners", f"'{line}': write the role after a colon, like: City of Mzuzu, Malawi: mentee",
                             offset)
                continue
            role = _term_id(role_text.strip(), roles) or role_text.strip()
            name, _, country_text = name_part.rpartition(",")
            name, country_text = (name.strip(), country_text.strip()) if name else (name_part.strip(), "")
            partner_id = by_name.get(fold(name)) or by_name.get(fold(name_part)) or (
                slugify(name) if slugify(name) in self.known else None)
            if partner_id is None:
                partner_id = self.new_partner(name, country_text, offset)
                if partner_id is None:
                    continue
            self.partner_ids[fold(name)] = partner_id
            self.draft.add("partners", f"  - id: {partner_id}", f"    role: {quoted(role)}")

    def new_partner(self, name: str, country_text: str, offset: int) -> str | None:
        partner_id = slugify(name)
        if not partner_id:
            self.problem("partners", f"'{name}': write the partner's full name", offset)
            return None
        code = _country_code(country_text) if country_text else None
        if code is None:
            self.problem("partners", f"'{name}': write its country after a comma, like: {name}, Malawi: mentee "
                                     f"('{country_text}' is not a country name this hub knows)" if country_text else
                         f"'{name}' is new to the hub: write its country after a comma, like: {name}, Malawi: mentee",
                         offset)
            return None
        kind = _kind_of(name)
        self.draft.new_partners[partner_id] = (
            f"---\nname: {quoted(name)}\nkind: {kind}\ncountry: {quoted(code)}\n---\n")
        self.draft.notes.append(f"New partner `{partner_id}` ({name}, {code}) was added as kind `{kind}`: "
                                "correct the kind if it is not right.")
        return partner_id

    def choices(self, question: str, vocabulary: str) -> None:
        labels = self.form[question]["attributes"]["options"]
        ids, leftover = _labels_to_ids(self.text(question), self.taxonomy[vocabulary], labels)
        for unknown in leftover:
            self.problem(question, f"'{unknown}' is not one of the choices; pick the choices from the list")
        self.draft.add(question, f"{question}: [{', '.join(ids)}]")

    def programme(self) -> None:
        text = self.text("programme")
        if not text or text == "None":
            return
        ids, leftover = _labels_to_ids(text, self.taxonomy["programmes"], self.form["programme"]["attributes"]["options"])
        if ids:
            self.draft.add("programme", f"programme: {ids[0]}")
        for unknown in leftover:
            self.problem("programme", f"'{unknown}' is not one of the programmes; pick it from the list")

    def sdgs(self) -> None:
        goals = sorted({int(goal) for goal in _GOAL.findall(self.text("sdgs"))})
        if goals:
            self.draft.add("sdgs", f"sdgs: [{', '.join(str(goal) for goal in goals)}]")

    def period(self) -> None:
        dates = [f"{year}-{int(month):02d}" if month else year for year, month in _YEAR.findall(self.text("period"))]
        if not dates:
            if self.text("period"):
                self.problem("period", "write the years, like: 2008 to 2010 (or 2008-03 to 2010), or since 2012")
            return
        self.draft.add("period", "period:", f"  start: {quoted(dates[0])}")
        if len(dates) > 1:
            self.draft.add("period", f"  end: {quoted(dates[-1])}")

    def status(self) -> None:
        text = self.text("status")
        status = _term_id(text, self.taxonomy["status"]) if text else None
        if status is None:
            self.problem("status", "choose where the cooperation stands today: planned, ongoing, completed or discontinued")
            return
        self.draft.add("status", f"status: {status}")

    def outcomes(self) -> None:
        lines = [(offset, _BULLET.sub("", line).strip()) for offset, line in enumerate(self.text("outcomes").split("\n"))
                 if line.strip()]
        entries = []
        for offset, line in lines:
            who, colon, what = line.partition(":")
            beneficiary = self._partner_named(who) if colon else None
            if beneficiary is None:
                partners = ", ".join(sorted(self.partner_ids)) or "the partners above"
                self.problem("outcomes", f"'{line[:80]}': start with the partner that gained it and a colon "
                                         f"(one of: {partners}), like: Lilongwe: a strategy adopted", offset)
                continue
            entries.append((what.strip(), beneficiary))
        if entries:
            self.draft.add("outcomes", "outcomes:")
            for what, beneficiary in entries:
                self.draft.add("outcomes", f"  - text: {quoted(what)}", f"    beneficiary: {beneficiary}")

    def _partner_named(self, text: str) -> str | None:
        wanted = fold(text)
        if not wanted:
            return None
        for name, partner_id in self.partner_ids.items():
            if wanted in (name, partner_id) or wanted in name or name in wanted:
                return partner_id
        return None

    def lessons(self) -> None:
        lessons = [_BULLET.sub("", line).strip() for line in self.text("lessons").split("\n") if line.strip()]
        if lessons:
            self.draft.add("lessons", "lessons:", *(f"  - {quoted(lesson)}" for lesson in lessons))

    def sources(self) -> None:
        lines = [_BULLET.sub("", line).strip() for line in self.text("sources").split("\n") if line.strip()]
        if not lines:
            self.problem("sources", "name at least one source: the report, article or interview the facts come from")
            return
        self.draft.add("sources", "sources:")
        for line in lines:
            url = _URL.search(line)
            rest = _URL.sub("", line)
            year = _YEAR.search(rest)
            rest = _YEAR.sub("", rest) if year else rest
            parts = [part.strip() for part in re.split(r",\s*", rest) if part.strip(" ,;")]
            title = parts[0] if parts else line
            self.draft.add("sources", f"  - title: {quoted(title)}")
            if len(parts) > 1:
                self.draft.add("sources", f"    publisher: {quoted(', '.join(parts[1:]))}")
            if year:
                self.draft.add("sources", f"    year: {year.group(1)}")
            if url:
                self.draft.add("sources", f"    url: {quoted(url.group(0))}")

    def licence(self) -> None:
        if _CHECKED.search(self.text("licence")) is None:
            self.problem("licence", "tick the box that agrees to publish the text under CC BY 4.0")
            return
        self.draft.add("licence", "licence: CC-BY-4.0")


def draft_from_issue(body: str, taxonomy: Taxonomy, partners: dict[str, str], number: int,
                     taken: Collection[str] = (), form: dict[str, dict[str, Any]] | None = None) -> Draft:
    """The case study (and new partners) that an issue's answers describe; problems found on the way."""
    form = form or form_questions(taxonomy)
    questions = {element["attributes"]["label"]: question for question, element in form.items()}
    if len(body) > MAX_BODY_CHARS:
        draft = Draft(f"case-study-issue-{number}", "")
        draft.problems.append(Problem("the issue", 1, f"the answers are {len(body):,} characters long; the form "
                                                      f"takes at most {MAX_BODY_CHARS:,}: shorten the story"))
        return draft
    answers = read_answers(body, questions)
    if "title" not in answers:
        draft = Draft(f"case-study-issue-{number}", "")
        draft.problems.append(Problem("the issue", 1, "this issue was not written with the case-study form; "
                                                      "open a new issue and choose 'Case study'"))
        return draft
    return _Builder(answers, taxonomy, form, partners, number, set(taken)).build()


def propose(body: str, number: int, paths: HubPaths) -> Outcome:
    """Write the issue's case study into the content folder and check it with everything else."""
    report = Report()
    taxonomy = load_vocabularies(paths, report)
    names = partner_names(paths.content_dir)
    taken = {path.stem for path in (paths.content_dir / CASE_STUDIES_DIR).glob("*.md")}
    form = form_questions(taxonomy)
    draft = draft_from_issue(body, taxonomy, names, number, taken, form)
    if any(problem.label == "the issue" for problem in draft.problems):
        return Outcome(draft, [], False, comment(draft, [], ready=False))
    files = {f"{CASE_STUDIES_DIR}/{draft.slug}.md": draft.text}
    files.update({f"{PARTNERS_DIR}/{partner_id}.md": text for partner_id, text in draft.new_partners.items()})
    written = []
    for relative, text in files.items():
        target = paths.content_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(paths.display(target))
    load_catalogue(paths, report)
    case_path = paths.display(paths.content_dir / CASE_STUDIES_DIR / f"{draft.slug}.md")
    labels = {question: element["attributes"]["label"] for question, element in form.items()}
    problems = list(draft.problems)
    already = {problem.label for problem in problems}  # the answer's own problem says more than what follows from it
    for diagnostic in report.errors:
        if diagnostic.path == case_path:
            required = _REQUIRED.match(diagnostic.message)
            question = required.group(1) if required else draft.fields.get(
                diagnostic.line, "story" if diagnostic.line > len(draft.front) + 2 else "title")
        elif diagnostic.path in written:
            question = "partners"
        else:
            continue  # a problem of the hub itself, not of this issue
        label = str(labels.get(question) or question)
        if label not in already:
            answer = draft.answers.get(question)
            problems.append(Problem(label, answer.line if answer else 0, diagnostic.message))
    draft.problems = problems
    ready = not problems
    return Outcome(draft, written, ready, comment(draft, written, ready=ready))


def comment(draft: Draft, written: list[str], *, ready: bool) -> str:
    """What the issue is told, in plain words."""
    def shown(text: str) -> str:
        return "`" + text.replace("`", "'").replace("\n", " ")[:500] + "`"

    lines = ["Thank you for describing this practice."]
    if ready:
        lines += ["", f"Your answers are now the case study {shown(draft.title)}, in a pull request that an editor "
                      "reviews before it is published. If you edit this issue, the pull request follows your changes."]
    else:
        lines += ["", "A few answers need a change before they can become a case study. Please edit this issue "
                      "(the ⋯ menu, then **Edit**) and correct:", ""]
        for problem in draft.problems:
            where = f"**{problem.label}**" + (f" (line {problem.line} of your answers)" if problem.line else "")
            lines.append(f"- {where}: {shown(problem.message)}")
    if draft.notes:
        lines += ["", "For the editors:", ""] + [f"- {note}" for note in draft.notes]
    if written and ready:
        lines += ["", "Files: " + ", ".join(shown(path) for path in written)]
    return "\n".join(lines) + "\n"
