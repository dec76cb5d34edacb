"""The site's editions: one per configured language, the default at the root and the others in their folder.

Every page exists in every edition at the same path below the edition's folder
(``about.md``, ``fr/about.md``), so relative links between pages stay the same in
all of them; the language switch leads from a page to the same page elsewhere.
A hand-written page is translated by a file beside it, ``about.fr.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..derive.browse import BrowsePage
from ..model.catalogue import Catalogue
from ..model.messages import N_
from ..model.vocabularies import spec_of
from ..read.files import TRANSLATED_NAME
from ..render.i18n import language_name, translations

__all__ = ["NAV_TITLES", "Edition", "browse_title", "edition_of", "editions", "language_name", "translated_page"]


# The default navigation's titles (mkdocs.yml as `hub new-project` writes it), so that the catalogues
# translate them; a title of a site's own is shown as its page's title in the edition.
NAV_TITLES = (N_("Home"), N_("Browse"), N_("All case studies"), N_("Themes"), N_("Modalities"), N_("SDGs"),
              N_("Regions"), N_("Countries"), N_("Programmes"), N_("Partners"), N_("Who works where"),
              N_("Map of partnerships"), N_("Explore"), N_("Contribute"), N_("About"), N_("Open data"))


@dataclass(frozen=True)
class Edition:
    language: str
    prefix: str  # its folder in the site, "fr/"; empty for the default language's edition

    @property
    def is_default(self) -> bool:
        return not self.prefix

    def src_uri(self, base: str) -> str:
        """Where the page at ``base`` (a path of the default edition) is in this edition."""
        return self.prefix + base


def editions(languages: Sequence[str]) -> list[Edition]:
    """The editions of ``languages`` (the hub's option), the default language's first."""
    return [Edition(language, "" if number == 0 else f"{language}/") for number, language in enumerate(languages)]


def edition_of(src_uri: str, all_editions: Sequence[Edition]) -> tuple[Edition, str]:
    """The edition a page belongs to, and the page's path in the default edition."""
    for edition in all_editions[1:]:
        if src_uri.startswith(edition.prefix):
            return edition, src_uri[len(edition.prefix):]
    return all_editions[0], src_uri


def translated_page(src_uri: str, languages: Iterable[str]) -> tuple[str, str] | None:
    """("about.md", "fr") for ``about.fr.md``, a translation of a page; None for any other file."""
    found = TRANSLATED_NAME.match(src_uri.rsplit("/", 1)[-1])
    if found is None or found["language"] not in set(languages):
        return None
    folder = src_uri[: len(src_uri) - len(found.group(0))]
    return folder + found["stem"] + ".md", found["language"]


def browse_title(catalogue: Catalogue, page: BrowsePage, language: str) -> str:
    """A browse page's title in ``language``: a vocabulary's name, a term's title, or the page's own."""
    gettext = translations(language).gettext
    if page.vocabulary and page.kind in ("vocabulary", "term"):
        spec = spec_of(page.vocabulary)
        if page.kind == "vocabulary":
            return gettext(spec.title())
        if page.term_id:
            return gettext(spec.page_title).format(one=gettext(spec.one_title()),
                                                   term=catalogue.term_title(spec, page.term_id, language))
    return gettext(page.title)
