"""Suggestions that use what contributors remember: a partner's name, a theme's words.

``suggest`` (read/diagnostics) finds ids that are spelt almost alike. A
contributor who writes ``medellin`` for the partner ``alcaldia-de-medellin``,
or a theme in their own words ("participatory budgeting"), needs more: the
names behind the ids, and the nearest terms by what their labels say.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

from ..model.taxonomy import Vocabulary
from ..read.text import fold, slugify

CLOSE = 0.7  # how alike two ids must be to suggest one for the other; below, the words decide
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> set[str]:
    """The words of a text as readers compare them: no accents, no case, no short words."""
    return {word for word in _WORD.findall(fold(text)) if len(word) > 2}


def _stems(found: Iterable[str]) -> set[str]:
    # "budgeting" and "budget", "partnerships" and "partner": the first five letters say enough.
    return {word[:5] for word in found}


def partner_suggestion(value: str, names: Mapping[str, str]) -> str:
    """``; did you mean 'alcaldia-de-medellin' (Alcaldía de Medellín)?`` from ids, names and their words."""
    close = difflib.get_close_matches(value.lower(), sorted(names), n=1, cutoff=CLOSE)
    if close:
        return f"; did you mean '{close[0]}' ({names[close[0]]})?" if names.get(close[0]) else f"; did you mean '{close[0]}'?"
    wanted = words(value.replace("-", " "))
    slug = slugify(value)
    matches = [partner_id for partner_id, name in sorted(names.items())
               if wanted and (wanted <= words(partner_id.replace("-", " ")) | words(name))]
    if not matches:
        by_name = {slugify(name): partner_id for partner_id, name in names.items()}
        matches = [by_name[found] for found in difflib.get_close_matches(slug, list(by_name), n=1, cutoff=CLOSE)]
    if len(matches) == 1:
        return f"; did you mean '{matches[0]}' ({names[matches[0]]})?"
    if matches:
        return "; did you mean one of: " + ", ".join(f"'{match}' ({names[match]})" for match in matches[:5]) + "?"
    return "; use one of: " + ", ".join(sorted(names)) if 0 < len(names) <= 8 else ""


def term_suggestion(value: str, vocabulary: Vocabulary, singular: str) -> str:
    """A close id; else the nearest terms by the words of their labels and descriptions, and how to add one."""
    ids = sorted(vocabulary.terms) + sorted(vocabulary.aliases)
    close = difflib.get_close_matches(value.lower(), ids, n=1, cutoff=CLOSE)
    if close:
        return f"; did you mean '{vocabulary.resolve(close[0]) or close[0]}'?"
    wanted = _stems(words(value.replace("-", " ")))
    scored = []
    for term in vocabulary:
        said = _stems(words(term.id.replace("-", " ")) | words(term.label) | words(term.description))
        shared = len(wanted & said)
        if shared:
            scored.append((-shared, term.id))
    nearest = [term_id for _, term_id in sorted(scored)[:3]]
    proposal = (f"to propose a new {singular}, ask the hub's editors in your pull request "
                f"(they add it to taxonomy.yml)")
    if nearest:
        listed = ", ".join(f"'{term_id}' ({vocabulary.terms[term_id].label})" for term_id in nearest)
        return f"; no {singular} is spelt like it; the nearest by what they cover: {listed}; or, {proposal}"
    if len(vocabulary) <= 12:  # a short list (roles, statuses): say it whole
        return "; use one of: " + ", ".join(sorted(vocabulary.terms))
    return f"; no {singular} is spelt like it or covers those words; {proposal}"
