"""Reading one content file: everything wrong before the fields are looked at.

Size, encoding, binary content and the '---' fences are checked by
``read_source``; each problem is ONE diagnostic with the line it is on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hub_plugin.read.diagnostics import ContentError, Diagnostic
from hub_plugin.read.source import MAX_FILE_BYTES, read_source

DISPLAY = "content/case-studies/x.md"


def read(tmp_path: Path, data: bytes):
    path = tmp_path / "x.md"
    path.write_bytes(data)
    return read_source(path, DISPLAY)


def error_of(tmp_path: Path, data: bytes) -> Diagnostic:
    with pytest.raises(ContentError) as caught:
        read(tmp_path, data)
    diagnostic = caught.value.diagnostic
    assert diagnostic.path == DISPLAY
    assert diagnostic.severity == "error"
    assert "\n" not in str(diagnostic)
    return diagnostic


def test_a_valid_file_gives_front_matter_values_and_the_body(tmp_path):
    source = read(tmp_path, b"---\ntitle: A\nsummary: B\n---\n## Context\n\nText.\n")
    assert source.front.data == {"title": "A", "summary": "B"}
    assert source.body == "## Context\n\nText.\n"
    assert source.body_line == 5
    assert source.display_path == DISPLAY


def test_front_matter_positions_are_lines_of_the_whole_file(tmp_path):
    source = read(tmp_path, b"---\ntitle: A\nsummary: B\n---\n")
    assert source.front.marks[("summary",)].line == 3


def test_fences_may_have_trailing_spaces(tmp_path):
    source = read(tmp_path, b"---  \ntitle: A\n--- \nbody\n")
    assert source.front.data == {"title": "A"}
    assert source.body == "body\n"


def test_a_horizontal_rule_in_the_body_is_not_taken_for_a_fence(tmp_path):
    source = read(tmp_path, b"---\ntitle: A\n---\nbefore\n---\nafter\n")
    assert source.body == "before\n---\nafter\n"


# -- empty, fences ----------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"  \n\n\t\n"])
def test_an_empty_file_is_an_error_that_points_to_hub_new(tmp_path, data):
    diagnostic = error_of(tmp_path, data)
    assert (diagnostic.line, diagnostic.col) == (1, 1)
    assert "empty" in diagnostic.message
    assert "hub new" in diagnostic.message


def test_a_file_without_the_opening_fence_is_an_error_on_line_1(tmp_path):
    diagnostic = error_of(tmp_path, b"title: A\nsummary: B\n")
    assert diagnostic.line == 1
    assert "must start with a line '---'" in diagnostic.message


def test_front_matter_that_is_never_closed_is_an_error(tmp_path):
    diagnostic = error_of(tmp_path, b"---\ntitle: A\nsummary: B\n")
    assert diagnostic.line == 1
    assert "never closed" in diagnostic.message
    assert "add a line '---'" in diagnostic.message


def test_empty_front_matter_is_an_error(tmp_path):
    assert "front matter is empty" in error_of(tmp_path, b"---\n---\nbody\n").message


def test_front_matter_that_is_a_list_is_an_error_asking_for_field_lines(tmp_path):
    diagnostic = error_of(tmp_path, b"---\n- title\n- summary\n---\n")
    assert diagnostic.line == 2
    assert "'field: value'" in diagnostic.message


def test_front_matter_that_is_a_single_word_is_an_error_too(tmp_path):
    assert "'field: value'" in error_of(tmp_path, b"---\njust some text\n---\n").message


def test_a_yaml_error_in_front_matter_is_reported_on_its_line_of_the_file(tmp_path):
    diagnostic = error_of(tmp_path, b"---\ntitle: A\ntitle: B\n---\n")
    assert diagnostic.line == 3
    assert "first on line 2" in diagnostic.message


# -- bytes: encoding, binary, size ------------------------------------------------------------


def test_invalid_utf8_is_reported_at_the_line_and_column_of_the_bad_byte(tmp_path):
    diagnostic = error_of(tmp_path, b"---\ntitle: A\nsummary: caf\xe9 au lait\n---\n")
    assert (diagnostic.line, diagnostic.col) == (3, 13)
    assert "UTF-8" in diagnostic.message


def test_latin1_text_in_the_body_is_reported_on_its_line(tmp_path):
    diagnostic = error_of(tmp_path, b"---\ntitle: A\n---\nline 4\nline 5 \xe9t\xe9\n")
    assert diagnostic.line == 5


def test_nul_bytes_are_reported_as_a_binary_file_on_their_line(tmp_path):
    diagnostic = error_of(tmp_path, b"---\ntitle: A\n---\nbody\x00\n")
    assert diagnostic.line == 4
    assert "binary" in diagnostic.message


def test_a_png_saved_as_md_is_a_binary_file_error(tmp_path):
    assert "binary" in error_of(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").message


def test_utf16_text_is_reported_and_not_misread(tmp_path):
    diagnostic = error_of(tmp_path, "---\ntitle: A\n---\n".encode("utf-16"))
    assert "binary" in diagnostic.message or "UTF-8" in diagnostic.message


def test_a_file_over_1_mb_is_rejected_before_it_is_parsed(tmp_path):
    data = b"---\ntitle: A\n---\n" + b"x" * MAX_FILE_BYTES
    diagnostic = error_of(tmp_path, data)
    assert (diagnostic.line, diagnostic.col) == (1, 1)
    assert "MB" in diagnostic.message
    assert "sources" in diagnostic.message


def test_a_file_just_under_the_limit_is_read(tmp_path):
    header = b"---\ntitle: A\n---\n"
    source = read(tmp_path, header + b"x" * (MAX_FILE_BYTES - len(header)))
    assert source.front.data == {"title": "A"}


# -- BOM and line endings ------------------------------------------------------------------


def test_a_byte_order_mark_is_tolerated(tmp_path):
    source = read(tmp_path, b"\xef\xbb\xbf---\ntitle: A\n---\nbody\n")
    assert source.front.data == {"title": "A"}
    assert source.body_line == 4


def test_crlf_line_endings_are_tolerated_and_lines_still_count_right(tmp_path):
    source = read(tmp_path, b"\xef\xbb\xbf---\r\ntitle: A\r\nsummary: B\r\n---\r\nbody\r\nmore\r\n")
    assert source.front.data == {"title": "A", "summary": "B"}
    assert source.front.marks[("summary",)].line == 3
    assert source.body == "body\nmore\n"
    assert source.body_line == 5


def test_old_mac_line_endings_are_tolerated(tmp_path):
    source = read(tmp_path, b"---\rtitle: A\r---\rbody")
    assert source.front.data == {"title": "A"}
    assert source.body_line == 4


def test_errors_in_a_crlf_file_point_at_the_right_line(tmp_path):
    diagnostic = error_of(tmp_path, b"---\r\ntitle: A\r\nsummary: B\r\ntitle: C\r\n---\r\n")
    assert diagnostic.line == 4


def test_a_file_that_cannot_be_read_is_a_diagnostic(tmp_path):
    with pytest.raises(ContentError) as caught:
        read_source(tmp_path / "missing.md", DISPLAY)
    assert "cannot be read" in caught.value.diagnostic.message
