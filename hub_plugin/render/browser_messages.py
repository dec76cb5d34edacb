"""What the browser's search says (Explore and the header search), in the edition's language.

The scripts are the same files in every edition: the page gives them their words as JSON in a
``data-messages`` attribute. A count's words come in the two forms CLDR names ``one`` and ``other``
(each its own message: French says "0 résultat" as it says "1 résultat"), which the browser picks
with ``Intl.PluralRules`` for the page's language; ``{n}`` is the number and
``{suggestion}`` the link "Did you mean" offers.
"""

from __future__ import annotations

import json

from ..model.messages import N_
from .i18n import gettext

PLAIN = {
    "unavailable": N_("The search index could not be loaded."),
    "loading": N_("Loading the search index…"),
    "suggestion": N_("Did you mean {suggestion}?"),
    "noResult": N_("No result"),
}
COUNTED = {
    "results": (N_("{n} result"), N_("{n} results")),
    "allResults": (N_("All {n} result"), N_("All {n} results")),
    "more": (N_("Show {n} more"), N_("Show {n} more")),
    "browsing": (N_("{n} case study, the most recently added first"), N_("{n} case studies, the most recently added first")),
    "firstShown": (N_(", the first {n} shown"), N_(", the first {n} shown")),
}


def browser_messages(language: str) -> dict[str, object]:
    """The messages, with each count's "one" and "other" forms, in ``language``."""
    messages: dict[str, object] = {key: gettext(language, text) for key, text in PLAIN.items()}
    for key, (one, other) in COUNTED.items():
        messages[key] = {"one": gettext(language, one), "other": gettext(language, other)}
    messages["language"] = language
    return messages


def browser_messages_json(language: str) -> str:
    """For a ``data-messages`` attribute (the template escapes it)."""
    return json.dumps(browser_messages(language), ensure_ascii=False, sort_keys=True)
