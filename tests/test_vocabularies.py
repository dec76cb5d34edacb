"""The registry describes each vocabulary once; the stages read it instead of tables of their own."""

from __future__ import annotations

from helpers import REPO_TAXONOMY

from hub_plugin.check.taxonomy import REQUIRED_VOCABULARIES, load_taxonomy
from hub_plugin.derive.browse import browse_pages
from hub_plugin.derive.urls import Urls
from hub_plugin.hosts.cli.main import _parser
from hub_plugin.model.catalogue import Catalogue
from hub_plugin.model.vocabularies import BROWSABLE, CARRIED, FACETS, LINK_PREFIXES, REGISTRY, VOCABULARIES, spec_of
from hub_plugin.read.diagnostics import Report


def taxonomy():
    return load_taxonomy(REPO_TAXONOMY, "taxonomy.yml", Report())


def test_every_vocabulary_of_taxonomy_yml_is_described_and_required():
    assert set(REQUIRED_VOCABULARIES) == set(taxonomy().vocabularies)
    assert all(name in VOCABULARIES for name in taxonomy().vocabularies)


def test_each_browsable_vocabulary_has_a_folder_a_link_prefix_and_a_facet():
    for spec in BROWSABLE:
        assert Urls.source(spec.id) == f"{spec.folder}/index.md"
        assert LINK_PREFIXES[spec.singular] is spec and LINK_PREFIXES[spec.id] is spec
        assert spec.id in FACETS
    assert FACETS[0] == "kind" and len(set(FACETS)) == len(FACETS)


def test_case_studies_carry_every_facet_and_nothing_else():
    assert {spec.id for spec in CARRIED} == set(FACETS[1:])
    for spec in CARRIED:
        assert (spec.case_study_field is None) != (spec.derived_by is None), spec.id


def test_browse_pages_follow_the_registry():
    catalogue = Catalogue(taxonomy())
    pages = browse_pages(catalogue)
    indexes = [page for page in pages if page.kind == "vocabulary"]
    assert [page.vocabulary for page in indexes] == [spec.id for spec in BROWSABLE]
    assert [page.title for page in indexes][:3] == ["Themes", "Modalities", "Sustainable Development Goals"]
    sdg = next(page for page in pages if page.kind == "term" and page.vocabulary == "sdgs" and page.term_id == "11")
    assert sdg.title.startswith("SDG 11: ")  # not "SDG: SDG 11: "
    theme = next(page for page in pages if page.kind == "term" and page.vocabulary == "themes")
    assert theme.title.startswith("Theme: ")


def test_the_cli_has_a_filter_for_each_facet():
    search = _parser()._subparsers._group_actions[0].choices["search"]  # type: ignore[union-attr]
    flags = {option for action in search._actions for option in action.option_strings}
    assert {f"--{spec.singular}" for spec in CARRIED} | {"--kind"} <= flags


def test_a_vocabulary_the_registry_does_not_know_gets_plain_defaults():
    spec = spec_of("neighbourhoods")
    assert not spec.nested and not spec.browsable and spec.title() == "neighbourhoods"


def test_ids_are_unique_across_the_registry():
    assert len({spec.id for spec in REGISTRY}) == len(REGISTRY)
    assert len({spec.singular for spec in BROWSABLE}) == len(BROWSABLE)
