"""HTML for the hub's parts of pages, rendered through escaping templates.

Front matter comes from contributors outside the team: every value goes
through Jinja with autoescaping on, and every URL through ``safe_url``.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import jinja2
from babel.numbers import format_decimal
from markupsafe import Markup

from ..contribute.newfile import new_file_url, template_text
from ..derive import maps
from ..derive.browse import ORDER_NOTE, BrowsePage
from ..derive.packs import has_pack, pack_path
from ..derive.references import cited_at
from ..derive.references import numbers as source_numbers
from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.codes import DEFAULT_LANGUAGE, country_name
from ..model.records import CaseStudy, Outcome, Partner, Programme, Translation, newest_first
from ..model.taxonomy import Term
from ..model.vocabularies import BROWSABLE, FACETS, KIND_FACET, VOCABULARIES, spec_of
from ..read.files import CASE_STUDIES_DIR
from ..search.scripts import browser_scripts
from .browser_messages import browser_messages_json
from .cite_this import citation, file_paths
from .exports import DATA_LICENCE, data_package
from .i18n import language_name, translations
from .site import SiteInfo
from .words import date_words, iso_date_words, period_words

SAFE_SCHEMES = {"http", "https", "mailto"}
HOME_NEWEST = 6
FEED = "feed.xml"
FEED_ENTRIES = 50


def safe_url(url: str | None) -> str | None:
    """The URL if a reader may follow it; None for javascript:, data: and the like."""
    if not url:
        return None
    scheme = urlsplit(url.strip()).scheme.lower()
    return url.strip() if scheme in SAFE_SCHEMES else None


def _history_context(history: dict[str, Any]) -> dict[str, Any]:
    return {"history": history.get("history"), "edit_url": safe_url(history.get("edit_url")),
            "history_url": safe_url(history.get("history_url"))}


def html_templates(bytecode_cache: jinja2.BytecodeCache | None = None, language: str = DEFAULT_LANGUAGE
                   ) -> jinja2.Environment:
    """The hub's HTML templates (``templates/``), every value escaped, their words in ``language``.

    Templates say their words through gettext (``{{ _("Sources") }}``, newstyle: placeholders are
    ``%(name)s`` and the values are escaped); the messages are ``render/i18n.py``'s catalogues.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("hub_plugin", "templates"),
        autoescape=True,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=bytecode_cache,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    return env


def number_words(n: int, language: str = DEFAULT_LANGUAGE) -> str:
    """A count as the language writes it ("1 234" in French); in English as the hub always wrote it ("1234")."""
    if language == DEFAULT_LANGUAGE:
        return str(n)
    try:
        return format_decimal(n, locale=language)
    except (ValueError, LookupError):
        return str(n)


def _sort_words(text: str) -> str:
    """A name as a sort key that reads accented letters as plain ones ("Égypte" beside "Espagne")."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class ShownTexts:
    """The texts a case study's page shows in an edition, each with the language it is written in:
    the translation's where it gives them, the original's (marked with its language) elsewhere."""

    summary: str
    summary_language: str
    outcomes: list[Outcome]
    outcomes_language: str
    lessons: list[str]
    lessons_language: str
    success_factors: list[str]
    success_factors_language: str
    limiting_factors: list[str]
    limiting_factors_language: str

    @classmethod
    def of(cls, case_study: CaseStudy, translation: Translation | None) -> ShownTexts:
        original = case_study.language

        def chosen(translated: list[str], own: list[str]) -> tuple[list[str], str]:
            return (translated, translation.language) if translation and translated else (own, original)

        outcomes, outcomes_language = list(case_study.outcomes), original
        if translation and translation.outcomes:
            outcomes = [replace(outcome, text=text) for outcome, text in zip(case_study.outcomes, translation.outcomes)]
            outcomes_language = translation.language
        lessons = chosen(translation.lessons if translation else [], case_study.lessons)
        success = chosen(translation.success_factors if translation else [], case_study.success_factors)
        limiting = chosen(translation.limiting_factors if translation else [], case_study.limiting_factors)
        return cls(translation.summary if translation else case_study.summary,
                   translation.language if translation else original, outcomes, outcomes_language,
                   *lessons, *success, *limiting)


class Renderer:
    """Renders the hub's page fragments for one build."""

    def __init__(self, catalogue: Catalogue, urls: Urls, content_folder: str = "content",
                 bytecode_cache: jinja2.BytecodeCache | None = None,
                 published: Mapping[str, str] | None = None, site: SiteInfo | None = None, packs: bool = False,
                 language: str = DEFAULT_LANGUAGE, partnership_maps: maps.PartnershipMaps | None = None):
        self.catalogue = catalogue
        # Shared by the editions' renderers: their maps differ only in words (``_map.html``).
        self.maps = partnership_maps or maps.PartnershipMaps(catalogue)
        self.language = language  # the edition's: every word, label, country name, date and count in it
        self.translations = translations(language)
        self.packs = packs  # briefing packs are made (packs: true): term pages link to theirs
        self.site = site or SiteInfo(name="")
        self.published = dict(published or {})  # slug -> the day its file was first published (Git)
        self.content_folder = content_folder
        self._cards: dict[tuple[str, str], Markup] = {}
        self._world_land: Markup | None = None  # the whole world's country shapes, rendered once per build
        self.urls = urls
        self.env = html_templates(bytecode_cache, language)
        self.env.filters["safe_url"] = safe_url
        self.env.filters["country_name"] = self.country_name
        self.env.filters["period_words"] = lambda period: period_words(period, language)
        self.env.filters["date_words"] = lambda text: iso_date_words(text, language)
        self.env.filters["partial_date_words"] = lambda date: date_words(date, language)
        self.env.filters["number"] = lambda n: number_words(n, language)
        self.env.globals.update(catalogue=catalogue, taxonomy=catalogue.taxonomy, urls=urls, language=language,
                                map_shape=maps.shape_of, map_keys=maps.LEGEND_KEYS, title_of=self.title_of,
                                title_language=self.title_language)

    def title_of(self, case_study: CaseStudy) -> str:
        """A case study's title in the edition: its translation's where there is one."""
        return (self.catalogue.translation(case_study.slug, self.language) or case_study).title

    def title_language(self, case_study: CaseStudy) -> str:
        """The language ``title_of`` is written in."""
        return self.language if self.catalogue.translation(case_study.slug, self.language) else case_study.language

    def _(self, message: str) -> str:
        """``message`` (its English text) in the renderer's language."""
        return self.translations.gettext(message)

    def country_name(self, code: str) -> str:
        return country_name(code, self.language)

    def _country_key(self, code: str) -> str:
        """The sort key of a country in this language: its name (accents read as plain letters, except in English)."""
        name = country_name(code, self.language)
        return name if self.language == DEFAULT_LANGUAGE else _sort_words(name)

    def render(self, template: str, page_url: str, **context: Any) -> str:
        def link(target: str) -> str:
            return self.urls.relative(target, page_url)

        def card(case_study: CaseStudy) -> Markup:
            return self._card(case_study, page_url)

        return self.env.get_template(template).render(link=link, card=card, page_url=page_url, **context)

    def _card(self, case_study: CaseStudy, page_url: str) -> Markup:
        """A case study's card; links are the same on every page at one depth, so it is rendered once per depth."""
        key = (case_study.slug, Urls.root(page_url))
        if key not in self._cards:
            # The edition's translation where there is one; else the original, marked with its language.
            text = self.catalogue.translation(case_study.slug, self.language) or case_study
            text_language = self.language if text is not case_study else case_study.language
            self._cards[key] = Markup(self.render(
                "_card.html", page_url, cs=case_study, title=text.title, summary=text.summary,
                text_language=text_language,
                language_label=language_name(text_language, self.language) if text_language != self.language else ""))
        return self._cards[key]

    def case_study_facts(self, case_study: CaseStudy, page_url: str, **history: Any) -> str:
        texts = ShownTexts.of(case_study, self.catalogue.translation(case_study.slug, self.language))
        outcomes: OrderedDict[str, list[Outcome]] = OrderedDict((ref.id, []) for ref in case_study.partners)
        for outcome in texts.outcomes:
            outcomes.setdefault(outcome.beneficiary, []).append(outcome)
        return self.render(
            "case_study_facts.html", page_url,
            cs=case_study, texts=texts,
            countries=self.catalogue.countries_of(case_study),
            outcomes=[(partner, items) for partner, items in outcomes.items() if items],
            timeline=sorted(case_study.timeline, key=lambda milestone: milestone.date.sort_key),
            source_numbers=source_numbers(case_study),
            adapted_into=self.catalogue.adapted_into.get(case_study.slug, []),
            map_figure=self.map_figure(self.maps.case_study(case_study), page_url, "hub-map",
                                       "case-study", "facts"),
            **_history_context(history),
        )

    def case_study_links(self, case_study: CaseStudy, page_url: str,
                         computed: Sequence[tuple[str, float]] = ()) -> str:
        """Sources, contacts and one list of related case studies, each once, with why it is related."""
        catalogue = self.catalogue
        related: list[tuple[CaseStudy, list[tuple[str, list[str]]]]] = []
        seen = {case_study.slug}

        def add(slug: str, why: list[tuple[str, list[str]]] | None = None) -> None:
            other = catalogue.case_studies.get(slug)
            if other is not None and slug not in seen:
                seen.add(slug)
                related.append((other, why or self._why_related(case_study, other)))

        for slug in case_study.related:
            add(slug, [("named", [])])
        for slug in catalogue.referenced_by.get(case_study.slug, []):
            add(slug, [("names-this", [])])
        for slug, _ in computed:
            add(slug)
        cited = citation(case_study, self.site, self.urls, self.published.get(case_study.slug))
        return self.render("case_study_links.html", page_url, cs=case_study, related=related, cited=cited,
                           citation_files=file_paths(case_study.slug), cited_at=cited_at(case_study))

    def feed(self, updated: Mapping[str, str], built: str) -> str:
        """The Atom feed of the case studies most recently published in the hub (``feed.xml``, at the root).

        ``updated`` is each case study's last change (Git); ``built`` stands in for dates Git cannot give.
        """
        entries = [(case_study, self.published.get(case_study.slug) or built,
                    updated.get(case_study.slug) or self.published.get(case_study.slug) or built)
                   for case_study in self.newest_published()[:FEED_ENTRIES]]
        newest = max((changed for _, _, changed in entries), default=built)
        return self.render("feed.xml", "", entries=entries, site=self.site, updated=newest,
                           feed_id=self.site.absolute(FEED) or _urn(self.site.name, FEED),
                           entry_id=lambda slug: self.site.absolute(self.urls.case_study(slug))
                           or _urn(self.site.name, slug))

    def _why_related(self, one: CaseStudy, other: CaseStudy) -> list[tuple[str, list[str]]]:
        """What two case studies share, at most two reasons, in the order the related score weighs them.

        (kind, names) pairs: the template says them in words (``case_study_links.html``).
        """
        catalogue = self.catalogue
        shared = {
            "partners": [catalogue.label("partners", p) for p in one.partner_ids() if p in other.partner_ids()],
            "programme": [catalogue.label("programmes", one.programme, self.language)]
            if one.programme and one.programme == other.programme else [],
            "themes": [catalogue.label("themes", theme, self.language) for theme in one.themes if theme in other.themes],
        }
        reasons = [(kind, names) for kind, names in shared.items() if names]
        if len(reasons) < 2:
            countries = [code for code in catalogue.countries_of(one) if code in catalogue.countries_of(other)]
            if countries:
                reasons.append(("countries", [self.country_name(code) for code in countries]))
        return reasons[:2] or [("similar", [])]

    def partner_page(self, partner: Partner, page_url: str, **history: Any) -> str:
        by_role: OrderedDict[str, list[CaseStudy]] = OrderedDict()
        worked_with: dict[str, int] = {}
        for case_study in newest_first(self.catalogue.case_studies_with("partners", partner.id)):
            for ref in case_study.partners:
                if ref.id == partner.id:
                    by_role.setdefault(ref.role, []).append(case_study)
                elif ref.id in self.catalogue.partners:
                    worked_with[ref.id] = worked_with.get(ref.id, 0) + 1
        others = sorted(worked_with.items(), key=lambda item: (-item[1], self.catalogue.partners[item[0]].name))
        figure = self.map_figure(self.maps.partner(partner.id), page_url, "hub-map", "partner",
                                 "worked-with", partner=partner)
        return self.render("partner.html", page_url, partner=partner, by_role=list(by_role.items()),
                           worked_with=others, map_figure=figure, **_history_context(history))

    def programme_page(self, programme: Programme, page_url: str, **history: Any) -> tuple[str, str]:
        """Above its text: who runs and funds it, when; below: its partnerships, their map, its sources."""
        case_studies = newest_first(self.catalogue.case_studies_with("programmes", programme.id))
        rows = [(case_study, self.catalogue.countries_of(case_study)) for case_study in case_studies]
        countries = sorted({code for _, codes in rows for code in codes})
        figure = self.map_figure(self.maps.selection(case_studies), page_url, "hub-map", "programme",
                                 "table-above") if case_studies else None
        facts = self.render("programme_facts.html", page_url, programme=programme, case_studies=case_studies,
                            countries=countries, source_numbers=source_numbers(programme), **_history_context(history))
        listing = self.render("programme.html", page_url, programme=programme, rows=rows, order_note=self._(ORDER_NOTE),
                              map_figure=figure, pack=self._pack("programmes", programme.id),
                              cited_at=cited_at(programme))
        return facts, listing

    def home(self, page_url: str) -> str:
        catalogue = self.catalogue
        entry_points = [(spec.id, self._(spec.title()), len(catalogue.known_ids(spec.id))) for spec in BROWSABLE]
        themes = [(theme, self.count("themes", theme.id)) for theme in catalogue.taxonomy["themes"].roots()]
        return self.render("home.html", page_url, newest=self.newest_published()[:HOME_NEWEST],
                           entry_points=entry_points, country_count=len(catalogue.partner_countries),
                           themes=[(theme, n) for theme, n in themes if n],
                           map_figure=self.map_figure(self.maps.world(), page_url, "hub-map", "world", "map-page"))

    def map_figure(self, model: maps.PartnershipMap | None, page_url: str, map_id: str, subject: str, listed: str,
                   **context: Any) -> Markup | None:
        """A map as inline SVG with its legend and notes (``_map.html``); None when it would show no point."""
        if model is None:
            return None
        if not model.whole_world:
            land = Markup(self.render("_map_land.html", page_url, paths=model.land))
        else:
            if self._world_land is None:
                self._world_land = Markup(self.render("_map_land.html", page_url, paths=model.land))
            land = self._world_land
        return Markup(self.render("_map.html", page_url, m=model, land=land, map_id=map_id, subject=subject,
                                  listed=listed, **context))

    def map_page(self, page_url: str) -> str:
        """Every partnership on one map, then the same as a table."""
        figure = self.map_figure(self.maps.world(), page_url, "hub-map", "world", "table")
        return self.render("map.html", page_url, figure=figure, rows=maps.partnership_rows(self.catalogue))

    def newest_published(self) -> list[CaseStudy]:
        """The case studies most recently added to the hub first (by their first commit), then by period."""
        by_period = newest_first(self.catalogue.case_studies.values())
        return sorted(by_period, key=lambda case_study: self.published.get(case_study.slug, ""), reverse=True)

    def browse_page(self, page: BrowsePage, page_url: str) -> str:
        if page.kind == "all":
            return self.render("all_case_studies.html", page_url, order_note=self._(ORDER_NOTE),
                               case_studies=newest_first(self.catalogue.case_studies.values()))
        if page.kind == "explore":
            return self.explore(page_url)
        if page.kind == "open-data":
            return self.render("open_data.html", page_url, package=data_package(self.site.name, DATA_LICENCE, self._))
        if page.kind == "coordination":
            return self.coordination(page_url)
        if page.kind == "map":
            return self.map_page(page_url)
        assert page.vocabulary is not None
        if page.kind == "vocabulary":
            return self.vocabulary_index(page.vocabulary, page_url)
        assert page.term_id is not None
        return self.term_page(page.vocabulary, page.term_id, page_url)

    def explore(self, page_url: str) -> str:
        # The filters in the order of the browse pages, each named as its browse page is.
        titles = [(KIND_FACET, self._("Type"))] + [(spec.id, self._(spec.title())) for spec in BROWSABLE
                                                   if spec.id in FACETS]
        return self.render("explore.html", page_url, root=self.urls.root(page_url), facet_titles=titles,
                           scripts=list(browser_scripts(self.language, self.urls.prefix)),
                           messages=browser_messages_json(self.language))

    def contribute_button(self, repo_url: str | None, branch: str) -> str:
        """The button that opens the forge's editor with the case-study template filled in."""
        url = None
        if repo_url:
            folder = f"{self.content_folder}/{CASE_STUDIES_DIR}".strip("/")
            url = new_file_url(repo_url, branch, folder, "new-case-study.md", template_text(self.catalogue.taxonomy))
        return self.render("contribute_button.html", "", url=url, contact=self.site.contact)

    def count(self, vocabulary: str, term_id: str) -> int:
        return self.catalogue.count(vocabulary, term_id)

    def vocabulary_index(self, vocabulary: str, page_url: str) -> str:
        catalogue = self.catalogue
        spec = VOCABULARIES[vocabulary]
        if spec.source == "partner-countries":
            by_region: OrderedDict[str, list[str]] = OrderedDict()
            for code in catalogue.partner_countries:
                region = catalogue.taxonomy.region_of_country.get(code, "")
                by_region.setdefault(region, []).append(code)
            groups = sorted(by_region.items(), key=lambda item: self._label_key("regions", item[0]) if item[0] else "~")
            return self.render("countries_index.html", page_url, groups=groups, count=self.count)
        if spec.source == "partner-files":
            partners = sorted(catalogue.partners.values(), key=lambda partner: partner.name.casefold())
            return self.render("partners_index.html", page_url, partners=partners, count=self.count)
        return self.render("vocabulary_index.html", page_url, vocabulary=vocabulary, spec=spec,
                           roots=catalogue.taxonomy[vocabulary].roots(), count=self.count, nested=spec.nested,
                           term_title=self._(spec.term_title))

    def term_page(self, vocabulary: str, term_id: str, page_url: str) -> str:
        catalogue = self.catalogue
        spec = spec_of(vocabulary)
        case_studies = newest_first(catalogue.case_studies_with(vocabulary, term_id))
        vocab = catalogue.taxonomy[vocabulary]
        term = vocab.terms.get(term_id)
        context: dict[str, Any] = {"by_theme": [], "partners_here": [], "region": None, "countries_here": []}
        if spec.source == "partner-countries":  # a country: its case studies by theme, its partners
            by_theme: OrderedDict[str, list[CaseStudy]] = OrderedDict((t.id, []) for t in catalogue.taxonomy["themes"])
            for case_study in case_studies:
                for theme in catalogue.facet_terms(case_study, "themes"):
                    by_theme[theme].append(case_study)
            context["by_theme"] = [(theme, items) for theme, items in by_theme.items() if items]
            context["partners_here"] = sorted((p for p in catalogue.partners.values() if p.country == term_id),
                                              key=lambda partner: partner.name.casefold())
            context["region"] = catalogue.taxonomy.region_of_country.get(term_id)
        if spec.holds_countries and term is not None:  # a region: the countries in it and its narrower regions
            codes = set(term.countries)
            for child in vocab.children(term_id):
                codes.update(child.countries)
            context["countries_here"] = [code for code in catalogue.partner_countries if code in codes]
        return self.render(
            "term.html", page_url, vocabulary=vocabulary, term_id=term_id, term=term,
            parent=term.parent if term else None,
            children=vocab.children(term_id) if term else [],
            case_studies=case_studies, order_note=self._(ORDER_NOTE), count=self.count,
            vocabulary_title=self._(spec.title()), pack=self._pack(vocabulary, term_id), **context)

    def _label_key(self, vocabulary: str, term_id: str) -> str:
        """The sort key of a term in this language: its label (accents read as plain letters, except in English)."""
        label = self.catalogue.taxonomy.label(vocabulary, term_id, self.language)
        return label if self.language == DEFAULT_LANGUAGE else _sort_words(label)

    def _pack(self, vocabulary: str, term_id: str) -> str | None:
        """The site path of the term's briefing pack, when packs are on and the term has case studies."""
        return pack_path(spec_of(vocabulary), term_id) if self.packs and has_pack(self.catalogue, vocabulary, term_id) \
            else None

    def coordination(self, page_url: str) -> str:
        """Who works where on what: countries by broad themes, and organisations by themes or programmes."""
        catalogue = self.catalogue
        themes = catalogue.taxonomy["themes"].roots()
        programmes = [term for term in catalogue.taxonomy["programmes"] if self.count("programmes", term.id)]
        rows = []
        for code in catalogue.partner_countries:
            total = self.count("countries", code)
            if not total:
                continue
            here = set(catalogue.by_term.get(("countries", code), ()))
            cells = [(theme, len(here.intersection(catalogue.by_term.get(("themes", theme.id), ())))) for theme in themes]
            rows.append((code, total, cells))
        rows.sort(key=lambda row: self._country_key(row[0]))
        organisations = self._organisations(themes, programmes)
        return self.render("coordination.html", page_url, themes=themes, programmes=programmes, rows=rows,
                           organisations=organisations,
                           shades={"countries": _shade(n for _, _, cells in rows for _, n in cells),
                                   **{key: _shade(n for organisation in organisations for _, n in organisation[key])
                                      for key in ("themes", "programmes")}})

    def _organisations(self, themes: list[Term], programmes: list[Term]) -> list[dict[str, Any]]:
        """Each partner with case studies: where it works and how many of its case studies fall under each
        broad theme and each programme (the CIB Compendium's question: who works where, on what)."""
        catalogue = self.catalogue
        found = []
        for partner in sorted(catalogue.partners.values(), key=lambda partner: partner.name.casefold()):
            slugs = set(catalogue.by_term.get(("partners", partner.id), ()))
            if not slugs:
                continue
            countries = sorted({code for slug in slugs for code in catalogue.countries_of(catalogue.case_studies[slug])},
                               key=self._country_key)
            found.append({
                "partner": partner, "total": len(slugs), "countries": countries,
                "themes": [(theme, len(slugs.intersection(catalogue.by_term.get(("themes", theme.id), ()))))
                           for theme in themes],
                "programmes": [(programme, len(slugs.intersection(catalogue.by_term.get(("programmes", programme.id), ()))))
                               for programme in programmes],
            })
        return found


def _urn(site_name: str, name: str) -> str:
    """A stable id for a site without a known address (Atom ids must be absolute IRIs)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"hub:{site_name}:{name}").urn


SHADES = 4  # steps of shading in the matrices, by count


def _shade(counts: Iterable[int]) -> Callable[[int], int]:
    """A cell's shade in its table, 0 (empty) to SHADES (the table's most case studies), so counts read at a glance."""
    most = max(counts, default=0)
    return lambda n: 0 if not n or not most else max(1, -(-n * SHADES // most))
