"""Paths below a root as text, without pathlib or the file system when the text says enough."""

from pathlib import Path

from hub_plugin.read.pathnames import plainly_below

ROOT = Path("/hub")


def test_a_plain_path_below_the_root_is_cut_to_its_relative_text():
    assert plainly_below(Path("/hub/content/case-studies/a.md"), ROOT) == "content/case-studies/a.md"
    assert plainly_below(Path("/hub/content/.hidden.md"), ROOT) == "content/.hidden.md"


def test_anything_else_is_left_to_the_exact_way():
    assert plainly_below(Path("/hubs/a.md"), ROOT) is None               # a sibling that shares the prefix
    assert plainly_below(Path("/hub/content/../x.md"), ROOT) is None     # needs normalising
    assert plainly_below(Path("content/a.md"), ROOT) is None             # relative
    assert plainly_below(ROOT, ROOT) is None
