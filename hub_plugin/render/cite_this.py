"""How to cite a case study ("Cite this case study"): the facts of a citation, and the BibTeX and
CSL-JSON files a reader downloads.

The author is the hub's publisher (a group author, as for any organisation's web
page), the date is the day the case study was first published in the hub (Git),
and the address is the page's full address when ``site_url`` is set. The sentence a
reader sees is worded in ``case_study_links.html``; the files are data, written here.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..derive.urls import Urls
from ..model.catalogue import Catalogue
from ..model.records import CaseStudy
from .site import SiteInfo

CITATIONS = "api/citations"


@dataclass(frozen=True)
class Citation:
    key: str
    author: str
    title: str
    published: str | None     # YYYY-MM-DD
    container: str | None     # the site's name, when it is not the author too
    publisher: str
    url: str | None

    @property
    def year(self) -> str | None:
        return self.published[:4] if self.published else None


def citation(case_study: CaseStudy, site: SiteInfo, urls: Urls, published: str | None) -> Citation:
    return Citation(key=case_study.slug, author=site.author, title=case_study.title, published=published,
                    container=site.name if site.name != site.author else None, publisher=site.author,
                    url=site.absolute(urls.case_study(case_study.slug)))


def catalogue_citations(catalogue: Catalogue, site: SiteInfo, urls: Urls, published: dict[str, str]) -> dict[str, str]:
    """Every case study's citation files, by site path; ``published``: slug -> the day it was first published."""
    return citation_files([citation(case_study, site, urls, published.get(slug))
                           for slug, case_study in sorted(catalogue.case_studies.items())])


def file_paths(slug: str) -> tuple[str, str]:
    """Site paths of the BibTeX and CSL-JSON files of a case study."""
    return f"{CITATIONS}/{slug}.bib", f"{CITATIONS}/{slug}.json"


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")
_BIBTEX_WORDS = {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}


def _bibtex_text(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda found: _BIBTEX_WORDS.get(found.group(1), "\\" + found.group(1)), text)


def bibtex(cited: Citation) -> str:
    fields = [("author", "{" + _bibtex_text(cited.author) + "}"),  # braced: a group author, not "Last, First"
              ("title", _bibtex_text(cited.title)),
              ("howpublished", _bibtex_text(cited.container or cited.publisher)),
              ("publisher", _bibtex_text(cited.publisher)),
              ("note", "Case study")]
    if cited.year:
        fields.append(("year", cited.year))
    if cited.published:
        fields.append(("date", cited.published))
    if cited.url:
        fields.append(("url", cited.url))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{cited.key},\n{body}\n}}\n"


def csl_json(cited: Citation) -> str:
    item: dict = {"id": cited.key, "type": "webpage", "genre": "Case study", "title": cited.title,
                  "author": [{"literal": cited.author}], "publisher": cited.publisher}
    if cited.container:
        item["container-title"] = cited.container
    if cited.published:
        item["issued"] = {"date-parts": [[int(part) for part in cited.published.split("-")]]}
    if cited.url:
        item["URL"] = cited.url
    text = json.dumps([item], ensure_ascii=False, indent=2)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def citation_files(citations: list[Citation]) -> dict[str, str]:
    files = {}
    for cited in citations:
        bib, csl = file_paths(cited.key)
        files[bib] = bibtex(cited)
        files[csl] = csl_json(cited)
    return files
