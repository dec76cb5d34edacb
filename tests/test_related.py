"""Cross-links between case studies: the ones the authors name (both ways) and the
computed "related case studies" (deterministic, top-k, threshold, no all-pairs).

The computed lists are checked against a brute-force reading of the rules the
About page publishes: shared features score points, features held by more
than half of a compendium of ten or more say nothing, a case study is listed
from 3 points, best first, ties to the newer one.
"""

from __future__ import annotations

from collections import Counter

import pytest
from browse_helpers import (  # noqa: F401  (fixtures)
    BuiltHub,
    content_of,
    corpus_hub,
    edge_hub,
    expected_countries,
    generate_corpus,
    hub,
    load,
    parents,
    resolve,
    seed_hub,
    slug_of,
)

import hub_plugin.derive.related as related
from hub_plugin.derive.related import RelatedSettings, related_case_studies
from hub_plugin.model.catalogue import Catalogue

# The About page's table of points.
POINTS = {"partner": 4.0, "programme": 2.0, "theme": 2.0, "parent-theme": 1.0, "country": 1.5,
          "modality": 1.0, "sdg": 0.5}
THRESHOLD = 3.0


def features(catalogue: Catalogue, case_study) -> set[tuple[str, str]]:
    found = {("partner", ref.id) for ref in case_study.partners}
    if case_study.programme:
        found.add(("programme", case_study.programme))
    for theme in case_study.themes:
        found.add(("theme", theme))
        found.update(("parent-theme", parent) for parent in parents(catalogue, "themes", theme))
    found.update(("modality", m) for m in case_study.modalities)
    found.update(("sdg", str(goal)) for goal in case_study.sdgs)
    found.update(("country", c) for c in expected_countries(catalogue, case_study))
    return found


class BruteForce:
    """Every pair scored: the reference the inverted index must agree with."""

    def __init__(self, catalogue: Catalogue, common_share: float = 0.5, common_min_size: int = 10):
        self.catalogue = catalogue
        self.features = {slug: features(catalogue, cs) for slug, cs in catalogue.case_studies.items()}
        n = len(self.features)
        holders = Counter(f for fs in self.features.values() for f in fs)
        self.common = {f for f, count in holders.items() if n >= common_min_size and count > n * common_share}

    def score(self, a: str, b: str) -> float:
        return sum(POINTS[kind] for kind, _ in (self.features[a] & self.features[b]) - self.common)

    def newer_first(self, slug: str) -> tuple:
        period = self.catalogue.case_studies[slug].period
        start = period.start if period else None
        return (-(start.year if start else 0), -((start.month or 0) if start else 0),
                -((start.day or 0) if start else 0), slug)

    def ranked(self, slug: str, candidates=None, top_k: int = 5, threshold: float = THRESHOLD) -> list[tuple[str, float]]:
        scored = [(other, self.score(slug, other)) for other in (candidates or self.features) if other != slug]
        scored = [(other, score) for other, score in scored if score >= threshold]
        scored.sort(key=lambda item: (-item[1], self.newer_first(item[0])))
        return scored[:top_k]


@pytest.fixture(scope="module")
def corpus_catalogue(corpus_hub) -> Catalogue:
    return corpus_hub.catalogue


# -- what the pages show -------------------------------------------------------------------

NAMED, NAMES_THIS = "named by the authors", "names this case study"


def related_shown(built: BuiltHub, slug: str) -> list[tuple[str, str]]:
    """(slug, why) of the one Related section, in the order shown."""
    url = f"case-studies/{slug}/"
    section = content_of(built.page(url)).find("section", cls="hub-related")
    if section is None:
        return []
    shown = []
    for item in section.find_all("li"):
        link = item.find("a")
        why = item.find("span", cls="hub-why")
        shown.append((slug_of(resolve(url, link.attrs["href"])), why.text().strip("()") if why else ""))
    return shown


def crosslinks(built: BuiltHub, slug: str) -> dict[str, list[str]]:
    """The case studies shown as named by the authors and as naming this one."""
    shown: dict[str, list[str]] = {}
    for other, why in related_shown(built, slug):
        if why in (NAMED, NAMES_THIS):
            shown.setdefault(why, []).append(other)
    return shown


@pytest.mark.parametrize("name", ["seed", "corpus", "edge"])
def test_related_named_by_the_authors_are_shown_on_both_pages(request, name):
    built: BuiltHub = request.getfixturevalue(f"{name}_hub")
    catalogue = built.catalogue
    named = {slug: list(cs.related) for slug, cs in catalogue.case_studies.items()}
    referenced_by = {slug: sorted(a for a, targets in named.items() if slug in targets) for slug in named}
    assert any(named.values()), f"the {name} hub names no related case study"
    problems = []
    for slug in catalogue.case_studies:
        shown = crosslinks(built, slug)
        expected = {}
        if named[slug]:
            expected[NAMED] = named[slug]
        back = [other for other in referenced_by[slug] if other not in named[slug]]
        if back:
            expected[NAMES_THIS] = back
        if {k: sorted(v) for k, v in shown.items()} != {k: sorted(v) for k, v in expected.items()}:
            problems.append(f"{slug}: shows {shown}, expected {expected}")
    assert not problems, "\n".join(problems)


def test_the_edge_hub_shows_a_reference_back(edge_hub):
    assert crosslinks(edge_hub, "gamma-un-habitat")[NAMES_THIS] == ["alpha-beta-mentoring"]
    assert crosslinks(edge_hub, "alpha-beta-mentoring")[NAMES_THIS] == ["funders-only"]


def test_each_related_case_study_is_listed_once_and_says_why(seed_hub):
    for slug in seed_hub.catalogue.case_studies:
        shown = related_shown(seed_hub, slug)
        assert len({other for other, _ in shown}) == len(shown), f"{slug} lists a case study twice: {shown}"
        assert all(why for _, why in shown), f"{slug}: {shown}"
    computed = [why for slug in seed_hub.catalogue.case_studies for _, why in related_shown(seed_hub, slug)
                if why not in (NAMED, NAMES_THIS)]
    assert computed, "the seed shows no computed related case study"
    reasons = ("shares partner", "same programme: ", "also on ", "also in ")
    assert all(part.startswith(reasons) for why in computed for part in why.split("; ")), computed


def test_pages_show_the_computed_related_case_studies_best_first_never_themselves(hub):
    reference = BruteForce(hub.catalogue)
    problems = []
    shown_any = False
    for slug in hub.catalogue.case_studies:
        listed = related_shown(hub, slug)
        shown = [other for other, why in listed if why not in (NAMED, NAMES_THIS)]
        named_or_back = {other for other, why in listed if why in (NAMED, NAMES_THIS)}
        shown_any = shown_any or bool(shown)
        expected = [other for other, _ in reference.ranked(slug, top_k=5) if other not in named_or_back]
        if slug in shown:
            problems.append(f"{slug} lists itself")
        if shown != expected:
            problems.append(f"{slug}: shows {shown}, expected {expected}")
    assert shown_any
    assert not problems, "\n".join(problems[:20])


# -- the computation ----------------------------------------------------------------------

@pytest.mark.parametrize("top_k", [2, 5])
def test_related_agrees_with_scoring_every_pair(seed_hub, corpus_catalogue, top_k):
    for catalogue in (seed_hub.catalogue, corpus_catalogue):
        result = related_case_studies(catalogue, RelatedSettings(top_k=top_k))
        reference = BruteForce(catalogue)
        assert set(result) == set(catalogue.case_studies)
        problems = []
        for slug, listed in result.items():
            if len(listed) > top_k:
                problems.append(f"{slug}: {len(listed)} related, top_k is {top_k}")
            if slug in [other for other, _ in listed]:
                problems.append(f"{slug} is related to itself")
            if listed != reference.ranked(slug, top_k=top_k):
                problems.append(f"{slug}: {listed} != {reference.ranked(slug, top_k=top_k)}")
        assert not problems, "\n".join(problems[:20])
    assert any(len(listed) == top_k for listed in result.values())


def test_related_is_deterministic_whatever_the_order_the_files_were_read_in(corpus_catalogue):
    first = related_case_studies(corpus_catalogue)
    assert related_case_studies(corpus_catalogue) == first
    reversed_catalogue = Catalogue(corpus_catalogue.taxonomy,
                                   dict(reversed(list(corpus_catalogue.case_studies.items()))),
                                   dict(reversed(list(corpus_catalogue.partners.items()))))
    assert related_case_studies(reversed_catalogue) == first


def test_related_respects_the_threshold(corpus_catalogue):
    wide = related_case_studies(corpus_catalogue, RelatedSettings(top_k=1000, threshold=THRESHOLD))
    assert all(score >= THRESHOLD for listed in wide.values() for _, score in listed)
    for threshold in (4.0, 6.5):
        strict = related_case_studies(corpus_catalogue, RelatedSettings(top_k=1000, threshold=threshold))
        for slug, listed in wide.items():
            assert strict[slug] == [(o, s) for o, s in listed if s >= threshold], (slug, threshold)
    assert all(not listed for listed in
               related_case_studies(corpus_catalogue, RelatedSettings(threshold=1000.0)).values())


def test_a_feature_most_case_studies_share_scores_nothing(corpus_catalogue):
    reference = BruteForce(corpus_catalogue)
    # With 120 case studies nothing is held by more than half...
    assert not reference.common
    # ...but with a share of 10% the common features stop scoring.
    lowered = BruteForce(corpus_catalogue, common_share=0.1)
    assert lowered.common
    result = related_case_studies(corpus_catalogue, RelatedSettings(common_share=0.1))
    for slug, listed in result.items():
        assert listed == lowered.ranked(slug), slug


# -- not every pair ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_catalogues(tmp_path_factory) -> dict[int, Catalogue]:
    """Corpora of 500 and 2,000 case studies (short bodies; not built, only loaded)."""
    catalogues = {}
    for n in (500, 2000):
        root = generate_corpus(tmp_path_factory.mktemp(f"corpus{n}") / "hub", n, words=20)
        catalogues[n] = load(root)
    return catalogues


class ScoringCounter:
    """Counts how many times one case study's features are looked up while scoring another.

    ``features_of`` is wrapped so that each case study's features answer
    ``feature in features`` through a counter: scoring a candidate asks that
    once per feature of the case study being scored, whatever the candidate
    search looks like. Deterministic, unlike timing.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch):
        self.lookups = 0
        counter = self
        original = related.features_of

        class CountingFeatures(dict):
            def __contains__(self, feature):
                counter.lookups += 1
                return dict.__contains__(self, feature)

        monkeypatch.setattr(related, "features_of", lambda *args: CountingFeatures(original(*args)))

    def run(self, catalogue: Catalogue, settings: RelatedSettings = RelatedSettings()) -> tuple[dict, int]:
        self.lookups = 0
        result = related_case_studies(catalogue, settings)
        if any(result.values()) and not self.lookups:
            pytest.fail("related_case_studies no longer scores through 'feature in features_of(...)'; "
                        "update ScoringCounter")
        return result, self.lookups


def test_with_a_small_candidate_limit_results_stay_correct_and_few_pairs_are_scored(big_catalogues, monkeypatch):
    catalogue = big_catalogues[2000]
    n = len(catalogue.case_studies)
    settings = RelatedSettings(candidate_limit=20)
    result, lookups = ScoringCounter(monkeypatch).run(catalogue, settings)
    reference = BruteForce(catalogue)
    problems = []
    for slug, listed in result.items():
        others = [other for other, _ in listed]
        if slug in others or len(listed) > settings.top_k or len(set(others)) != len(others):
            problems.append(f"{slug}: {listed}")
        for other, score in listed:
            if score != reference.score(slug, other) or score < settings.threshold:
                problems.append(f"{slug} -> {other}: score {score}, every pair scored gives {reference.score(slug, other)}")
        # Best first among what it found: the same list as scoring only those candidates.
        if listed != reference.ranked(slug, candidates=others, top_k=settings.top_k):
            problems.append(f"{slug}: {listed} not best first")
    assert not problems, "\n".join(problems[:20])
    assert sum(bool(listed) for listed in result.values()) > 0.9 * n, "most case studies should still find related ones"
    max_features = max(len(features(catalogue, cs)) for cs in catalogue.case_studies.values())
    # Each candidate scored costs at most max_features look-ups, and a case study
    # can only find candidates through its features, each proposing at most candidate_limit.
    assert lookups <= n * max_features * (max_features * settings.candidate_limit)
    every_pair = sum(len(features(catalogue, cs)) for cs in catalogue.case_studies.values()) * (n - 1)
    assert lookups < 0.1 * every_pair, f"{lookups} look-ups; scoring every pair takes about {every_pair}"


def test_related_work_grows_far_less_than_quadratically_counted_not_timed(big_catalogues, monkeypatch):
    """4x the case studies: linear work is 4x the pairs scored, all pairs 16x; asks for under 8x.

    Scorings are counted (deterministic), not timed: speed is measured in benchmarks.
    """
    counter = ScoringCounter(monkeypatch)
    lookups = {n: counter.run(catalogue)[1] for n, catalogue in big_catalogues.items()}
    ratio = lookups[2000] / lookups[500]
    assert ratio < 8, f"feature look-ups while scoring: {lookups}; 2,000/500 = {ratio:.1f}x"
