"""A briefing pack as one HTML document, ready for print: cover, contents, map, then each case study.

Everything comes from the hub's one model (the catalogue) and each case
study's narrative as the site shows it (sanitised). The narrative is cleaned
again here, with its addresses rewritten for a PDF: links within the site
become the site's full addresses (or plain text when ``site_url`` is not set),
images become files of the built site (the only place the PDF writer reads
from), and ids get the case study's slug so that two narratives' "Context"
headings do not clash. ``build/packs.py`` turns the document into a PDF.
"""

from __future__ import annotations

import posixpath
from collections import OrderedDict
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import nh3
from markupsafe import Markup

from ..derive.packs import PackSubject
from ..model.records import CaseStudy
from .renderer import Renderer, safe_url
from .sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES

PACK_TEMPLATE = "pack.html"
PACK_ASSETS = Path(__file__).resolve().parent.parent / "assets" / "packs"
PACK_STYLESHEET = PACK_ASSETS / "pack.css"
# Inside each map's <svg> (WeasyPrint styles SVG from there only): the site's point colours, then the packs' map styles.
MAP_STYLESHEETS = (PACK_ASSETS.parent / "map-points.css", PACK_ASSETS / "map.css")
_BASE = "https://hub.invalid/"  # stands for the site's root while resolving a page's relative addresses


def site_file_url(site_dir: Path, site_path: str) -> str:
    """The ``file:`` URL of a file of the built site, the only kind of address the PDF writer opens."""
    return site_dir.resolve().as_uri() + "/" + quote(site_path)


def _site_path(href: str, page_url: str) -> str | None:
    """The site path a relative address of the page at ``page_url`` leads to; None when it leads outside."""
    if urlsplit(href).scheme or href.startswith("//"):
        return None
    resolved = urljoin(_BASE + page_url, href)
    return resolved.removeprefix(_BASE) if resolved.startswith(_BASE) else None


def narrative(html: str, slug: str, page_url: str, site_dir: Path, site_url: str | None) -> Markup:
    """A case study's rendered narrative (already sanitised), its addresses and ids made right for the pack."""
    def rewrite(element: str, attribute: str, value: str) -> str | None:
        if attribute == "id":
            return f"{slug}--{value}"
        if attribute == "href":
            if value.startswith("#"):
                return f"#{slug}--{value[1:]}"
            if urlsplit(value).scheme:
                return safe_url(value)
            target = _site_path(value, page_url)
            return site_url + target if site_url and target is not None else None
        if attribute == "src":
            if urlsplit(value).scheme or value.startswith("//"):
                return None  # the pack never loads anything from the network
            target = _site_path(value, page_url)
            return site_file_url(site_dir, posixpath.normpath(target.split("#")[0].split("?")[0])) if target else None
        return value

    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel=None, strip_comments=True, attribute_filter=rewrite))


def outcomes_by_partner(case_study: CaseStudy) -> list[tuple[str, list[str]]]:
    """What each partner gained, partners in the case study's order (as the case study's page lists them)."""
    found: OrderedDict[str, list[str]] = OrderedDict((ref.id, []) for ref in case_study.partners)
    for outcome in case_study.outcomes:
        found.setdefault(outcome.beneficiary, []).append(outcome.text)
    return [(partner, texts) for partner, texts in found.items() if texts]


def pack_map(renderer: Renderer, subject: PackSubject) -> Markup | None:
    """The map of the pack's partnerships (``derive/maps.py``, ``_map.html``); None when no partner has a place."""
    model = renderer.maps.selection(list(subject.case_studies))
    return renderer.map_figure(model, subject.path, "pack-map", "world", "pack",
                               svg_style="".join(sheet.read_text(encoding="utf-8") for sheet in MAP_STYLESHEETS))


def pack_html(renderer: Renderer, subject: PackSubject, narratives: Mapping[str, str], day: str, site_dir: Path,
              *, with_map: bool = True) -> str:
    """The pack's whole document. ``narratives``: slug -> the narrative's HTML as its page shows it."""
    site = renderer.site
    urls = renderer.urls

    def online(target: str) -> str | None:
        return site.absolute(target)

    sections = [(case_study, outcomes_by_partner(case_study),
                 narrative(narratives.get(case_study.slug, ""), case_study.slug, urls.case_study(case_study.slug),
                           site_dir, site.url),
                 renderer.catalogue.countries_of(case_study))
                for case_study in subject.case_studies]
    context: dict[str, Any] = {
        "subject": subject, "site": site, "day": day, "sections": sections,
        "one_title": renderer._(subject.spec.one_title()),
        "description": _description(renderer, subject), "online": online,
        "map_figure": pack_map(renderer, subject) if with_map else None,
    }
    return renderer.render(PACK_TEMPLATE, subject.path, **context)


def _description(renderer: Renderer, subject: PackSubject) -> str | None:
    term = renderer.catalogue.taxonomy[subject.spec.id].terms.get(subject.term_id) \
        if subject.spec.source == "taxonomy" else None
    return term.description if term is not None and term.description else None


def stylesheet() -> str:
    return PACK_STYLESHEET.read_text(encoding="utf-8")


__all__ = ["PACK_STYLESHEET", "narrative", "pack_html", "site_file_url", "stylesheet"]
