"""YAML read for people: every value keeps its position, YAML's traps are explained.

``parse_yaml`` either returns the values with the line and column of every
key and list item, or raises ContentError carrying ONE diagnostic that
says where the problem is and how to fix it.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from hub_plugin.read.diagnostics import ContentError, Diagnostic
from hub_plugin.read.yamlsource import MAX_DEPTH, Mark, parse_yaml


def error_of(text: str, first_line: int = 1) -> Diagnostic:
    with pytest.raises(ContentError) as caught:
        parse_yaml(text, "content/case-studies/x.md", first_line=first_line)
    diagnostic = caught.value.diagnostic
    assert diagnostic.severity == "error"
    assert diagnostic.path == "content/case-studies/x.md"
    assert "\n" not in str(diagnostic), "a diagnostic is one line"
    return diagnostic


# -- positions -----------------------------------------------------------------------


def test_keys_are_marked_with_their_1_based_line_and_column():
    document = parse_yaml("title: A\nsummary: B\n", "x.md")
    assert document.data == {"title": "A", "summary": "B"}
    assert document.marks[("title",)] == Mark(1, 1)
    assert document.marks[("summary",)] == Mark(2, 1)


def test_list_items_are_marked_where_each_item_starts():
    document = parse_yaml("themes:\n  - governance\n  - health\nsdgs: [11, 16]\n", "x.md")
    assert document.marks[("themes", 0)] == Mark(2, 5)
    assert document.marks[("themes", 1)] == Mark(3, 5)
    assert document.marks[("sdgs", 0)] == Mark(4, 8)
    assert document.marks[("sdgs", 1)] == Mark(4, 12)


def test_keys_inside_list_items_are_marked_too():
    document = parse_yaml("partners:\n  - {id: a, role: mentor}\n  - id: b\n    role: mentee\n", "x.md")
    assert document.marks[("partners", 0, "role")] == Mark(2, 13)
    assert document.marks[("partners", 1, "id")] == Mark(3, 5)
    assert document.marks[("partners", 1, "role")] == Mark(4, 5)


def test_first_line_shifts_every_position_to_the_line_of_the_whole_file():
    # Front matter starts on line 2 of a file, after the opening '---'.
    document = parse_yaml("title: A\npartners:\n  - x\n", "x.md", first_line=2)
    assert document.marks[("title",)] == Mark(2, 1)
    assert document.marks[("partners", 0)] == Mark(4, 5)


def test_first_line_shifts_the_position_of_errors_too():
    assert (error_of("title: A\ntitle: B\n", first_line=2).line) == 3


def test_mark_of_a_path_that_was_not_written_falls_back_to_its_closest_written_parent():
    document = parse_yaml("period: {end: 2010}\n", "x.md", first_line=2)
    assert document.mark(("period", "start")) == Mark(2, 1)
    assert document.mark(("missing",)) == Mark(2, 1)


def test_an_empty_document_has_no_data():
    assert parse_yaml("", "x.md").data is None
    assert parse_yaml("# only a comment\n", "x.md").data is None


# -- keys given twice ----------------------------------------------------------------------


def test_a_key_given_twice_is_an_error_on_the_second_one_naming_the_first_line():
    diagnostic = error_of("title: A\nsummary: B\ntitle: C\n")
    assert (diagnostic.line, diagnostic.col) == (3, 1)
    assert "'title' is given twice (first on line 1)" in diagnostic.message
    assert "keep one" in diagnostic.message


def test_a_key_given_twice_inside_a_list_item_is_found_too():
    diagnostic = error_of("partners:\n  - {id: a, id: b}\n", first_line=2)
    assert diagnostic.line == 3
    assert "'id' is given twice (first on line 3)" in diagnostic.message


# -- anchors, aliases, merge keys ----------------------------------------------------------


def test_anchors_and_aliases_are_rejected():
    diagnostic = error_of("a: &x text\nb: *x\n")
    assert "anchors and aliases" in diagnostic.message
    assert "write the value out in full" in diagnostic.message


def test_a_billion_laughs_document_is_rejected_without_being_expanded():
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for depth in range(1, 10):
        name, previous = chr(ord("a") + depth), chr(ord("a") + depth - 1)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    started = time.perf_counter()
    diagnostic = error_of("\n".join(lines) + "\n")
    assert time.perf_counter() - started < 1.0
    assert "aliases" in diagnostic.message


def test_merge_keys_are_rejected():
    assert "merge keys" in error_of("base: {a: 1}\nother:\n  <<: {a: 2}\n").message


def test_a_value_starting_with_a_star_is_explained_as_needing_quotes():
    diagnostic = error_of("title: *Bold plans\n")
    assert "put the value in quotes" in diagnostic.message


def test_markdown_emphasis_at_the_start_of_a_value_is_explained_as_needing_quotes():
    assert "put the value in quotes" in error_of("title: *Bold* plans\n").message


def test_an_anchor_is_rejected_even_without_an_alias_so_no_text_is_lost_silently():
    assert "anchors" in error_of("title: &Co plans\n").message


# -- deep nesting ------------------------------------------------------------------------------


def test_nesting_deeper_than_the_limit_is_rejected_at_the_first_level_too_deep():
    text = "a: " + "[" * 40 + "]" * 40 + "\n"
    diagnostic = error_of(text)
    assert f"more than {MAX_DEPTH} levels" in diagnostic.message
    assert diagnostic.line == 1


def test_nesting_of_block_mappings_is_limited_too():
    text = "".join("  " * depth + f"k{depth}:\n" for depth in range(40)) + "  " * 40 + "leaf\n"
    assert "nested" in error_of(text).message


def test_absurdly_deep_nesting_is_a_message_not_a_crash_and_finishes_fast():
    # About what fits in a file of the maximum size. Run in a child process:
    # a parser that recurses in C would take the whole test run down with it.
    script = (
        "from hub_plugin.read.yamlsource import parse_yaml\n"
        "from hub_plugin.read.diagnostics import ContentError\n"
        "depth = 100_000\n"
        "try:\n"
        "    parse_yaml('a: ' + '[' * depth + ']' * depth + '\\n', 'x.md')\n"
        "except ContentError as exc:\n"
        "    print(exc.diagnostic)\n"
    )
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    assert time.perf_counter() - started < 5.0
    assert result.returncode == 0, f"exit status {result.returncode}: {result.stderr[-2000:]}"
    assert result.stderr == ""
    assert "x.md:1:" in result.stdout and "nested" in result.stdout


def test_nesting_within_the_limit_is_fine():
    text = "a: " + "[" * 10 + "x" + "]" * 10 + "\n"
    assert parse_yaml(text, "x.md").data is not None


# -- YAML traps explained ---------------------------------------------------------------------


def test_a_colon_and_space_inside_a_value_asks_to_put_the_whole_value_in_quotes():
    diagnostic = error_of("title: Bikes: a plan\n", first_line=2)
    assert diagnostic.line == 2
    assert "put the whole value in quotes" in diagnostic.message
    assert 'title: "Bikes: a plan"' in diagnostic.message


def test_tab_indentation_is_explained_as_needing_spaces():
    diagnostic = error_of("partners:\n\t- {id: a, role: mentor}\n")
    assert diagnostic.line == 2
    assert "tab" in diagnostic.message
    assert "spaces" in diagnostic.message


def test_a_tab_before_a_key_is_explained_too():
    message = error_of("title: A\n\tsummary: B\n").message
    assert "tab" in message and "spaces" in message


def test_an_unclosed_quote_asks_for_the_closing_quote():
    assert "closing quote" in error_of('title: "Bikes\nsummary: x\n').message


def test_a_value_starting_with_an_at_sign_asks_for_quotes():
    assert "quotes" in error_of("contact: @someone\n").message


@pytest.mark.parametrize("text", ['title: "Bikes" for all\n', "title: [Draft] Bikes for all\n"])
def test_text_after_a_closing_quote_or_bracket_asks_to_quote_the_whole_value(text):
    message = error_of(text).message
    assert "quotes" in message
    assert "indent" not in message


def test_misaligned_indentation_is_explained():
    message = error_of("partners:\n  - a\n - b\n").message
    assert "indent" in message


# -- tags ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "a: !!python/object:os.system x\n",
    "a: !!python/name:os.system\n",
    "a: !custom value\n",
    "a: !!binary aGVsbG8=\n",
])
def test_tags_on_values_are_rejected(text):
    diagnostic = error_of(text)
    assert "tags" in diagnostic.message
    assert (diagnostic.line, diagnostic.col) == (1, 4)


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system ['ls']\n",
    "a: !!python/object:os.Popen {args: ls}\n",
    "a: !!set {x, y}\n",
])
def test_tags_on_lists_and_mappings_are_rejected_too(text):
    assert "tags" in error_of(text).message


@pytest.mark.parametrize("text", ["a: !!int abc\n", "a: !!float x\n", "a: !!bool maybe\n"])
def test_an_explicit_type_tag_that_does_not_fit_the_value_is_a_message_not_a_traceback(text):
    error_of(text)


def test_a_number_with_thousands_of_digits_is_a_message_not_a_traceback():
    try:
        document = parse_yaml("title: " + "1" * 5000 + "\n", "x.md")
    except ContentError:
        return
    assert document.data["title"] is not None


# -- scalars: dates stay text, plain scalars remembered -------------------------------------------


def test_dates_are_kept_as_the_text_written():
    document = parse_yaml("start: 2024-01-15\nend: 2024-02\n", "x.md")
    assert document.data == {"start": "2024-01-15", "end": "2024-02"}


def test_an_impossible_date_is_kept_as_text_without_crashing():
    assert parse_yaml("start: 2024-02-30\n", "x.md").data == {"start": "2024-02-30"}


def test_unquoted_no_is_read_as_false_and_its_source_text_is_recorded():
    document = parse_yaml('country: NO\nother: "NO"\n', "x.md")
    assert document.data == {"country": False, "other": "NO"}
    assert document.plain[("country",)] == "NO"
    assert ("other",) not in document.plain


def test_plain_numbers_keep_the_text_that_was_written():
    document = parse_yaml("version: 1.10\nyear: 2010\nempty: ~\nflag: yes\n", "x.md")
    assert document.data == {"version": 1.1, "year": 2010, "empty": None, "flag": True}
    assert document.plain == {("version",): "1.10", ("year",): "2010", ("empty",): "~", ("flag",): "yes"}


def test_plain_scalars_inside_lists_are_recorded_by_their_item_path():
    document = parse_yaml('countries: ["MW", NO]\n', "x.md")
    assert document.plain == {("countries", 1): "NO"}


def test_quoted_values_are_always_text():
    document = parse_yaml("a: 'yes'\nb: \"2010\"\nc: '1.10'\n", "x.md")
    assert document.data == {"a": "yes", "b": "2010", "c": "1.10"}
    assert document.plain == {}


def test_a_second_yaml_document_is_an_error_on_its_separator_line():
    diagnostic = error_of("a: 1\n---\nb: 2\n")
    assert diagnostic.line == 2
    assert "---" in diagnostic.message


def test_tags_on_field_names_are_rejected_too():
    assert "tags" in error_of("!!python/name:os.system : 1\n").message


def test_a_field_name_that_is_a_list_is_rejected():
    assert "field name" in error_of("[a, b]: 1\n").message


def test_a_document_that_is_only_a_list_is_returned_as_a_list():
    # Whether a list is acceptable is for the caller to decide (front matter must be a mapping).
    assert parse_yaml("- a\n- b\n", "x.md").data == ["a", "b"]


# -- a '#' glued to a word, which YAML would drop as a comment ---------------------------

@pytest.mark.parametrize("text, line, col, whole", [
    ("title: Bikes #1 plan\n", 1, 14, '"Bikes #1 plan"'),
    ("lessons:\n  - Keep the #hashtag short\n", 2, 14, '"Keep the #hashtag short"'),
    ('title: Say "hi" #now\n', 1, 17, '"Say \\"hi\\" #now"'),
])
def test_a_hash_glued_to_a_word_after_a_plain_value_is_refused_with_the_quoted_fix(text, line, col, whole):
    with pytest.raises(ContentError) as raised:
        parse_yaml(text, "f.md")
    diagnostic = raised.value.diagnostic
    assert (diagnostic.line, diagnostic.col) == (line, col)
    assert "as a comment" in diagnostic.message and diagnostic.message.endswith(f"put the whole value in quotes: {whole}")


@pytest.mark.parametrize("text, data", [
    ("status: ongoing  # since 2020\n", {"status": "ongoing"}),            # a comment, written as one
    ('title: "Bikes #1 plan"\n', {"title": "Bikes #1 plan"}),              # quoted: the '#' is text
    ("website: https://example.org/page#budget\n", {"website": "https://example.org/page#budget"}),
    ("title: C# for cities\n", {"title": "C# for cities"}),
    ("themes: [a, b] #x\n", {"themes": ["a", "b"]}),                        # after a list, not a value
    ("# a comment line\ntitle: Bikes\n", {"title": "Bikes"}),
])
def test_comments_written_as_comments_and_hashes_inside_text_are_left_alone(text, data):
    assert parse_yaml(text, "f.md").data == data
