"""Related case studies, found through an inverted index instead of comparing pairs.

Each case study is described by features (a partner, the programme, a
theme or its parent, a modality, an SDG, a country), each with a weight.
Two case studies score the sum of the weights of the features they share.

Cost stays near-linear: only *selective* features (held by at most
``candidate_limit`` case studies) are used to find candidates; the common
ones still add to the score of those candidates. Features held by more
than ``common_share`` of the compendium say nothing and are ignored.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from ..model.catalogue import Catalogue
from ..model.records import CaseStudy

Feature = tuple[str, str]

WEIGHTS = {
    "partner": 4.0,
    "programme": 2.0,
    "theme": 2.0,
    "parent-theme": 1.0,
    "country": 1.5,
    "modality": 1.0,
    "sdg": 0.5,
}


@dataclass(frozen=True)
class RelatedSettings:
    top_k: int = 5
    threshold: float = 3.0
    common_share: float = 0.5      # ignore features held by more than half the case studies ...
    common_min_size: int = 10      # ... once the compendium has at least this many
    candidate_limit: int = 50      # features held by more only score, they do not propose
    candidates_scored: int = 50    # per case study, the best-placed candidates get a full score


def features_of(case_study: CaseStudy, catalogue: Catalogue) -> dict[Feature, float]:
    features: dict[Feature, float] = {}
    for ref in case_study.partners:
        features[("partner", ref.id)] = WEIGHTS["partner"]
    if case_study.programme:
        features[("programme", case_study.programme)] = WEIGHTS["programme"]
    themes = catalogue.taxonomy["themes"]
    for theme in case_study.themes:
        features[("theme", theme)] = WEIGHTS["theme"]
        for ancestor in themes.ancestors(theme):
            features.setdefault(("parent-theme", ancestor), WEIGHTS["parent-theme"])
    for modality in case_study.modalities:
        features[("modality", modality)] = WEIGHTS["modality"]
    for goal in case_study.sdgs:
        features[("sdg", str(goal))] = WEIGHTS["sdg"]
    for country in catalogue.countries_of(case_study):
        features[("country", country)] = WEIGHTS["country"]
    return features


DEFAULT_SETTINGS = RelatedSettings()


def related_case_studies(catalogue: Catalogue,
                         settings: RelatedSettings = DEFAULT_SETTINGS) -> dict[str, list[tuple[str, float]]]:
    """For each slug, up to ``top_k`` (slug, score) pairs, best first; deterministic."""
    slugs = sorted(catalogue.case_studies)
    features = {slug: features_of(catalogue.case_studies[slug], catalogue) for slug in slugs}
    postings: dict[Feature, list[str]] = defaultdict(list)
    for slug in slugs:
        for feature in features[slug]:
            postings[feature].append(slug)
    too_common = len(slugs) * settings.common_share if len(slugs) >= settings.common_min_size else float("inf")
    useful = {feature for feature, holders in postings.items() if len(holders) <= too_common}
    # Ties go to the newer case study, then to the smaller slug.
    order = {slug: (catalogue.case_studies[slug].recency, slug) for slug in slugs}

    result: dict[str, list[tuple[str, float]]] = {}
    for slug in slugs:
        own = {feature: weight for feature, weight in features[slug].items() if feature in useful}
        partial: dict[str, float] = defaultdict(float)
        for feature, weight in own.items():
            holders = postings[feature]
            if len(holders) <= settings.candidate_limit:
                for other in holders:
                    partial[other] += weight
        if not partial and own:
            rarest = min(own, key=lambda feature: (len(postings[feature]), feature))
            for other in postings[rarest][: settings.candidate_limit]:
                partial[other] += own[rarest]
        partial.pop(slug, None)
        limit = max(settings.candidates_scored, 10 * settings.top_k)
        candidates = heapq.nsmallest(limit, partial, key=lambda other: (-partial[other], order[other]))
        scored = []
        for other in candidates:
            score = sum(weight for feature, weight in own.items() if feature in features[other])
            if score >= settings.threshold:
                scored.append((-score, order[other], other))
        scored.sort()
        result[slug] = [(other, -negative) for negative, _, other in scored[: settings.top_k]]
    return result
