"""Diagnostics stay one readable line, whatever a contributor wrote."""

from hub_plugin.read.diagnostics import QUOTE_LIMIT, WORD_LIMIT, Diagnostic


def test_a_long_quoted_value_is_cut_with_an_ellipsis():
    value = "x" * 100_000
    diagnostic = Diagnostic("a.md", 3, 5, "error", f"'{value}' is not a known theme; did you mean 'housing'?")
    assert diagnostic.message == f"'{'x' * (QUOTE_LIMIT - 1)}…' is not a known theme; did you mean 'housing'?"
    assert str(diagnostic).startswith("a.md:3:5: error: 'xxx")


def test_a_long_word_outside_quotes_is_cut_too():
    diagnostic = Diagnostic("a.md", 1, 1, "error", f"no file content/partners/{'y' * 5_000}.md")
    assert len(diagnostic.message) < WORD_LIMIT + 40 and diagnostic.message.endswith("…")


def test_short_messages_are_left_as_written():
    message = "'title' must be text, but YAML read yes as a yes/no value; put it in quotes: \"yes\""
    assert Diagnostic("a.md", 2, 1, "error", message).message == message


def test_prose_between_two_short_quoted_values_is_not_taken_for_one_long_value():
    message = ("YAML anchors and aliases are not allowed here: a value starting with '&' is read as an anchor name; "
               "write the value out in full, and put it in quotes if the '&' is text")
    assert Diagnostic("a.md", 1, 1, "error", message).message == message
