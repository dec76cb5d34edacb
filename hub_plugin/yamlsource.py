"""YAML read for people: values with their line numbers, and YAML's traps explained.

PyYAML turns a document into plain values and forgets where each came
from; contributors need ``path:line:col``. We compose the node tree
(which never expands aliases, so a "billion laughs" costs nothing) and
convert it ourselves, remembering the position of every key and item.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import ContentError, Diagnostic

YamlPath = tuple[str | int, ...]

MAX_DEPTH = 24
MAX_NODES = 50_000

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
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise fail(line, col, explain_yaml_error(exc, text, mark.line if mark else 0)) from None
    except yaml.YAMLError as exc:
        raise fail(1, 1, f"this is not valid YAML ({exc}); check quotes and indentation") from None
    except RecursionError:
        raise fail(1, 1, "the YAML is nested too deeply; no field needs more than a few levels") from None

    document = YamlDocument(data=None, start=Mark(first_line, 1))
    if root is None:
        return document
    converter = _Converter(document, fail, offset)
    document.data = converter.convert(root, ())
    return document


def _mark_of(node: Node, offset: int) -> Mark:
    return Mark(node.start_mark.line + 1 + offset, node.start_mark.column + 1)


class _Converter:
    def __init__(self, document: YamlDocument, fail, offset: int):
        self.document = document
        self.fail = fail
        self.offset = offset
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()

    def convert(self, node: Node, path: YamlPath) -> Any:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        if id(node) in self.seen:
            raise self.fail(line, col, "YAML anchors and aliases ('&name', '*name') are not allowed here; write the value out in full")
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            raise self.fail(line, col, f"the front matter has more than {MAX_NODES} values; a case study needs far fewer")
        if len(path) > MAX_DEPTH:
            raise self.fail(line, col, f"the front matter is nested more than {MAX_DEPTH} levels deep; no field needs that many")
        if isinstance(node, ScalarNode):
            return self.scalar(node, path)
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.document.marks[path + (index,)] = _mark_of(child, self.offset)
                items.append(self.convert(child, path + (index,)))
            return items
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        raise self.fail(line, col, "this kind of YAML value is not supported")

    def mapping(self, node: MappingNode, path: YamlPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_line, key_node.start_mark.column + 1, "a field name must be a plain word, not a list or mapping")
            if key_node.tag == _TAG + "merge":
                raise self.fail(key_line, key_node.start_mark.column + 1, "YAML merge keys ('<<') are not allowed here; write the fields out in full")
            key = key_node.value
            key_path = path + (key,)
            if key in result:
                first = self.document.marks[key_path]
                raise self.fail(key_line, key_node.start_mark.column + 1,
                                f"'{key}' is given twice (first on line {first.line}); keep one of them")
            self.document.marks[key_path] = _mark_of(key_node, self.offset)
            result[key] = self.convert(value_node, key_path)
        return result

    def scalar(self, node: ScalarNode, path: YamlPath) -> Any:
        tag = node.tag
        if tag == _TAG + "str" or tag == _TAG + "timestamp":
            # Dates stay text: the fields that hold dates parse them, so that
            # 2024-02-30 gets a message instead of a crash.
            return node.value
        if tag in _CONSTRUCTED_TAGS:
            if node.style is None:
                self.document.plain[path] = node.value
            return self.constructor.construct_object(node, deep=True)
        raise self.fail(node.start_mark.line + 1, node.start_mark.column + 1,
                        f"YAML tags such as '{tag}' are not allowed; remove the tag and write a plain value")


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
