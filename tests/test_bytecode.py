"""Compiled templates kept on disk: a new process compiles none of the templates the last one compiled,
unless the template, the environment's syntax or the hub changed; a damaged pack only costs the compiling."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader

from hub_plugin.hosts.mkdocs.bytecode import TEMPLATES_PACK, MemoryBytecodeCache


def render(templates: Path, cache_dir: Path, **options) -> tuple[str, bool]:
    """A new process's rendering of page.html: its output, and whether it compiled anything."""
    cache = MemoryBytecodeCache()
    cache.load(cache_dir)
    env = Environment(loader=FileSystemLoader(templates), bytecode_cache=cache, **options)
    output = env.get_template("page.html").render(name="Lilongwe")
    compiled = cache._added
    cache.save(cache_dir)
    return output, compiled


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    return folder


def test_a_second_process_compiles_nothing(templates, tmp_path):
    assert render(templates, tmp_path / "cache") == ("<p>Lilongwe</p>", True)
    assert (tmp_path / "cache" / TEMPLATES_PACK).is_file()
    assert render(templates, tmp_path / "cache") == ("<p>Lilongwe</p>", False)


def test_an_edited_template_is_compiled_again(templates, tmp_path):
    render(templates, tmp_path / "cache")
    (templates / "page.html").write_text("<h1>{{ name }}</h1>", encoding="utf-8")
    assert render(templates, tmp_path / "cache") == ("<h1>Lilongwe</h1>", True)


def test_another_syntax_is_compiled_again(templates, tmp_path):
    render(templates, tmp_path / "cache")
    (templates / "page.html").write_text("<p>{{ name }}</p>\n", encoding="utf-8")
    render(templates, tmp_path / "cache")
    output, compiled = render(templates, tmp_path / "cache", keep_trailing_newline=True)
    assert (output, compiled) == ("<p>Lilongwe</p>\n", True)


@pytest.mark.parametrize("damage", [b"", b"garbage", None])
def test_a_damaged_pack_costs_only_the_compiling(templates, tmp_path, capfd, damage):
    render(templates, tmp_path / "cache")
    pack = tmp_path / "cache" / TEMPLATES_PACK
    data = pack.read_bytes()
    pack.write_bytes(damage if damage is not None else data[: len(data) - 7])
    assert render(templates, tmp_path / "cache") == ("<p>Lilongwe</p>", True)
    assert "could not be used" in capfd.readouterr().err
    assert render(templates, tmp_path / "cache") == ("<p>Lilongwe</p>", False)
