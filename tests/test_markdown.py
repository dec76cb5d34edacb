"""Fenced code, as CommonMark reads it, is one rule for every reader of a body: wikilinks, the
personal-data scan and the search index all leave code examples alone, ``` and ~~~ alike."""

from __future__ import annotations

import pytest

from hub_plugin.check.privacy import personal_data
from hub_plugin.derive.wikilinks import find_wikilinks
from hub_plugin.read.markdown import outside_code_blocks, without_code_blocks
from hub_plugin.search.documents import plain_text

BODY = """\
Text with [[alpha]].
~~~yaml
partners: [[beta]] office@example.org
~~~
More text.
````
```
still code [[gamma]]
````
End [[delta]].
"""


def test_lines_inside_fences_of_either_kind_are_left_out():
    kept = [line for _, line in outside_code_blocks(BODY.split("\n"))]
    assert kept == ["Text with [[alpha]].", "More text.", "End [[delta]].", ""]


def test_a_fence_closes_only_on_a_run_of_its_own_character_at_least_as_long():
    lines = ["```", "~~~", "``", "```", "after"]
    assert [line for _, line in outside_code_blocks(lines)] == ["after"]


def test_four_spaces_of_indentation_do_not_open_a_fence():
    assert [line for _, line in outside_code_blocks(["    ```", "text"])] == ["    ```", "text"]


def test_line_numbers_stay_those_of_the_body():
    assert [index for index, _ in outside_code_blocks(BODY.split("\n"))] == [0, 4, 9, 10]


@pytest.mark.parametrize("reader", ["wikilinks", "personal data", "search"])
def test_every_reader_of_bodies_skips_code(reader):
    if reader == "wikilinks":
        assert [link.target for link in find_wikilinks(BODY)] == ["alpha", "delta"]
    elif reader == "personal data":
        assert personal_data(BODY, 1) == []
    else:
        text = plain_text(BODY)
        assert "office" not in text and "gamma" not in text and "delta" in text


def test_a_body_without_fences_is_returned_as_it_is():
    assert without_code_blocks("plain\ntext") == "plain\ntext"
