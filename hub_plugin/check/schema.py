"""The front-matter format, declared once.

Each field is a small object that knows how to check a value (with a
message a contributor can act on) and how to describe itself as JSON
Schema, so ``hub check``, the build and editors share the same rules.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.codes import country_codes, language_codes, language_names
from ..model.dates import QUALIFIERS, PartialDate, Period, Qualifier
from ..model.records import (
    EVIDENCE_KINDS,
    NOTE_KINDS,
    OUTCOME_STANDINGS,
    RELATION_KINDS,
    SOURCE_KINDS,
    Contact,
    EditorialNote,
    Location,
    Milestone,
    Outcome,
    PartnerRef,
    Relation,
    Review,
    Source,
    Transfer,
)
from ..model.taxonomy import Taxonomy
from ..model.vocabularies import spec_of
from ..read.diagnostics import Report, suggest
from ..read.text import ID_PATTERN
from ..read.yamlsource import YamlDocument, YamlPath
from .suggestions import partner_suggestion, term_suggestion


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()
PLACEHOLDER = "TODO"  # what the starter file writes where a contributor must write something

# Written without flags or escapes that JavaScript's Unicode mode refuses: the same text is the
# JSON Schema's "pattern", so that other tools (ajv, check-jsonschema) accept exactly what 'hub check' does.
URL_PATTERN = re.compile(r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/$.?#][^\s]*$")
EMAIL_PATTERN = re.compile(r"""^[^@\s<>"']+@[^@\s<>"']+\.[A-Za-z]{2,}$""")
_DATE_TEXT = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# A letter or digit is visible: only texts without one are checked for being invisible characters alone.
_ANY_WORD_CHARACTER = re.compile(r"[^\W_]")

LICENCES = (
    "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-4.0",
    "CC-BY-NC-ND-4.0", "CC0-1.0", "CC-BY-3.0", "CC-BY-SA-3.0", "ODbL-1.0", "ODC-By-1.0", "PDDL-1.0",
)


@dataclass
class Checker:
    """What a field needs to know to check a value in one file."""

    document: YamlDocument
    display_path: str
    report: Report
    taxonomy: Taxonomy
    partner_ids: set[str] | None = None
    slugs: set[str] | None = None
    partner_names: dict[str, str] = field(default_factory=dict)  # id -> name, of the partners read so far
    today: datetime.date = field(default_factory=datetime.date.today)

    def error(self, at: YamlPath, message: str) -> Any:
        mark = self.document.mark(at)
        self.report.error(self.display_path, mark.line, mark.col, message)
        return INVALID

    def warning(self, at: YamlPath, message: str) -> None:
        mark = self.document.mark(at)
        self.report.warning(self.display_path, mark.line, mark.col, message)

    def wrong_type(self, at: YamlPath, name: str, expected: str, example: str, value: Any) -> Any:
        plain = self.document.plain.get(at)
        if expected == "text" and isinstance(value, dict) and len(value) == 1:
            (key, rest), = value.items()
            if isinstance(key, str) and (rest is None or isinstance(rest, (str, int, float))):
                # "- Trust: build it first" reads as a field 'Trust' with a value.
                written = f"{key}:" if rest is None else f"{key}: {rest}"
                quoted = written.replace('"', '\\"')
                lead = "- " if at and isinstance(at[-1], int) else f"{at[-1]}: " if at else ""
                return self.error(at, f"YAML reads the colon in '{written}' as the end of a field name, so "
                                      f"'{name}' gets a group of fields instead of text; put the whole text "
                                      f"in quotes: {lead}\"{quoted}\"")
        if expected == "text" and plain is not None:
            return self.error(at, f"'{name}' must be text, but YAML read {plain} as "
                                  f"{_yaml_kind(value)}; put it in quotes: \"{plain}\"")
        return self.error(at, f"'{name}' must be {expected}, not {_yaml_kind(value)}; for example: {example}")


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "a yes/no value"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


@dataclass
class Field:
    name: str
    required: bool = False
    help: str = ""
    example: str = ""

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        raise NotImplementedError

    def left_as_placeholder(self, value: Any, at: YamlPath, ctx: Checker, fill_in: str) -> bool:
        """Whether ``value`` is still the starter file's TODO (reported, with what to write instead)."""
        if isinstance(value, str) and value.strip().startswith(PLACEHOLDER):
            ctx.error(at, f"'{self.name}' still holds the template's placeholder; {fill_in}")
            return True
        return False

    def schema_with_help(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema = self.json_schema(taxonomy)
        if self.help:
            schema["description"] = self.help
        return schema


@dataclass
class Text(Field):
    max_length: int | None = None

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and at not in ctx.document.plain:
            value = str(value)
        if not isinstance(value, str):
            return ctx.wrong_type(at, self.name, "text", self.example or f"{self.name}: ...", value)
        value = value.strip()
        if not _ANY_WORD_CHARACTER.search(value) and not "".join(
                char for char in value if unicodedata.category(char) != "Cf").strip():
            return ctx.error(at, f"'{self.name}' is empty; write the text after '{self.name}:'")
        if self.left_as_placeholder(value, at, ctx, f"replace '{value[:30]}...' with the real text"):
            return INVALID
        if self.max_length and len(value) > self.max_length:
            return ctx.error(at, f"'{self.name}' is {len(value)} characters long; shorten it to at most {self.max_length}")
        return value

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


@dataclass
class Pattern(Text):
    """Text with a shape (URL, e-mail, language code): checked beyond being text."""

    pattern: re.Pattern[str] | None = None
    choices: Sequence[str] | Callable[[], Sequence[str]] = ()
    what: str = ""

    names: Callable[[], dict[str, str]] | None = None  # name (lower case) -> code, for "write the code"
    code_kind: str = "code"

    def by_name(self, value: str) -> str | None:
        return self.names().get(value.strip().lower()) if self.names else None

    @property
    def allowed(self) -> Sequence[str]:
        # Long lists (ISO languages) are loaded the first time they are needed.
        return self.choices() if callable(self.choices) else self.choices

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        value = super().check(value, at, ctx)
        if value is INVALID:
            return value
        if self.allowed and value not in self.allowed:
            code = self.by_name(value)
            if code:
                return ctx.error(at, f"write the {self.code_kind}, not the name: {self.name}: {code}")
            close = suggest(value, self.allowed)
            if not close and len(self.allowed) <= 12:  # a short list: say it whole
                close = f"; use one of: {', '.join(self.allowed)}"
            return ctx.error(at, f"'{value}' is not a known {self.what}" + close)
        if self.pattern and not self.pattern.match(value):
            return ctx.error(at, f"'{self.name}' must be {self.what}, for example: {self.example}")
        return value

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        if self.allowed:
            return {"enum": list(self.allowed)}
        schema = super().json_schema(taxonomy)
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
        return schema


@dataclass
class Number(Field):
    minimum: float = -1e9
    maximum: float = 1e9
    integer: bool = False

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        valid = isinstance(value, int) if self.integer else isinstance(value, (int, float))
        if isinstance(value, bool) or not valid:
            kind = "a whole number" if self.integer else "a number"
            return ctx.wrong_type(at, self.name, kind, self.example, value)
        if not self.minimum <= value <= self.maximum:
            return ctx.error(at, f"'{self.name}' must be between {self.minimum:g} and {self.maximum:g}, not {value}")
        return value

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "integer" if self.integer else "number", "minimum": self.minimum, "maximum": self.maximum}


@dataclass
class TermRef(Field):
    """An id from a vocabulary of taxonomy.yml; a former id (alias) is accepted with a warning."""

    vocabulary: str = ""

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        vocabulary = ctx.taxonomy[self.vocabulary]
        spec = spec_of(self.vocabulary)
        where = (f"the '{self.vocabulary}' list of taxonomy.yml" if spec.records is None else
                 f"content/{spec.records}/ (or the '{self.vocabulary}' list of taxonomy.yml)")
        choices = (f"write one of: {', '.join(sorted(vocabulary.terms))}" if 0 < len(vocabulary) <= 8
                   else f"write an id from {where}")
        if self.left_as_placeholder(value, at, ctx, choices):
            return INVALID
        numeric = spec.numeric_ids
        if isinstance(value, int) and not isinstance(value, bool) and numeric:
            value = str(value)
        if not isinstance(value, str):
            return ctx.wrong_type(at, self.name, f"an id from '{self.vocabulary}'", self.example, value)
        current = vocabulary.resolve(value)
        if current is None:
            hint = f"; {spec.unknown_hint}" if spec.unknown_hint else term_suggestion(value, vocabulary, spec.singular)
            if spec.records is not None:
                return ctx.error(at, f"there is no {spec.singular} '{value}' (no file content/{spec.records}/{value}.md)"
                                     + (hint if len(vocabulary) else f"; create that file, or remove '{self.name}'"))
            return ctx.error(at, f"'{value}' is not in {where}{hint}")
        if current != value:
            ctx.warning(at, f"'{value}' is a former id in '{self.vocabulary}'; write '{current}' instead")
        return int(current) if numeric else current

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        vocabulary = taxonomy[self.vocabulary]
        if spec_of(self.vocabulary).numeric_ids:
            return {"type": "integer", "enum": sorted(int(goal) for goal in vocabulary.terms)}
        return {"enum": sorted(vocabulary.terms) + sorted(vocabulary.aliases)}


@dataclass
class Reference(Field):
    """The id of another file: a partner or a case study."""

    kind: str = "partner"
    names_a_partner_file: bool = False  # a new partner is named here first: say how to create its file

    def known(self, ctx: Checker) -> set[str] | None:
        return ctx.partner_ids if self.kind == "partner" else ctx.slugs

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        if not isinstance(value, str):
            return ctx.wrong_type(at, self.name, f"the id of a {self.kind}", self.example, value)
        folder = "content/partners" if self.kind == "partner" else "content/case-studies"
        if self.left_as_placeholder(value, at, ctx, f"write the id of a {self.kind}: the name of its file "
                                                    f"in {folder}/, without .md"):
            return INVALID
        known = self.known(ctx)
        if known is not None and value not in known:
            if self.kind != "partner":
                return ctx.error(at, f"there is no {self.kind} '{value}' (no file {folder}/{value}.md)"
                                     + suggest(value, sorted(known)))
            names = {partner_id: ctx.partner_names.get(partner_id, "") for partner_id in known}
            hint = partner_suggestion(value, names)
            if self.names_a_partner_file and not hint.startswith("; did you mean"):
                hint += "; if it is a new partner, create its file: hub new partner --name \"Its full name\" --country XX"
            return ctx.error(at, f"there is no partner '{value}' (no file {folder}/{value}.md){hint}")
        return value

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN.pattern}


@dataclass
class ListOf(Field):
    item: Field = field(default_factory=lambda: Text("item"))
    min_items: int = 0
    unique: bool = True

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        if value is None and not self.required:
            return []
        if not isinstance(value, list):
            return ctx.wrong_type(at, self.name, "a list", self.example, value)
        if len(value) < self.min_items:
            return ctx.error(at, f"'{self.name}' needs at least {self.min_items} item{'s' * (self.min_items > 1)}; "
                                 f"for example: {self.example}")
        items, seen, valid = [], set(), True
        for index, raw in enumerate(value):
            checked = self.item.check(raw, at + (index,), ctx)
            if checked is INVALID:
                valid = False
                continue
            key = repr(checked)
            if self.unique and key in seen:
                ctx.warning(at + (index,), f"'{raw}' is listed twice in '{self.name}'; remove one")
                continue
            seen.add(key)
            items.append(checked)
        # One bad item makes the list invalid: keeping the others would let
        # rules that read the list report the same mistake again.
        return items if valid else INVALID

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(taxonomy)}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


@dataclass
class Record(Field):
    """A group of named fields (a partner entry, a source, the whole front matter)."""

    fields: Sequence[Field] = ()
    build: Callable[..., Any] | None = None

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        if not isinstance(value, dict):
            return ctx.wrong_type(at, self.name, "a group of fields", self.example, value)
        by_name = {f.name: f for f in self.fields}
        result: dict[str, Any] = {}
        valid = True
        for key in value:
            if key not in by_name:
                where = f" in '{self.name}'" if at else ""
                ctx.error(at + (key,), f"unknown field '{key}'{where}" +
                          (suggest(key, list(by_name)) or "; the fields are: " + ", ".join(by_name)))
                valid = False
        for spec in self.fields:
            if spec.name not in value or value[spec.name] is None:
                if spec.required:
                    where = f" in this entry of '{self.name}'" if at else ""
                    hint = f"; for example: {spec.example}" if spec.example else ""
                    ctx.error(at + (spec.name,) if spec.name in value else at,
                              f"'{spec.name}' is required{where} but missing{hint}")
                    valid = False
                continue
            checked = spec.check(value[spec.name], at + (spec.name,), ctx)
            if checked is INVALID:
                valid = False
            else:
                result[spec.name] = checked
        if not valid:
            return INVALID
        return self.build(**result) if self.build else result

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {f.name: f.schema_with_help(taxonomy) for f in self.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if f.required]
        if required:
            schema["required"] = required
        return schema


def parse_partial_date(value: Any) -> PartialDate | None:
    """2008, '2008-03', '2008-03-15', 'about 2012', 'by 2010' or 'before 2013'; None when not a real date."""
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value) if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    words = value.strip().split(None, 1)
    qualifier: Qualifier = next((q for q in QUALIFIERS if len(words) == 2 and words[0].lower() == q), "")
    match = _DATE_TEXT.match(words[1] if qualifier else value.strip())
    if not match:
        return None
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return PartialDate(year, month, day, qualifier)


@dataclass
class DateField(Field):
    when: str = "it started"

    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        owner = "period" if "period" in at else self.name  # the field to remove when nobody knows
        if self.left_as_placeholder(value, at, ctx, f"write the year {self.when} (2008) or its year and month "
                                                    f"(2008-03); if nobody knows, remove '{owner}'"):
            return INVALID
        date = parse_partial_date(value)
        if date is None:
            shown = ctx.document.plain.get(at, value)
            return ctx.error(at, f"'{shown}' is not a date this hub understands; write a year (2008), "
                                 f"a year and month (2008-03) or a full date (2008-03-15) that exists, and "
                                 f"when the source is not sure: about 2012, by 2010 (it existed then) or before 2013")
        if date.sort_key > (ctx.today.year, ctx.today.month, ctx.today.day):
            if owner != "period":  # a source's date, a review's, a milestone's: they are past by nature
                return ctx.error(at, f"{date} is in the future; write the date {self.when}, which cannot be "
                                     "later than today")
            return ctx.error(at, f"{date} is in the future; a period records what happened, "
                                 f"use 'status: planned' and the year it starts")
        return date

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"anyOf": [{"type": "integer", "minimum": 1000, "maximum": 9999},
                          {"type": "string", "pattern": r"^((about|by|before) )?\d{4}(-\d{2}(-\d{2})?)?$"}]}


@dataclass
class PeriodField(Record):
    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        if isinstance(value, (int, str)) and not isinstance(value, bool):
            return ctx.error(at, f"'period' needs a start and, when it is over, an end; "
                                 f"for example: period: {{start: {value}, end: ...}}")
        checked = super().check(value, at, ctx)
        if checked is INVALID:
            return INVALID
        period = Period(checked["start"], checked.get("end"))
        if period.end and period.end.latest_key < period.start.sort_key:
            return ctx.error(at + ("end",), f"the period ends ({period.end}) before it starts ({period.start}); "
                                            "swap them or correct the year")
        return period


@dataclass
class CountryField(Field):
    def check(self, value: Any, at: YamlPath, ctx: Checker) -> Any:
        plain = ctx.document.plain.get(at)
        if isinstance(value, bool) and plain:
            return ctx.error(at, f"YAML read {plain} as a yes/no value, not a country code; "
                                 f"put it in quotes: country: \"{plain}\"")
        if not isinstance(value, str):
            return ctx.wrong_type(at, self.name, "a two-letter country code", self.example, value)
        codes = country_codes()
        code = value.strip().upper()
        if code not in codes:
            by_name = {name.lower(): alpha for alpha, name in codes.items()}
            if value.strip().lower() in by_name:
                return ctx.error(at, f"write the ISO 3166 code, not the name: country: \"{by_name[value.strip().lower()]}\"")
            return ctx.error(at, f"'{value}' is not an ISO 3166-1 alpha-2 country code (like \"MW\" for Malawi)"
                                 + suggest(code, sorted(codes)))
        if code != value:
            ctx.warning(at, f"write country codes in capitals: \"{code}\"")
        return code

    def json_schema(self, taxonomy: Taxonomy) -> dict[str, Any]:
        return {"enum": sorted(country_codes())}


def _record(name: str, fields: Sequence[Field], model: Callable[..., Any] | None = None, **kwargs: Any) -> Record:
    return Record(name, fields=fields, build=model, **kwargs)


url_field = lambda name, **kw: Pattern(name, pattern=URL_PATTERN, what="a web address starting with https://",  # noqa: E731
                                      example="https://www.example.org", **kw)

def source_id(name: str, what: str) -> Field:
    """A field naming one of the case study's sources by id (checked against them in ``rules``)."""
    return Pattern(name, pattern=ID_PATTERN, what="the id of one of this case study's sources",
                   example=f"{name}: thorpe-2010", help=f"{what}: the id of one of the sources.")


def notes_field(facts: Sequence[str]) -> Field:
    return ListOf("notes", help="An editor's correction, conflict between sources or uncertainty, shown with the fact.",
                  example="notes: [{about: country, kind: correction, text: ...}]",
                  item=_record("notes", [
                      Pattern("about", required=True, choices=tuple(facts), what="field a note can be about",
                              example="about: period"),
                      Pattern("kind", required=True, choices=NOTE_KINDS, what="kind of note", example="kind: correction"),
                      Text("text", required=True, max_length=500,
                           example="text: The source places Mzuzu in South Africa; Mzuzu is in Malawi."),
                      source_id("source", "Which source the note is about"),
                  ], EditorialNote, example="- {about: country, kind: correction, text: ...}"))


def _relation(**checked: Any) -> Relation:
    return Relation(giver=checked["from"], receiver=checked["to"], kind=checked["kind"],
                    direction_known=checked.get("direction", "known") == "known")


def _source(**checked: Any) -> Source:
    return Source(**{**checked, "authors": tuple(checked.get("authors") or ())})


def sources_field(*, required: bool) -> Field:
    """Where the facts come from: the same records for a case study and a programme."""
    return ListOf("sources", required=required, min_items=1 if required else 0, help="Where the facts come from.",
                  example="sources: [{title: A very civil partnership, publisher: UCLG, year: 2010}]",
                  item=_record("sources", [
                      Text("title", required=True, max_length=300, example="title: A very civil partnership"),
                      url_field("url"),
                      Text("publisher", max_length=200),
                      Number("year", integer=True, minimum=1900, maximum=2100, example="year: 2010"),
                      Pattern("id", pattern=ID_PATTERN, what="lower-case words and digits joined by hyphens",
                              example="id: thorpe-2010", help="What the narrative cites: [@thorpe-2010]."),
                      ListOf("authors", item=Text("authors", max_length=200), example="authors: [William Thorpe]"),
                      DateField("date", example="date: 2012-05", when="it was published"),
                      Pattern("kind", choices=SOURCE_KINDS, what="kind of source", example="kind: study"),
                  ], _source, example="- {title: A very civil partnership}"))


CASE_STUDY_FIELDS: list[Field] = [
    Text("title", required=True, max_length=120, help="The name of the practice, at most 120 characters.",
         example="title: Johannesburg mentors Lilongwe on its City Development Strategy"),
    Text("summary", required=True, max_length=300, help="One or two sentences for cards and search results.",
         example="summary: What was done, by whom, with what result."),
    ListOf("partners", required=True, min_items=1, help="Who took part, and in which role.",
           example="partners: [{id: johannesburg, role: mentor}]",
           item=_record("partners", [
               Reference("id", required=True, kind="partner", example="id: johannesburg", names_a_partner_file=True),
               TermRef("role", required=True, vocabulary="roles", example="role: mentor"),
           ], PartnerRef, example="- {id: johannesburg, role: mentor}")),
    ListOf("themes", required=True, min_items=1, item=TermRef("themes", vocabulary="themes", example="themes: [governance]"),
           help="Themes from taxonomy.yml.", example="themes: [strategic-planning]"),
    ListOf("modalities", required=True, min_items=1,
           item=TermRef("modalities", vocabulary="modalities", example="modalities: [mentoring]"),
           help="How the partners cooperated.", example="modalities: [mentoring, south-south]"),
    TermRef("programme", vocabulary="programmes", help="The programme that framed the cooperation.",
            example="programme: uclg-mentoring"),
    ListOf("sdgs", item=TermRef("sdgs", vocabulary="sdgs", example="sdgs: [11, 16]"),
           help="Sustainable Development Goals, numbers 1 to 17.", example="sdgs: [11, 16]"),
    PeriodField("period", help="When it happened: start (year or year-month) and, when over, end.",
                example="period: {start: 2008, end: 2010}", fields=[
                    DateField("start", required=True, example="start: 2008"),
                    DateField("end", example="end: 2010", when="it ended"),
                ]),
    TermRef("status", required=True, vocabulary="status", help="planned, ongoing, completed or discontinued.",
            example="status: completed"),
    Pattern("language", choices=language_codes, names=language_names, code_kind="ISO 639-1 code",
            what="language code", help="ISO 639-1 language of the text (default en).",
            example="language: en"),
    ListOf("outcomes", help="What each side gained; beneficiary is a partner id of this case study.",
           example="outcomes: [{text: ..., beneficiary: lilongwe}]",
           item=_record("outcomes", [
               Text("text", required=True, max_length=1000, example="text: A debt-recovery strategy was adopted"),
               Reference("beneficiary", required=True, kind="partner", example="beneficiary: lilongwe"),
               Text("group", max_length=100, example="group: staff",
                    help="Who within the partner gained: its staff, its residents."),
               Pattern("standing", choices=OUTCOME_STANDINGS, what="standing of an outcome",
                       example="standing: planned", help="planned (an aim), reported (the default) or evaluated."),
               source_id("reported_by", "Which source reports it"),
           ], Outcome, example="- {text: ..., beneficiary: lilongwe}")),
    ListOf("lessons", item=Text("lessons", max_length=1000), help="Lessons for others, one per item.",
           example="lessons: [Agree first on what mentoring means]"),
    ListOf("related", item=Reference("related", kind="case study", example="related: [durban-mzuzu]"),
           help="Slugs of related case studies.", example="related: [durban-mzuzu]"),
    sources_field(required=True),
    ListOf("contacts", help="Who to ask; only public, professional contacts.",
           example="contacts: [{partner: johannesburg, url: https://...}]",
           item=_record("contacts", [
               Reference("partner", required=True, kind="partner", example="partner: johannesburg"),
               Text("name", max_length=200),
               Pattern("email", pattern=EMAIL_PATTERN, what="an e-mail address", example="email: office@example.org"),
               url_field("url"),
           ], Contact, example="- {partner: johannesburg, url: https://...}")),
    Pattern("licence", choices=LICENCES, what="licence (SPDX id)", help="Licence of the text (default CC-BY-4.0).",
            example="licence: CC-BY-4.0"),
    ListOf("timeline", help="Dated steps of the partnership: a pilot, a partner joining or leaving, a phase.",
           example="timeline: [{date: 2006, text: Lugazi joins}]",
           item=_record("timeline", [
               DateField("date", required=True, example="date: 2006", when="it happened"),
               Text("text", required=True, max_length=300, example="text: Lugazi joins the partnership"),
               source_id("source", "Which source dates it"),
           ], Milestone, example="- {date: 2006, text: Lugazi joins the partnership}")),
    ListOf("relations", help="Who mentors, funds or facilitates whom, between partners of this case study.",
           example="relations: [{from: mukono, to: lugazi, kind: mentors}]",
           item=_record("relations", [
               Reference("from", required=True, kind="partner", example="from: mukono"),
               Reference("to", required=True, kind="partner", example="to: lugazi"),
               Pattern("kind", required=True, choices=RELATION_KINDS, what="kind of relation", example="kind: mentors"),
               Pattern("direction", choices=("known", "unknown"), what="direction",
                       example="direction: unknown", help="unknown: the source does not say who led."),
           ], _relation, example="- {from: mukono, to: lugazi, kind: mentors}")),
    notes_field(("title", "summary", "partners", "period", "status", "programme", "themes", "modalities",
                 "countries", "sdgs", "outcomes", "lessons", "relations", "timeline", "sources")),
    _record("review", [
        TermRef("state", required=True, vocabulary="standing", example="state: reviewed"),
        Text("by", max_length=200, example="by: the hub's editors"),
        DateField("date", example="date: 2026-11", when="it was reviewed"),
    ], Review, help="How far the case study has been checked: submitted, reviewed or verified.",
        example="review: {state: reviewed, by: the hub's editors, date: 2026-11}"),
    Pattern("evidence", choices=EVIDENCE_KINDS, what="kind of evidence", example="evidence: study",
            help="What the facts rest on: self-reported, evaluation or study."),
    _record("derived_from", [
        Reference("case_study", required=True, kind="case study", example="case_study: johannesburg-lilongwe-cds"),
        Text("changes", max_length=1000, example="changes: Adapted to a smaller town council"),
    ], Transfer, help="The case study this practice was adapted from, and what was changed.",
        example="derived_from: {case_study: johannesburg-lilongwe-cds, changes: ...}"),
    ListOf("success_factors", item=Text("success_factors", max_length=1000), help="What made it work.",
           example="success_factors: [Political backing from both mayors]"),
    ListOf("limiting_factors", item=Text("limiting_factors", max_length=1000), help="What held it back.",
           example="limiting_factors: [Staff turnover in the mentee city]"),
]

PARTNER_FIELDS: list[Field] = [
    Text("name", required=True, max_length=200, help="The partner's name as it is usually written.",
         example="name: City of Johannesburg"),
    TermRef("kind", required=True, vocabulary="partner_kinds", help="What kind of organisation it is.",
            example="kind: city"),
    CountryField("country", required=True, help="ISO 3166-1 alpha-2 code, in quotes.", example='country: "ZA"'),
    _record("location", [
        Number("lat", required=True, minimum=-90, maximum=90, example="lat: -13.96"),
        Number("lon", required=True, minimum=-180, maximum=180, example="lon: 33.79"),
    ], Location, help="Approximate position, for maps.", example="location: {lat: -13.96, lon: 33.79}"),
    url_field("website", help="The partner's official website."),
    notes_field(("name", "kind", "country", "location", "website")),
]


PROGRAMME_FIELDS: list[Field] = [
    Text("name", required=True, max_length=200, help="The programme's name as its owner writes it.",
         example="name: KS Municipal International Cooperation (MIC) programme"),
    Text("summary", required=True, max_length=300, help="One or two sentences for lists and search results.",
         example="summary: Partnerships between Norwegian municipalities and municipalities in the South."),
    Reference("owner", kind="partner", help="The partner that runs the programme.", example="owner: ks",
              names_a_partner_file=True),
    ListOf("funders", item=Reference("funders", kind="partner", example="funders: [norad]", names_a_partner_file=True),
           help="Partners that fund the programme (not necessarily each of its partnerships).",
           example="funders: [norad]"),
    PeriodField("period", help="When it ran: start and, when over, end.", example="period: {start: 1999}", fields=[
        DateField("start", required=True, example="start: 1999"),
        DateField("end", example="end: 2013", when="it ended"),
    ]),
    url_field("website", help="The programme's own page."),
    ListOf("aliases", item=Pattern("aliases", pattern=ID_PATTERN, what="lower-case words and digits joined by hyphens",
                                   example="aliases: [ks-municipal]"),
           help="Former ids, still accepted in a case study's 'programme'.", example="aliases: [old-id]"),
    sources_field(required=False),
    notes_field(("name", "summary", "owner", "funders", "period", "website", "sources")),
]


CASE_STUDY = Record("front matter", fields=CASE_STUDY_FIELDS)
PARTNER = Record("front matter", fields=PARTNER_FIELDS)
PROGRAMME = Record("front matter", fields=PROGRAMME_FIELDS)


def json_schema(taxonomy: Taxonomy) -> dict[str, Any]:
    """The case-study front matter as JSON Schema, from the rules ``hub check`` applies."""
    schema = CASE_STUDY.json_schema(taxonomy)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Case study front matter",
        "description": "Front matter of a case study in content/case-studies/<slug>.md",
        **schema,
    }
