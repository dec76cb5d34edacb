"""The classic scripts a page loads to search its edition, in load order: the stemmer of the edition's
analysis, the edition's index (``window.HUB_INDEX``), then the engine (``hub-search.js``), which needs both.

Explore's page writes them as ``<script>`` elements; the header's search box adds them one after
another when it is first used (``header.js``, from its ``data-scripts``).
"""

from __future__ import annotations

from .job import SEARCH_INDEX_URI
from .stemmers import analysed_as

SCRIPT_FOLDER = "assets/hub/search/"  # where a build copies hub_plugin/assets/search (build/session.py's ASSET_URI)
STEMMER_SCRIPTS = {  # by language: stemmers.py's stemmer in the browser
    "en": ("stemmer.js",),                    # hubStem, Whoosh's Porter2
    "fr": ("snowball.js", "stemmer-fr.js"),   # hubStemmers.fr, Snowball's French, on Snowball's runtime
    "es": ("snowball.js", "stemmer-es.js"),   # hubStemmers.es
}


def browser_scripts(language: str, prefix: str = "") -> tuple[str, ...]:
    """Site paths of the scripts a page of the edition in ``language``, at folder ``prefix`` ("fr/"), loads."""
    stemmer = STEMMER_SCRIPTS[analysed_as(language)]
    return (*(SCRIPT_FOLDER + name for name in stemmer), prefix + SEARCH_INDEX_URI, SCRIPT_FOLDER + "hub-search.js")
