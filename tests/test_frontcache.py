"""The front matter a build parsed is kept for the next process, and only ever stands for the same text."""

from __future__ import annotations

import pytest

from hub_plugin.build.frontcache import FRONT_MATTER_PACK, StoredFrontMatter
from hub_plugin.read.diagnostics import ContentError
from hub_plugin.read.yamlsource import parse_yaml

FRONT = "title: Alpha mentors Beta\nthemes:\n- municipal-finance\nstart: 2019\n"


def test_a_new_process_finds_what_the_last_parsed_with_its_places(tmp_path):
    first = StoredFrontMatter(tmp_path)
    made = first.parse(FRONT, "content/case-studies/a.md", 2)
    first.save()
    again = StoredFrontMatter(tmp_path)
    found = again.parse(FRONT, "content/case-studies/a.md", 2)
    assert again.reused == 1
    assert found.data == made.data == parse_yaml(FRONT, "content/case-studies/a.md", 2).data
    assert found.mark(("themes", 0)) == made.mark(("themes", 0))  # the line an error would point at


def test_other_text_or_another_file_is_parsed_anew(tmp_path):
    first = StoredFrontMatter(tmp_path)
    first.parse(FRONT, "content/case-studies/a.md", 2)
    first.save()
    again = StoredFrontMatter(tmp_path)
    assert again.parse(FRONT.replace("2019", "2020"), "content/case-studies/a.md", 2).data["start"] == 2020
    assert again.parse(FRONT, "content/case-studies/b.md", 2).data["start"] == 2019
    assert again.reused == 0


def test_front_matter_that_does_not_parse_is_never_kept(tmp_path):
    stored = StoredFrontMatter(tmp_path)
    with pytest.raises(ContentError):
        stored.parse("title: [unclosed\n", "content/case-studies/a.md", 2)
    stored.save()
    assert StoredFrontMatter(tmp_path).stored == {}


def test_a_pack_of_garbage_is_parsing_from_scratch(tmp_path):
    (tmp_path / FRONT_MATTER_PACK).write_bytes(b"garbage" * 100)
    stored = StoredFrontMatter(tmp_path)
    assert stored.parse(FRONT, "content/case-studies/a.md", 2).data["title"] == "Alpha mentors Beta"
