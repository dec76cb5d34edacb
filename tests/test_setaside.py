"""Pages' HTML between MkDocs' two passes: the hub's pages leave it in a temporary file, and every plugin
still sees it where MkDocs gives it to them.

MkDocs converts every page's Markdown, then themes every page: meanwhile it
holds all of them (``hosts/mkdocs/setaside.py``). The hub's pages (case
studies, partners, browse pages, in every edition) hand theirs over once every
plugin's ``on_page_content`` has run and get it back before any plugin's
``on_page_context``; a hand-written page keeps its own, for a plugin may read
it in between. Once written, a page keeps only its title, address and anchors.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import mkdocs_build
from helpers import MKDOCS_YML, make_hub

RECORDER = '''
import json
from pathlib import Path

SEEN = {}


def _seen(page):
    return SEEN.setdefault(page.file.src_uri, {})


def on_page_content(html, page, config, files):
    _seen(page)["content"] = len(html)
    return html


def on_env(env, config, files):
    for file in files.documentation_pages():
        if file.page is not None:
            _seen(file.page)["between"] = len(file.page.content or "")
    return env


def on_page_context(context, page, config, nav):
    _seen(page)["context"] = len(page.content or "")
    return context


def on_post_page(output, page, config):
    _seen(page)["output"] = "Alpha" in output
    return output


def on_post_build(config):
    written = {}
    for file in FILES:
        page = file.page
        written[file.src_uri] = {"markdown": len(page.markdown or ""), "content": len(page.content or ""),
                                 "toc": len(list(page.toc)), "meta": sorted(page.meta), "title": page.title}
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps({"seen": SEEN, "written": written}))


FILES = []


def on_nav(nav, config, files):
    FILES[:] = [file for file in files.documentation_pages() if file.page is not None]
    return nav
'''

CASE_STUDY = "case-studies/alpha-beta-mentoring.md"


def record(tmp_path: Path) -> dict:
    root = make_hub(tmp_path / "hub", {"hooks/record.py": RECORDER, "content/about.md": "# About us\n\nWho we are.\n",
                                       "content/notes.md": "# Field notes\n\nFrom a visit.\n",
                                       "mkdocs.yml": MKDOCS_YML + "nav:\n  - Home: index.md\n  - About: about.md\n"
                                                     "hooks:\n  - hooks/record.py\n"})
    mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    return json.loads((root / "seen.json").read_text(encoding="utf-8"))


def test_the_hubs_pages_leave_their_html_aside_between_the_passes_and_every_plugin_still_sees_it(tmp_path):
    seen = record(tmp_path)["seen"]
    case_study = seen[CASE_STUDY]
    assert case_study["content"] > 0 and case_study["between"] == 0  # set aside, after the plugins' on_page_content
    assert case_study["context"] > 0 and case_study["output"]  # given back before theirs on_page_context
    assert seen["partners/alpha-city.md"]["between"] == 0
    hand_written = seen["about.md"]
    assert hand_written["between"] == hand_written["content"] > 0  # kept: a plugin may read it in between


def test_a_written_page_keeps_only_its_title_and_address(tmp_path):
    written = record(tmp_path)["written"]
    case_study = written[CASE_STUDY]
    assert case_study["markdown"] == case_study["content"] == case_study["toc"] == 0
    assert case_study["meta"] == ["title"] and case_study["title"]
    assert written["notes.md"]["title"] == "Field notes"  # from its heading, though its HTML is gone
