"""The editions: every page of the hub in English at the site's root, and again in French (``fr/``) and
Spanish (``es/``), each with the theme's and the hub's words in its language.

A case study written or translated in a language has its text in that edition; elsewhere its page keeps
the edition's interface and fact box, its text in the original language marked with ``lang``, and a note
saying which languages it exists in. Every page's header leads to the same page in the other editions;
``hreflang`` alternates name real translations only. A hand-written page is translated by a file beside
it (``about.fr.md``).
"""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import mkdocs_build
from helpers import CASE_STUDY_PATH, MKDOCS_YML, make_hub, write

THREE_EDITIONS = "site_url: https://hub.example.org/\n" + MKDOCS_YML.replace("languages: [en]", "languages: [en, fr, es]") + "nav:\n  - Home: index.md\n  - Browse:\n      - Themes: themes/index.md\n  - About: about.md\n"
TRANSLATION = """---
title: "Beta Town accompagne Alpha City dans son budget"
summary: "L'équipe financière de Beta Town a guidé Alpha City dans son premier budget pluriannuel."
outcomes:
  - "Un budget triennal adopté"
---
## Contexte

Alpha City n'avait jamais établi de budget au-delà d'une année.
"""
ABOUT = "# About the hub\n\nWho keeps it.\n"
ABOUT_FR = "# À propos du carrefour\n\nQui le tient à jour.\n"
SLUG = "alpha-beta-mentoring"


def _commit(root, message: str, date: str) -> None:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "PATH": "/usr/bin:/bin"}
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, capture_output=True)
    subprocess.run(["git", "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m",
                    message], cwd=root, check=True, capture_output=True, env=env)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = make_hub(tmp_path_factory.mktemp("editions") / "hub", {
        "mkdocs.yml": THREE_EDITIONS, "content/about.md": ABOUT, "content/about.fr.md": ABOUT_FR})
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    _commit(root, "The hub", "2024-01-10T12:00:00")
    write(root, CASE_STUDY_PATH.replace(".md", ".fr.md"), TRANSLATION)
    _commit(root, "Its French translation", "2024-02-10T12:00:00")
    original = root / CASE_STUDY_PATH
    original.write_text(original.read_text(encoding="utf-8").replace("first multi-year budget", "first three-year budget"),
                        encoding="utf-8")
    _commit(root, "The original changes", "2024-03-10T12:00:00")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    return root / "site"


def html(site, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["", "case-studies/alpha-beta-mentoring", "themes", "themes/municipal-finance",
                                  "partners/alpha-city", "explore", "about", "coordination", "case-studies"])
def test_every_page_is_in_every_edition_with_its_language(site, path):
    for prefix, language in (("", "en"), ("fr/", "fr"), ("es/", "es")):
        text = html(site, prefix + path if path else prefix.rstrip("/") or ".")
        assert f'<html lang="{language}"' in text


def test_the_theme_speaks_the_edition_language(site):
    assert "Aller au contenu" in html(site, "fr/case-studies/alpha-beta-mentoring")   # Material's own French
    assert "Saltar a contenido" in html(site, "es/case-studies/alpha-beta-mentoring")


def test_the_header_leads_to_the_same_page_in_the_other_editions(site):
    text = html(site, "fr/themes/municipal-finance")
    switch = re.search(r'<nav class="hub-languages".*?</nav>', text, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', switch)
    assert links == [("../../../themes/municipal-finance/", "en"), ("./", "fr"),
                     ("../../../es/themes/municipal-finance/", "es")]
    assert 'hreflang="fr" lang="fr" aria-current="page"' in switch


def test_hreflang_alternates_name_real_translations_only(site):
    sitemap = ElementTree.parse(site / "sitemap.xml").getroot()
    names = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    by_page = {url.findtext("s:loc", namespaces=names): [(link.get("hreflang"), link.get("href"))
                                                        for link in url.findall("x:link", names)]
               for url in sitemap.findall("s:url", names)}
    site_url = "https://hub.example.org/"
    page = "case-studies/alpha-beta-mentoring/"
    translated = [("en", site_url + page), ("fr", site_url + "fr/" + page)]
    assert by_page[site_url + page] == translated  # no Spanish translation: no Spanish alternate
    assert by_page[site_url + "fr/" + page] == translated
    assert by_page[site_url + "es/" + page] == []
    # In the page itself the switch says it; a <link rel="alternate"> would make Material fetch sitemap.xml beside it.
    assert '<link rel="alternate" hreflang' not in html(site, "case-studies/alpha-beta-mentoring")


def test_a_translated_case_study_has_its_text_in_the_edition_and_says_it_is_a_translation(site):
    text = html(site, "fr/case-studies/alpha-beta-mentoring")
    assert "<title>Beta Town accompagne Alpha City dans son budget" in text
    assert "Alpha City n'avait jamais établi de budget" in text or "Alpha City n&#39;avait jamais établi" in text
    assert "hub-other-language" not in text


def test_a_translation_older_than_its_original_is_shown_as_possibly_out_of_date(site):
    note = re.search(r'<aside class="hub-edition-note".*?</aside>', html(site, "fr/case-studies/alpha-beta-mentoring"),
                     re.S).group(0)
    assert "10 mars 2024" in note and "10 février 2024" in note


def test_an_untranslated_case_study_keeps_its_text_marked_in_its_language_with_a_note(site):
    text = html(site, "es/case-studies/alpha-beta-mentoring")
    assert re.search(r'<div class="hub-other-language" lang="en">\s*<h2 id="context">Context', text)
    note = re.search(r'<aside class="hub-edition-note".*?</aside>', text, re.S).group(0)
    assert 'hreflang="en" lang="en">English</a>' in note and 'hreflang="fr" lang="fr">Français</a>' in note


def test_the_fact_box_is_in_the_edition_language_even_where_the_text_is_not(site):
    text = html(site, "es/case-studies/alpha-beta-mentoring")
    assert "Sudáfrica" in text        # CLDR's name of Beta Town's country
    assert "2015" in text and "2017" in text


def test_a_hand_written_page_is_translated_by_the_file_beside_it(site):
    assert "Qui le tient à jour." in html(site, "fr/about")
    spanish = html(site, "es/about")
    assert re.search(r'<div class="hub-other-language" lang="en">\s*<h1 id="about-the-hub">About the hub', spanish)
    assert not (site / "about.fr").exists() and not (site / "fr" / "about.fr").exists()


def test_the_edition_navigation_leads_to_the_edition_pages_in_its_language(site):
    text = html(site, "fr/about")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', text, re.S).group(0)
    assert 'href="../themes/"' in nav and "Thèmes" in nav and "Accueil" in nav


def test_each_edition_has_its_own_search_index(site):
    for prefix in ("", "fr/", "es/"):
        assert (site / prefix / "search" / "hub-index.js").is_file()
    assert "fr/case-studies/alpha-beta-mentoring/" in (site / "fr" / "search" / "hub-index.js").read_text(encoding="utf-8") \
        or any("fr/case-studies/alpha-beta-mentoring/" in piece.read_text(encoding="utf-8")
               for piece in (site / "fr" / "search").rglob("*.js"))


def test_one_language_builds_one_edition_with_no_switch(tmp_path):
    root = make_hub(tmp_path / "hub")
    mkdocs_build(root / "mkdocs.yml", root / "site")
    assert not (root / "site" / "fr").exists()
    assert "hub-languages" not in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_case_studies_stay_out_of_every_edition_navigation(site):
    for prefix in ("", "fr/", "es/"):
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>', html(site, prefix + "about"), re.S)
        assert nav is not None and "alpha-beta-mentoring" not in nav.group(0)


def test_a_listing_shows_the_edition_translation_and_marks_a_card_in_another_language(site):
    french = re.search(r'<article class="hub-card">.*?</article>', html(site, "fr/themes/municipal-finance"), re.S).group(0)
    assert "Beta Town accompagne Alpha City" in french and "hub-card__language" not in french
    spanish = re.search(r'<article class="hub-card">.*?</article>', html(site, "es/themes/municipal-finance"), re.S).group(0)
    assert '<h3 class="hub-card__title" lang="en">' in spanish
    assert '<span class="hub-card__language"> · en inglés</span>' in spanish


def test_a_translation_is_also_a_search_document_of_its_edition(site):
    pieces = "".join(piece.read_text(encoding="utf-8") for piece in (site / "fr" / "search").rglob("*.js"))
    assert "Beta Town accompagne Alpha City dans son budget" in pieces
    assert "Beta Town accompagne" not in "".join(p.read_text(encoding="utf-8") for p in (site / "es" / "search").rglob("*.js"))


# -- no English left in the French and Spanish editions ---------------------------------------------------------

INTERFACE_WORDS = ("Search", "Partners", "Themes", "Lessons", "Outcomes", "Sources", "Related", "Period", "Status",
                   "Case studies", "Case study", "Contribute", "Browse", "Explore", "Modalities", "Countries", "Regions",
                   "Programmes", "Home", "About", "Skip to content", "Key facts", "Filter", "Results", "since",
                   "Previous", "Next", "English", "Spanish", "French", "Translated", "Edit", "History", "Map")
SPOKEN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt", "aria-description")


class VisibleText(HTMLParser):
    """What a reader (or a screen reader) meets on a page in the page's language: text and spoken attributes,
    without scripts and without what is marked as written in another language (a narrative nobody translated)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.parts = language, [], []

    def _hidden(self) -> bool:
        return any(tag in ("script", "style", "template") or lang not in (None, self.language)
                   for tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if not self._hidden() and attributes.get("lang") in (None, self.language):
            self.parts.extend(attributes[name] for name in SPOKEN_ATTRIBUTES if attributes.get(name))
        if tag not in self.VOID:
            self.stack.append((tag, attributes.get("lang") if tag != "html" else None))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def same_in(language: str) -> set[str]:
    """The hub's English messages that the language writes the same way."""
    from babel.messages.pofile import read_po

    from hub_plugin.render.i18n import catalogue_path

    with catalogue_path(language).open("rb") as po:
        return {message.id for message in read_po(po) if isinstance(message.id, str) and message.id == message.string}


def english_messages_translated_otherwise(language: str) -> set[str]:
    """The hub's and Material's English texts that the language's catalogue says otherwise, split at placeholders."""
    import material
    from babel.messages.pofile import read_po

    from hub_plugin.render.i18n import catalogue_path

    texts: set[str] = set()
    with catalogue_path(language).open("rb") as po:
        for message in read_po(po):
            pairs = zip(message.id, message.string) if isinstance(message.id, tuple) else [(message.id, message.string)]
            for english, translated in pairs:
                if english and translated and english != translated:
                    texts.update(part.strip() for part in re.split(r"%\(\w+\)\w|\{\w*\}", english))
    themes = Path(material.__file__).parent / "templates" / "partials" / "languages"
    theirs = dict(re.findall(r'"([\w.]+)": "([^"]*)"', (themes / f"{language}.html").read_text(encoding="utf-8")))
    for key, english in re.findall(r'"([\w.]+)": "([^"]*)"', (themes / "en.html").read_text(encoding="utf-8")):
        if theirs.get(key) and theirs[key] != english:
            texts.add(english.replace("#", "").strip())
    # A word or two that other languages also write (a name, "Total") says nothing: keep texts of some length.
    return {text for text in texts if len(text) >= 12 or " " in text}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_no_interface_word_is_left_in_english_in_the_french_and_spanish_editions(site, language):
    messages = english_messages_translated_otherwise(language)
    # "Sources" and "Programmes" are French words too: a word counts unless the catalogue says it the same way.
    spoken_otherwise = [word for word in INTERFACE_WORDS if word not in same_in(language)]
    words = re.compile(r"\b(?:" + "|".join(map(re.escape, spoken_otherwise)) + r")\b")
    found: dict[str, list[str]] = {}
    pages = sorted((site / language).rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        reader = VisibleText(language)
        reader.feed(page.read_text(encoding="utf-8"))
        text = " ".join(" ".join(reader.parts).split())
        left = sorted({message for message in messages if message in text} | set(words.findall(text)))
        if left:
            found[page.relative_to(site).as_posix()] = left
    assert not found, found


def test_a_translated_case_study_shows_its_translated_summary_and_outcomes_in_the_fact_box(site):
    text = html(site, "fr/case-studies/alpha-beta-mentoring")
    assert '<p class="hub-summary">L&#39;équipe financière de Beta Town' in text
    assert "<span>Un budget triennal adopté</span>" in text


def test_an_untranslated_text_in_the_fact_box_and_the_contents_says_its_language(site):
    text = html(site, "es/case-studies/alpha-beta-mentoring")
    assert re.search(r'<p class="hub-summary" lang="en">', text)
    assert '<span lang="en">A three-year budget adopted</span>' in text
    toc = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>', text, re.S).group(0)
    assert re.search(r'class="md-nav__link" lang="en">\s*<span class="md-ellipsis">\s*Context', toc)


def test_an_edition_page_links_to_the_site_files_at_the_root(tmp_path):
    # Only pages have a copy in each edition: a link to a file (the open data, an image) leads back up to it.
    root = make_hub(tmp_path / "hub", {"mkdocs.yml": THREE_EDITIONS,
                                       "content/about.md": "# About\n\nThe [data](api/case-studies.json); `[not a link](api/x.json)`.\n"})
    mkdocs_build(root / "mkdocs.yml", root / "site")
    for prefix, href in (("", "../api/case-studies.json"), ("fr/", "../../api/case-studies.json")):
        text = html(root / "site", prefix + "about")
        assert f'<a href="{href}">data</a>' in text
        assert "<code>[not a link](api/x.json)</code>" in text
