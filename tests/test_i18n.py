"""Every word the hub writes goes through its gettext catalogues (``hub_plugin/locale``), in every edition.

The msgid is the English text; ``hub.pot`` is extracted by Babel from the code and the
templates (``babel.cfg``); French and Spanish translate every message of it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from hub_plugin.derive.urls import Urls
from hub_plugin.render.i18n import N_, catalogue_path, gettext, ngettext, translations
from hub_plugin.render.renderer import Renderer
from hub_plugin.render.words import date_words, period_words
from tests.helpers import CASE_STUDY_PATH, case_study, load, make_hub

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "hub_plugin" / "locale"
LANGUAGES = ("fr", "es")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|\{[a-z_]+\}")


def _key(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else tuple(message.id))


def extracted_now() -> set[tuple]:
    """Every message the code and the templates hold today, as ``pybabel extract -F babel.cfg -k N_`` finds them."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _filename, _lineno, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found.add((context, message if isinstance(message, str) else tuple(message)))
    return found


def catalogue(language: str | None = None):
    path = LOCALE / "hub.pot" if language is None else catalogue_path(language)
    with path.open("rb") as po:
        return read_po(po, locale=language)


def test_every_message_of_the_code_and_the_templates_is_in_the_template_catalogue():
    # A new string in a template or marked in Python needs `pybabel extract` (and its translations) before it ships.
    template = {_key(message) for message in catalogue() if message.id}
    missing = extracted_now() - template
    assert not missing, f"not in hub.pot (run pybabel extract, then update and translate): {sorted(map(str, missing))}"


def test_the_template_catalogue_holds_no_message_the_code_no_longer_has():
    stale = {_key(message) for message in catalogue() if message.id} - extracted_now()
    assert not stale, f"in hub.pot but no longer in the code: {sorted(map(str, stale))}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language):
    template = {_key(message) for message in catalogue() if message.id}
    translated = catalogue(language)
    assert not translated.fuzzy
    messages = {_key(message): message for message in translated if message.id}
    assert template <= set(messages), f"untranslated in {language}: {sorted(map(str, template - set(messages)))}"
    for key, message in messages.items():
        assert not message.fuzzy, f"{language}: fuzzy {key}"
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        assert all(text.strip() for text in strings), f"{language}: empty translation of {key}"
        if isinstance(message.id, tuple):
            assert len(strings) == translated.num_plurals, f"{language}: plural forms of {key}"
        wanted = sorted(set(PLACEHOLDER.findall(ids[-1])))
        for text in strings:
            assert sorted(set(PLACEHOLDER.findall(text))) == wanted, f"{language}: placeholders of {key}: {text!r}"


def test_the_catalogues_are_compiled_once_per_process_and_english_is_the_text_itself():
    assert translations("fr") is translations("fr")
    assert type(translations("en")).__name__ == "NullTranslations"
    assert gettext("en", "Lessons") == "Lessons"
    assert gettext("fr", "Lessons") == "Enseignements"
    assert gettext("es", "Lessons") == "Lecciones aprendidas"
    assert ngettext("fr", "%(num)s case study", "%(num)s case studies", 2) == "%(num)s études de cas"
    assert N_("Related case studies") == "Related case studies"


def test_a_language_without_a_catalogue_reads_the_english_text():
    assert not catalogue_path("pt").exists()
    assert type(translations("pt")).__name__ == "NullTranslations"
    assert gettext("pt", "Sources") == "Sources"


def test_dates_and_periods_in_words_in_each_language():
    from hub_plugin.model.dates import PartialDate, Period

    assert period_words(Period(PartialDate(2012)), "fr") == "depuis 2012"
    assert period_words(Period(PartialDate(2012)), "es") == "desde 2012"
    assert date_words(PartialDate(2012, qualifier="about"), "fr") == "vers 2012"
    assert date_words(PartialDate(2010, qualifier="by"), "fr") == "au plus tard en 2010"
    assert date_words(PartialDate(2013, qualifier="before"), "es") == "antes de 2013"
    assert period_words(Period(PartialDate(2015, 2), PartialDate(2017)), "fr") == "février 2015 – 2017"
    assert period_words(Period(PartialDate(2015, 2), PartialDate(2017)), "es") == "febrero de 2015 – 2017"
    assert period_words(Period(PartialDate(2016, 8, 3)), "fr") == "depuis le 3 août 2016"
    # English as the hub always wrote it.
    assert period_words(Period(PartialDate(2015, 2), PartialDate(2017))) == "February 2015 – 2017"
    assert period_words(Period(PartialDate(2010, qualifier="by"))) == "under way by 2010"
    assert date_words(PartialDate(2024, 5, 3)) == "3 May 2024"


def facts(tmp_path: Path, language: str, period: str = "period: {start: 2015-02, end: 2017}") -> str:
    root = make_hub(tmp_path / language, {CASE_STUDY_PATH: case_study(period=period)})
    catalogue_, report = load(root)
    assert not report.has_errors, report.format()
    (slug,) = catalogue_.case_studies
    renderer = Renderer(catalogue_, Urls(), language=language)
    assert renderer.language == language
    return renderer.case_study_facts(catalogue_.case_studies[slug], Urls().case_study(slug))


def test_a_french_fact_box_is_in_french(tmp_path):
    html = facts(tmp_path, "fr")
    assert "<dt>Partenaires</dt>" in html and "<dt>Période</dt>" in html and "<dt>Thèmes</dt>" in html
    assert 'aria-label="L&#39;essentiel"' in html or "aria-label=\"L'essentiel\"" in html
    assert "Afrique du Sud" in html  # CLDR's name (Beta Town, ZA)
    assert "février 2015 – 2017" in html
    catalogue_, _ = load(tmp_path / "fr")
    roles = catalogue_.taxonomy["roles"].terms
    assert roles["mentee"].labels["fr"] != roles["mentee"].labels["en"]
    assert f"({roles['mentor'].labels['fr']}, Afrique du Sud)" in html and f"({roles['mentee'].labels['fr']}, Malawi)" in html
    assert "ODD 11" in html
    assert "<dt>Partners</dt>" not in html and "South Africa" not in html
    assert "depuis 2012" in facts(tmp_path / "open", "fr", "period: {start: 2012}")


def test_a_spanish_fact_box_is_in_spanish(tmp_path):
    html = facts(tmp_path, "es")
    assert "<dt>Socios</dt>" in html and "<dt>Período</dt>" in html and "Datos clave" in html
    assert "Sudáfrica" in html
    assert "febrero de 2015 – 2017" in html
    assert "ODS 11" in html
    assert "desde 2012" in facts(tmp_path / "open", "es", "period: {start: 2012}")


def test_a_language_without_a_catalogue_renders_english(tmp_path):
    html = facts(tmp_path, "pt")
    assert "<dt>Partners</dt>" in html and "<dt>Period</dt>" in html


def test_english_is_unchanged_by_the_catalogues(tmp_path):
    html = facts(tmp_path, "en")
    assert "<dt>Partners</dt>" in html and "South Africa" in html and "February 2015 – 2017" in html
    assert 'aria-label="Key facts"' in html
