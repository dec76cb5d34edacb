"""HTML for the hub's parts of pages, rendered through escaping templates.

Front matter comes from contributors outside the team: every value goes
through Jinja with autoescaping on, and every URL through ``safe_url``.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Optional
from urllib.parse import urlsplit

import jinja2

from .catalogue import Catalogue
from .model import CaseStudy, Partner
from .schema import country_codes
from .urls import Urls

SAFE_SCHEMES = {"http", "https", "mailto"}


def safe_url(url: Optional[str]) -> Optional[str]:
    """The URL if a reader may follow it; None for javascript:, data: and the like."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in SAFE_SCHEMES else None


def country_name(code: str) -> str:
    return country_codes().get(code, code)


class Renderer:
    """Renders the hub's page fragments for one build."""

    def __init__(self, catalogue: Catalogue, urls: Urls):
        self.catalogue = catalogue
        self.urls = urls
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("hub_plugin", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.env.filters["safe_url"] = safe_url
        self.env.filters["country_name"] = country_name
        self.env.globals.update(catalogue=catalogue, taxonomy=catalogue.taxonomy, urls=urls)

    def render(self, template: str, page_url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return self.urls.relative(target, page_url)

        return self.env.get_template(template).render(link=link, page_url=page_url, **context)

    def case_study_facts(self, case_study: CaseStudy, page_url: str) -> str:
        outcomes: "OrderedDict[str, list[str]]" = OrderedDict((ref.id, []) for ref in case_study.partners)
        for outcome in case_study.outcomes:
            outcomes.setdefault(outcome.beneficiary, []).append(outcome.text)
        return self.render(
            "case_study_facts.html", page_url,
            cs=case_study,
            countries=self.catalogue.countries_of(case_study),
            outcomes=[(partner, texts) for partner, texts in outcomes.items() if texts],
        )

    def case_study_links(self, case_study: CaseStudy, page_url: str) -> str:
        catalogue = self.catalogue
        return self.render(
            "case_study_links.html", page_url,
            cs=case_study,
            related=[catalogue.case_studies[slug] for slug in case_study.related if slug in catalogue.case_studies],
            referenced_by=[catalogue.case_studies[slug] for slug in catalogue.referenced_by.get(case_study.slug, [])],
        )

    def partner_page(self, partner: Partner, page_url: str) -> str:
        by_role: "OrderedDict[str, list[CaseStudy]]" = OrderedDict()
        for case_study in self.catalogue.case_studies_with("partners", partner.id):
            for ref in case_study.partners:
                if ref.id == partner.id:
                    by_role.setdefault(ref.role, []).append(case_study)
        return self.render("partner.html", page_url, partner=partner, by_role=list(by_role.items()))

    def home(self, page_url: str) -> str:
        newest = sorted(self.catalogue.case_studies.values(),
                        key=lambda cs: (cs.period.start.sort_key if cs.period else (0, 0, 0), cs.slug), reverse=True)
        return self.render("home.html", page_url, case_studies=newest)
