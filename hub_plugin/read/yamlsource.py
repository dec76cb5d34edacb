"""YAML read for people: values with their line numbers, and YAML's traps explained.

PyYAML turns a document into plain values and forgets where each came
from; contributors need ``path:line:col``. We build the values from the
parser's events ourselves, remembering the position of every key and
item, refusing aliases (so a "billion laughs" costs nothing) and
refusing deep nesting before it is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from .diagnostics import ContentError, Diagnostic

YamlPath = tuple[str | int, ...]
# A parser event: PyYAML's types say an event may lack its marks, but every one the parser gives has them.
ParserEvent = Any

MAX_DEPTH = 24
MAX_NODES = 50_000

# libyaml's parser is about ten times faster and gives the same events and marks.
_PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_CONSTRUCTED_TAGS = {_TAG + name for name in ("int", "float", "bool", "null")}


@dataclass(frozen=True)
class Mark:
    line: int
    col: int


@dataclass
class YamlDocument:
    """Plain values plus where each key and list item was written."""

    data: Any
    marks: dict[YamlPath, Mark] = field(default_factory=dict)
    # Source text of unquoted scalars that YAML did not read as text
    # (``NO`` read as false, ``1.10`` as a number), to suggest quotes.
    plain: dict[YamlPath, str] = field(default_factory=dict)
    start: Mark = Mark(1, 1)

    def mark(self, path: YamlPath) -> Mark:
        """Position of ``path``, or of its closest written ancestor."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.start


def parse_yaml(text: str, display_path: str, first_line: int = 1) -> YamlDocument:
    """Parse ``text`` whose first line is line ``first_line`` of ``display_path``.

    Raises ContentError with a diagnostic that explains the fix.
    """
    offset = first_line - 1

    def fail(line: int, col: int, message: str) -> ContentError:
        return ContentError(Diagnostic(display_path, line + offset, col, "error", message))

    try:
        return _build(text, fail, offset, first_line, _PARSER)
    except yaml.YAMLError:
        if _PARSER is yaml.SafeLoader:
            raise fail(1, 1, "this is not valid YAML; check quotes and indentation") from None
    # libyaml's messages are terser than PyYAML's, which explain_yaml_error
    # knows: parse a broken file again, slowly, for a better message.
    try:
        return _build(text, fail, offset, first_line, yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        opened = _unclosed_quote(text, exc)
        if opened is not None:
            raise fail(opened[0], opened[1], "a quoted value is never closed; add the closing quote") from None
        continued = _continued_field(exc, text)
        if continued is not None:
            raise fail(*continued) from None
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(line, col, explain_yaml_error(exc, text, mark.line if mark else 0)) from None
    except yaml.YAMLError as exc:
        raise fail(1, 1, f"this is not valid YAML ({exc}); check quotes and indentation") from None


def _unclosed_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[int, int] | None:
    """Where a quote opened that YAML read past the end of its line: the line to fix.

    A value like `title: "Bikes for all` runs on into the next lines until some
    other quote; YAML then complains far below. The first line whose quotes
    do not pair up is where the mistake is.
    """
    mark = exc.problem_mark
    if mark is None:
        return None
    for index, line in enumerate(text.split("\n")[: mark.line + 1]):
        _, separator, value = line.partition(": ")
        value = value.strip() if separator else line.strip().removeprefix("- ").strip()
        for quote in ('"', "'"):
            if value.startswith(quote) and (len(value) == 1 or not value.rstrip().endswith(quote)) \
                    and value.count(quote) % 2 == 1 and index < mark.line:
                return index + 1, line.index(quote) + 1
    return None


def _build(text: str, fail, offset: int, first_line: int, loader: type) -> YamlDocument:
    document = YamlDocument(data=None, start=Mark(first_line, 1))
    builder = _Builder(document, fail, offset, text)
    feed = builder.feed
    events = loader(text)
    try:  # yaml.parse's loop, without a generator and a check_event call per event
        get_event = events.get_event
        while True:
            event = get_event()
            if event is None or type(event) is yaml.StreamEndEvent:
                break
            feed(event)
    finally:
        events.dispose()
    return document


class _Builder:
    """Values from YAML's flat event stream, with an explicit stack.

    Events never recurse, so a file nested ten thousand levels deep is
    refused at level ``MAX_DEPTH`` instead of overflowing the stack, and an
    alias is refused where it appears instead of being expanded.
    """

    def __init__(self, document: YamlDocument, fail, offset: int, text: str = ""):
        self.document = document
        self.fail = fail
        self.offset = offset
        self.text = text
        self.lines: list[str] = text.split("\n") if "#" in text else []  # only comments are looked for in them
        self.constructor = SafeConstructor()
        self.count = 0
        self.documents = 0
        # Each open collection: [value, path, pending mapping key or None]
        self.stack: list[list[Any]] = []

    def _mark(self, event: ParserEvent) -> Mark:
        return Mark(event.start_mark.line + 1 + self.offset, event.start_mark.column + 1)

    def _error(self, event: ParserEvent, message: str) -> ContentError:
        return self.fail(event.start_mark.line + 1, event.start_mark.column + 1, message)

    def feed(self, event: ParserEvent) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent and event.anchor is None:  # most events: handled first, in short
            self._count(event)
            frame = self.stack[-1] if self.stack else None
            if frame is not None and frame[2] is None and type(frame[0]) is dict:
                self._key(event)
                return
            if not event.style:
                if self.lines:
                    self._refuse_glued_comment(event)
                if event.end_mark.line != event.start_mark.line:
                    self._refuse_joined_lines(event, frame)
            path = self._place(event)
            self._store(self._scalar(event, path), path)
            return
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            container, path, _ = self.stack.pop()
            self._store(container, path)
            return
        self._feed_other(event)

    def _feed_other(self, event: ParserEvent) -> None:
        """Document starts, aliases, anchors and the starts of collections: rare, checked in full."""
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self._error(event, "a line '---' here starts a second YAML document; remove it")
            return
        if isinstance(event, yaml.AliasEvent):
            raise self._error(event, "YAML anchors and aliases are not allowed here: a value starting with '*' "
                                     "is read as an alias; write the value out in full, or put the value in quotes "
                                     "if the '*' is text")
        if getattr(event, "anchor", None) is not None:
            raise self._error(event, "YAML anchors and aliases are not allowed here: a value starting with '&' "
                                     "is read as an anchor name; write the value out in full, and put it in quotes "
                                     "if the '&' is text")
        if (isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent))
                and self.stack and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None):
            raise self._error(event, "a field name must be a plain word, not a list or mapping")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.tag and event.tag not in ("!", _TAG + "map", _TAG + "seq"):
                raise self._error(event, f"YAML tags such as '{event.tag}' are not allowed; "
                                         "remove the tag and write a plain value")
            self._count(event)
            if len(self.stack) >= MAX_DEPTH:
                raise self._error(event, f"the YAML is nested more than {MAX_DEPTH} levels deep; no field needs that many")
            path = self._place(event)
            container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            self.stack.append([container, path, None])
        # Scalars without an anchor and the ends of collections never come here: ``feed`` takes them.

    def _refuse_glued_comment(self, event: ParserEvent) -> None:
        """``title: Bikes #1 plan`` reads as "Bikes": YAML takes " #" for the start of a comment.
        A comment whose '#' touches the next word (``#1``, ``#hashtag``) is almost always
        part of the text, and losing it silently would publish a wrong value."""
        line = self.lines[event.end_mark.line] if event.end_mark.line < len(self.lines) else ""
        rest = line[event.end_mark.column:]
        match = _GLUED_COMMENT.match(rest)
        if match is None:
            return
        whole = f"{event.value} {rest.strip()}".replace('"', '\\"')
        raise self.fail(event.end_mark.line + 1, event.end_mark.column + match.start(1) + 1,
                        f"YAML reads '{match.group(1)}' and the rest of the line as a comment, and leaves them "
                        f"out of the value; if they are part of the text, put the whole value in quotes: \"{whole}\"")

    def _refuse_joined_lines(self, event: ParserEvent, frame: list[Any] | None) -> None:
        """A plain text that runs on to a line starting with '- ': YAML joins the lines into one text
        ("First. - Second."), where the contributor meant a new list item, silently."""
        lines = self.all_lines
        for index in range(event.start_mark.line + 1, min(event.end_mark.line + 1, len(lines))):
            line = lines[index]
            stripped = line.lstrip()
            if not stripped.startswith("- "):
                continue
            joined = " ".join(event.value.split())
            if frame is not None and type(frame[0]) is list:
                before = lines[event.start_mark.line][:event.start_mark.column].rstrip()
                where = f"column {len(before)}, " if before.endswith("-") else ""
                message = (f"YAML reads this '- ' line as more of the text of the item above (\"{joined}\"), "
                           "because it is indented further than that item; to make it an item of its own, start "
                           f"its '-' in {where}the column of the '-' above, or put the whole text in quotes "
                           "if it belongs to it")
            else:
                key = frame[2] if frame is not None and frame[2] is not None else "the field"
                message = (f"YAML reads this '- ' line as more of the text of '{key}' (\"{joined}\"); to start a "
                           f"list, write '{key}:' alone on its line with the items below it, or put the whole text "
                           "in quotes if it belongs to it")
            raise self.fail(index + 1, len(line) - len(stripped) + 1, message)

    @cached_property
    def all_lines(self) -> list[str]:
        return self.lines or self.text.split("\n")

    def _count(self, event: ParserEvent) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise self._error(event, f"the YAML has more than {MAX_NODES} values; no file of the hub needs that many")

    def _place(self, event: ParserEvent) -> YamlPath:
        """The path of the value that starts with ``event``, noting where it was written."""
        if not self.stack:
            return ()
        container, path, key = self.stack[-1]
        if isinstance(container, dict):
            return path + (key,)
        item_path = path + (len(container),)
        self.document.marks[item_path] = self._mark(event)
        return item_path

    def _key(self, event: ParserEvent) -> None:
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        key = event.value
        if event.tag not in (None, "!", _TAG + "str", _TAG + "merge"):
            raise self._error(event, f"YAML tags such as '{event.tag}' are not allowed; remove the tag and write a plain value")
        if event.tag == _TAG + "merge" or (key == "<<" and not event.style):
            raise self._error(event, "YAML merge keys ('<<') are not allowed here; write the fields out in full")
        key_path = path + (key,)
        if key in container:
            first = self.document.marks[key_path]
            raise self._error(event, f"'{key}' is given twice (first on line {first.line}); keep one of them")
        self.document.marks[key_path] = self._mark(event)
        frame[2] = key

    def _store(self, value: Any, path: YamlPath) -> None:
        if not self.stack:
            self.document.data = value
            return
        frame = self.stack[-1]
        if isinstance(frame[0], dict):
            frame[0][frame[2]] = value
            frame[2] = None
        else:
            frame[0].append(value)

    def _scalar(self, event: ParserEvent, path: YamlPath) -> Any:
        try:
            return self._construct(event, path)
        except (ValueError, KeyError, TypeError, yaml.constructor.ConstructorError):
            raise self._error(event, f"YAML cannot read '{event.value[:40]}' as the type it is marked with; "
                                     "put the value in quotes") from None

    def _construct(self, event: ParserEvent, path: YamlPath) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            value = event.value
            tag = _resolve(value, event.implicit) if len(value) <= 64 else _RESOLVER.resolve(ScalarNode, value, event.implicit)
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            # Dates stay text: the fields that hold dates parse them, so that
            # 2024-02-30 gets a message instead of a crash.
            return event.value
        if tag in _CONSTRUCTED_TAGS:
            if not event.style:  # plain, unquoted ('' from libyaml, None from PyYAML)
                self.document.plain[path] = event.value
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style or None)
            return self.constructor.construct_object(node)
        raise self._error(event, f"YAML tags such as '{tag}' are not allowed; remove the tag and write a plain value")


_RESOLVER = yaml.resolver.Resolver()
_GLUED_COMMENT = re.compile(r"[ \t]+(#[^\s#]+)")


@lru_cache(maxsize=4096)
def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML gives an untagged scalar: it depends on the text alone, and the same
    values (theme ids, roles, years) come back in file after file."""
    return _RESOLVER.resolve(ScalarNode, value, implicit)


_FIELD_START = re.compile(r"^(?P<indent> *)(?P<key>[A-Za-z_][\w-]*):(?: |$)")
_TEXT_LINE = re.compile(r"^(?P<indent> *)(?:- +|(?P<key>[A-Za-z_][\w-]*): +)(?P<text>[^\s\[{\"'|>].*)$")


def _continued_field(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, int, str] | None:
    """(line, col, message) for a field written under the text of the line above, indented too far:
    ``summary: Something`` then ``  status: ongoing`` reads as one text until the second colon."""
    mark = exc.problem_mark
    if mark is None or (exc.problem or "").strip() != "mapping values are not allowed here":
        return None
    lines = text.split("\n")
    field = _FIELD_START.match(lines[mark.line]) if mark.line < len(lines) else None
    if field is None or mark.column != field.end("key") or mark.line == 0:
        return None
    above = next((line for line in reversed(lines[:mark.line]) if line.strip()), "")
    holder = _TEXT_LINE.match(above)
    if holder is None or len(field.group("indent")) <= len(holder.group("indent")):
        return None
    key = field.group("key")
    if holder.group("key"):
        where = f"in column {len(holder.group('indent')) + 1}, under '{holder.group('key')}:'"
    else:
        where = "in the column of the field that holds the list above"
    return (mark.line + 1, len(field.group("indent")) + 1,
            f"'{key}:' is indented under the text of the line above, so YAML reads it as more of that text; "
            f"if '{key}' is a field of its own, start it {where}; if the colon belongs to the text, "
            "put the whole text in quotes")


def _flow_colon(source_line: str, column: int) -> str:
    """The fix for a colon inside ``{...}``: the value it cuts, quoted."""
    before = source_line[:column]
    keys = list(re.finditer(r"(?:^|[{,])\s*(?P<key>[A-Za-z_][\w-]*):\s", before))
    if not keys:
        return ("a colon followed by a space inside {...} ends a value early; put each value that holds "
                "a colon in quotes")
    key = keys[-1]
    end = min([index for index in (source_line.find(",", column), source_line.find("}", column)) if index >= 0],
              default=len(source_line))
    value = source_line[key.end():end].strip().replace('"', '\\"')
    return (f"a colon followed by a space inside {{...}} ends the value of '{key.group('key')}' early; "
            f"put that value in quotes: {key.group('key')}: \"{value}\"")


def explain_yaml_error(exc: yaml.MarkedYAMLError, text: str, line_index: int) -> str:
    """Turn PyYAML's parser language into a fix a contributor can apply."""
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    lines = text.splitlines()
    source_line = lines[line_index] if 0 <= line_index < len(lines) else ""
    if "\t" in problem or "'\\t'" in problem or ("\t" in source_line and "cannot start any token" in problem):
        return "a tab character is used for indentation; YAML needs spaces: replace the tab with spaces"
    if problem == "mapping values are not allowed here":
        key, _, value = source_line.strip().partition(":")
        value = value.strip().replace('"', '\\"')
        hint = f': {key.strip()}: "{value}"' if key and value else ""
        return f"a colon followed by a space inside a value ends the text early; put the whole value in quotes{hint}"
    if "while parsing a flow mapping" in context and "but got ':'" in problem and exc.problem_mark is not None:
        return _flow_colon(source_line, exc.problem_mark.column)
    if "while scanning an alias" in context or "while scanning an anchor" in context:
        return "a value cannot start with '*' or '&' in YAML (Markdown emphasis, for example); put the value in quotes"
    if "expected <block end>" in problem and "<scalar>" in problem:
        return ("text goes on after a closing quote or bracket; put the whole value in quotes, "
                "and write a quote inside it as \\\"")
    if "found undefined alias" in problem or "found undefined anchor" in problem:
        return "a '*' at the start of a value is read as a YAML alias; put the value in quotes"
    if "found character '@'" in problem or "found character '`'" in problem:
        return "a value cannot start with '@' or '`' in YAML; put the value in quotes"
    if "expected <block end>" in problem or "expected <block end>" in context:
        return "the indentation does not line up with the lines above; indent items of the same list or mapping equally"
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in context:
        return "a quoted value is never closed; add the closing quote"
    if "could not find expected ':'" in problem:
        return "a line is neither 'field: value' nor a list item; add the missing ':' or quote the text"
    if "did not find expected" in problem:
        return f"the YAML structure is broken here ({problem}); check the indentation, '-' before list items and closing brackets"
    return f"this is not valid YAML ({problem or context}); check quotes and indentation"
