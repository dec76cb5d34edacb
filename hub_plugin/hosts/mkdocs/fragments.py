"""A Jinja tag that renders a fragment once and reuses it: ``{% shared key %}…{% endshared %}``.

MkDocs renders the theme's navigation, footer and header into every page. For
the thousands of pages that are not in the navigation (case studies, partners,
term pages) those parts are the same HTML in one folder (their links are
relative to the folder), so rendering them once per folder keeps a large hub's
template cost close to that of a site with no navigation at all
(``hub_shared_key`` in the plugin says which pages share).
A key of ``None`` renders the fragment without caching (pages that are in the
navigation mark their own entry as active). The cache lives on the Jinja
environment, which MkDocs creates anew for every build.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser


class SharedFragments(Extension):
    tags = {"shared"}

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(shared_fragments={})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endshared",), drop_needle=True)
        return nodes.CallBlock(self.call_method("_render", [key]), [], [], body).set_lineno(lineno)

    def _render(self, key: Hashable | None, caller: Callable[[], str]) -> str:
        if key is None:
            return caller()
        cache: dict = self.environment.shared_fragments  # type: ignore[attr-defined]
        if key not in cache:
            cache[key] = caller()
        return cache[key]
