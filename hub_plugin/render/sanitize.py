"""What contributors' Markdown may put into a page: the HTML of ordinary text, nothing that runs.

The body of a case study or partner file comes from outside the team. After
Markdown has rendered it, nh3 (the Ammonia sanitiser) keeps the elements of
text, links, images and tables, drops scripts, styles, forms, frames and
event handlers, and keeps only http, https and mailto URLs (and links
within the site).
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp",
    "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "abbr", "cite", "q",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "span", "div", "details", "summary",
}
_COMMON = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href", "hreflang"},
    "img": _COMMON | {"src", "alt", "width", "height", "loading"},
    "th": _COMMON | {"scope", "colspan", "rowspan", "align"},
    "td": _COMMON | {"colspan", "rowspan", "align"},
    "ol": _COMMON | {"start", "type"},
    "abbr": _COMMON,
    "details": _COMMON | {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}




def _clean_once(html: str) -> str:
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                     strip_comments=True)


# Built once where nh3 can (0.3 and later): handing nh3.clean the sets on every call took half its time.
_CLEAN = (nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel=None,
                      strip_comments=True).clean
          if hasattr(nh3, "Cleaner") else _clean_once)


def clean_body(html: str) -> str:
    """The rendered body with anything that could run code removed."""
    return _CLEAN(html)
