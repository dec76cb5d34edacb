"""Browse pages that exist only in the build: vocabulary indexes, term pages, the
list of all case studies, the coordination matrix, the home page and partner pages.

Every expectation is computed here from the front matter (see
``browse_helpers.expected_terms``), not read from the plugin's own indexes.
"""

from __future__ import annotations

import json
import re

import pycountry
import pytest
from browse_helpers import (  # noqa: F401  (fixtures)
    INDEX_PAGES,
    NESTED,
    TERM_VOCABULARIES,
    BuiltHub,
    card_slugs,
    content_of,
    corpus_hub,
    count_in,
    edge_hub,
    expected_countries,
    hub,
    parents,
    region_of,
    resolve,
    seed_hub,
    seed_rebuild,
    term_url,
)


def label(hub: BuiltHub, vocabulary: str, term_id: str) -> str:
    if vocabulary == "countries":
        return pycountry.countries.get(alpha_2=term_id).name
    text = hub.catalogue.taxonomy[vocabulary].terms[term_id].label
    return f"SDG {term_id}: {text}" if vocabulary == "sdgs" else text


def term_of(url: str, vocabulary: str) -> str:
    match = re.fullmatch(rf"{vocabulary}/([a-z0-9-]+)/", url)
    assert match, f"{url} is not a page of a term of {vocabulary}"
    term_id = match.group(1)
    return term_id.upper() if vocabulary == "countries" else term_id


def index_entries(hub: BuiltHub, vocabulary: str) -> dict[str, tuple[str, int]]:
    """term id -> (text of its link, count) as the vocabulary's index page shows them."""
    url = f"{vocabulary}/"
    article = content_of(hub.page(url))
    entries: dict[str, tuple[str, int]] = {}
    if vocabulary == "partners":
        for row in article.find("tbody").child_nodes("tr"):
            cells = row.child_nodes("td")
            link = cells[0].find("a")
            partner_id = re.fullmatch(r"partners/([a-z0-9-]+)/", resolve(url, link.attrs["href"])).group(1)
            entries[partner_id] = (link.text(), int(cells[3].text()))
        return entries
    lists = article.find_all("ul", cls="hub-tree" if vocabulary != "countries" else "hub-list")
    assert lists, f"no list of terms on /{url}"
    for ul in lists:
        for li in ul.child_nodes("li"):
            link = li.child_nodes("a")[0]
            count = [span for span in li.child_nodes("span") if "hub-count" in span.classes][0]
            term_id = term_of(resolve(url, link.attrs["href"]), vocabulary)
            assert term_id not in entries, f"/{url} lists {term_id} twice"
            entries[term_id] = (link.text(), count_in(count.text()))
    return entries


def heading_count(hub: BuiltHub, url: str) -> int:
    heading = content_of(hub.page(url)).find("h2", id="case-studies")
    assert heading is not None, f"/{url} has no 'N case studies' heading"
    match = re.fullmatch(r"(\d+) case stud(?:y|ies)", heading.text())
    assert match, heading.text()
    return int(match.group(1))


# -- the pages exist in the build only ------------------------------------------------------

def test_browse_pages_are_built_for_every_vocabulary_and_term(hub):
    missing = []
    for vocabulary in INDEX_PAGES + ("status",):
        if not (hub.site / vocabulary / "index.html").is_file():
            missing.append(f"/{vocabulary}/")
    for vocabulary in TERM_VOCABULARIES:
        for term_id in hub.term_ids(vocabulary):
            if not (hub.site / term_url(vocabulary, term_id) / "index.html").is_file():
                missing.append(f"/{term_url(vocabulary, term_id)}")
    for url in ("case-studies/", "coordination/", ""):
        if not (hub.site / url / "index.html").is_file():
            missing.append(f"/{url}")
    assert not missing, "pages not built:\n" + "\n".join(missing)
    for sdg in range(1, 18):
        assert (hub.site / "sdgs" / str(sdg) / "index.html").is_file()
    for code in hub.term_ids("countries"):
        assert (hub.site / "countries" / code.lower() / "index.html").is_file(), code


def test_a_build_writes_nothing_into_content(seed_rebuild, corpus_hub, edge_hub):
    for built in (seed_rebuild, corpus_hub, edge_hub):
        assert built.content_before == built.content_after, (
            f"{built.name}: the build changed content/: "
            f"added {sorted(built.content_after - built.content_before)}, "
            f"removed {sorted(built.content_before - built.content_after)}")
        records = {f"programmes/{programme_id}.md" for programme_id in built.catalogue.programmes}  # content files
        generated = [name for name in built.content_after - records
                     if name.split("/")[0] in TERM_VOCABULARIES + ("coordination", "api")
                     or name in ("case-studies/index.md", "partners/index.md")]
        assert not generated, f"{built.name}: generated pages written into content/: {generated}"


# -- vocabulary index pages -----------------------------------------------------------------

@pytest.mark.parametrize("vocabulary", ["themes", "modalities", "sdgs", "regions", "countries", "programmes",
                                        "status", "partners"])
def test_a_vocabulary_index_lists_every_term_with_its_label_and_count(hub, vocabulary):
    entries = index_entries(hub, vocabulary)
    assert sorted(entries) == sorted(hub.term_ids(vocabulary))
    problems = []
    for term_id, (text, count) in entries.items():
        if vocabulary == "partners":
            expected_label = hub.catalogue.partners[term_id].name
            expected_count = sum(term_id in terms["partners"] for terms in hub.terms.values())
        else:
            expected_label = label(hub, vocabulary, term_id)
            expected_count = len(hub.members.get((vocabulary, term_id), ()))
        if text != expected_label:
            problems.append(f"{term_id}: label {text!r}, expected {expected_label!r}")
        if count != expected_count:
            problems.append(f"{term_id}: count {count}, expected {expected_count}")
    assert not problems, f"/{vocabulary}/ on the {hub.name} hub:\n" + "\n".join(problems)


@pytest.mark.parametrize("vocabulary", NESTED)
def test_nested_terms_are_shown_as_a_tree_whose_counts_include_the_children(hub, vocabulary):
    url = f"{vocabulary}/"
    article = content_of(hub.page(url))
    item_of = {}
    for li in article.find_all("li"):
        links = li.child_nodes("a")
        if links:
            item_of[term_of(resolve(url, links[0].attrs["href"]), vocabulary)] = li
    terms = hub.catalogue.taxonomy[vocabulary].terms
    assert set(item_of) == set(terms)
    children_seen = 0
    for term in terms.values():
        if not term.parent:
            continue
        children_seen += 1
        assert item_of[term.parent] in list(item_of[term.id].ancestors()), (
            f"{term.id}'s <li> is not inside the <li> of its parent {term.parent}")
        parent_members = hub.members.get((vocabulary, term.parent), set())
        assert hub.members.get((vocabulary, term.id), set()) <= parent_members
    assert children_seen, f"{vocabulary} has no nested term to check"
    entries = index_entries(hub, vocabulary)
    for term in terms.values():
        descendants = {t.id for t in terms.values() if term.id in parents(hub.catalogue, vocabulary, t.id)}
        union = set().union(*(hub.members.get((vocabulary, t), set()) for t in descendants | {term.id}))
        assert entries[term.id][1] == len(union), term.id


def test_the_countries_index_groups_countries_by_their_region(hub):
    article = content_of(hub.page("countries/"))
    headings = [h for h in article.find_all("h2") if (h.attrs.get("id") or "").startswith("region-")]
    assert headings
    seen = set()
    for heading in headings:
        region = heading.attrs["id"].removeprefix("region-")
        siblings = heading.parent.child_nodes()
        ul = siblings[siblings.index(heading) + 1]
        assert ul.tag == "ul"
        for link in ul.find_all("a"):
            code = term_of(resolve("countries/", link.attrs["href"]), "countries")
            seen.add(code)
            assert (region_of(hub.catalogue, code) or "none") == region, (code, region)
    assert seen == set(hub.term_ids("countries"))


# -- term pages -----------------------------------------------------------------------------

@pytest.mark.parametrize("vocabulary", TERM_VOCABULARIES)
def test_a_term_page_lists_exactly_its_case_studies_newest_first(hub, vocabulary):
    problems = []
    for term_id in hub.term_ids(vocabulary):
        url = term_url(vocabulary, term_id)
        expected = hub.ordered(hub.members.get((vocabulary, term_id), set()))
        shown = card_slugs(content_of(hub.page(url)), url)
        if set(shown) != set(expected):
            problems.append(f"/{url}: missing {sorted(set(expected) - set(shown))}, "
                            f"extra {sorted(set(shown) - set(expected))}")
        elif shown != expected:
            problems.append(f"/{url}: order {shown}, expected {expected}")
        if heading_count(hub, url) != len(expected):
            problems.append(f"/{url}: heading says {heading_count(hub, url)}, expected {len(expected)}")
    assert not problems, "\n".join(problems)


def test_term_pages_are_titled_and_link_back_to_their_vocabulary(hub):
    for vocabulary in TERM_VOCABULARIES:
        for term_id in hub.term_ids(vocabulary)[:5]:
            url = term_url(vocabulary, term_id)
            document = hub.page(url)
            article = content_of(document)
            assert label(hub, vocabulary, term_id) in article.find("h1").text()
            crumbs = article.find("p", cls="hub-breadcrumbs")
            assert f"{vocabulary}/" in {resolve(url, a.attrs["href"]) for a in crumbs.find_all("a")}, url


@pytest.mark.parametrize("vocabulary", NESTED)
def test_a_term_page_links_to_its_parent_and_its_children_with_counts(hub, vocabulary):
    terms = hub.catalogue.taxonomy[vocabulary].terms
    problems = []
    for term in terms.values():
        url = term_url(vocabulary, term.id)
        article = content_of(hub.page(url))
        crumbs = {resolve(url, a.attrs["href"]) for a in article.find("p", cls="hub-breadcrumbs").find_all("a")}
        if term.parent and term_url(vocabulary, term.parent) not in crumbs:
            problems.append(f"/{url} does not link to its parent {term.parent}")
        if not term.parent and any(c.startswith(f"{vocabulary}/") and c != f"{vocabulary}/" for c in crumbs):
            problems.append(f"/{url} has no parent but links to {crumbs}")
        narrower = [p for p in article.find_all("p") if p.text().startswith("Narrower:")]
        children = [t.id for t in terms.values() if t.parent == term.id]
        shown: dict[str, int] = {}
        if narrower:
            nodes = narrower[0].children
            for index, node in enumerate(nodes):
                if getattr(node, "tag", None) == "a":
                    following = nodes[index + 1] if index + 1 < len(nodes) else ""
                    shown[term_of(resolve(url, node.attrs["href"]), vocabulary)] = count_in(str(following))
        expected = {child: len(hub.members.get((vocabulary, child), ())) for child in children}
        if shown != expected:
            problems.append(f"/{url}: narrower terms {shown}, expected {expected}")
    assert not problems, "\n".join(problems)


def test_a_country_page_links_to_its_region_and_its_partners(hub):
    for code in hub.term_ids("countries"):
        url = term_url("countries", code)
        article = content_of(hub.page(url))
        targets = {resolve(url, a.attrs["href"]) for a in article.find_all("a")}
        region = region_of(hub.catalogue, code)
        if region:
            assert term_url("regions", region) in targets, url
        for partner in hub.catalogue.partners.values():
            if partner.country == code:
                assert f"partners/{partner.id}/" in targets, (url, partner.id)


# -- home, all case studies, coordination ----------------------------------------------------

def test_the_home_page_shows_counts_the_newest_case_studies_and_every_entry_point(hub):
    article = content_of(hub.page(""))
    counts = article.find("p", cls="hub-counts").text()
    catalogue = hub.catalogue
    assert f"{len(catalogue.case_studies)} case studies" in counts
    assert f"{len(catalogue.partners)} partners" in counts
    assert f"{len(hub.term_ids('countries'))} countries" in counts
    newest = card_slugs(article.find("div", cls="hub-cards"), "")
    assert newest == hub.ordered(catalogue.case_studies)[:len(newest)]
    assert 3 <= len(newest) <= len(catalogue.case_studies)
    entry_points = article.find("ul", cls="hub-entry-points")
    sizes = {}
    for li in entry_points.child_nodes("li"):
        link = li.child_nodes("a")[0]
        sizes[resolve("", link.attrs["href"])] = li.text()
    for vocabulary in INDEX_PAGES:
        assert f"{vocabulary}/" in sizes, f"no entry point to /{vocabulary}/"
        assert count_in(sizes[f"{vocabulary}/"]) == len(hub.term_ids(vocabulary)), vocabulary
    assert "coordination/" in sizes
    all_links = {resolve("", a.attrs["href"]) for a in article.find_all("a")}
    assert "case-studies/" in all_links


def test_the_home_page_shows_the_broad_themes_as_tiles_with_their_counts(hub):
    article = content_of(hub.page(""))
    tiles = article.find("ul", cls="hub-tiles")
    assert tiles is not None
    shown = {}
    for li in tiles.child_nodes("li"):
        theme = term_of(resolve("", li.find("a").attrs["href"]), "themes")
        shown[theme] = int(li.find("span", cls="hub-tile__count").text().split()[0])
    roots = [term.id for term in hub.catalogue.taxonomy["themes"] if not term.parent]
    expected = {theme: len(hub.members.get(("themes", theme), ())) for theme in roots}
    assert shown == {theme: n for theme, n in expected.items() if n}
    assert list(shown) == [theme for theme in roots if expected[theme]]


def test_the_list_of_all_case_studies_shows_every_one_newest_first(hub):
    url = "case-studies/"
    article = content_of(hub.page(url))
    listed = []
    for li in article.find("ul", cls="hub-list").child_nodes("li"):
        listed.append(resolve(url, li.child_nodes("a")[0].attrs["href"]).split("/")[1])
    assert listed == hub.ordered(hub.catalogue.case_studies)
    assert f"{len(listed)} case studies" in article.text()


def test_the_coordination_matrix_counts_case_studies_by_country_and_top_level_theme(hub):
    url = "coordination/"
    table = content_of(hub.page(url)).find("table", cls="hub-matrix")
    assert table is not None
    header = table.find("thead").find_all("th")
    columns = [term_of(resolve(url, th.find("a").attrs["href"]), "themes") for th in header[1:-1]]
    roots = [term.id for term in hub.catalogue.taxonomy["themes"] if not term.parent]
    assert columns == roots
    rows = {}
    problems = []
    for tr in table.find("tbody").child_nodes("tr"):
        code = term_of(resolve(url, tr.find("th").find("a").attrs["href"]), "countries")
        cells = tr.child_nodes("td")
        assert len(cells) == len(columns) + 1
        rows[code] = cells
        here = hub.members.get(("countries", code), set())
        if count_in(f"({cells[-1].text()})") != len(here):
            problems.append(f"{code}: total {cells[-1].text()}, expected {len(here)}")
        for theme, cell in zip(columns, cells):
            expected = len(here & hub.members.get(("themes", theme), set()))
            link = cell.find("a")
            shown = int(link.text()) if link else 0
            if shown != expected or (cell.text() and not link):
                problems.append(f"{code} × {theme}: {cell.text()!r}, expected {expected}")
                continue
            if link:
                href = link.attrs["href"]
                target, _, fragment = href.partition("#")
                if resolve(url, target) != term_url("countries", code) or fragment != f"theme-{theme}":
                    problems.append(f"{code} × {theme} links to {href}")
                elif content_of(hub.page(term_url("countries", code))).find(id=fragment) is None:
                    problems.append(f"{code} × {theme}: #{fragment} is not on /{term_url('countries', code)}")
    with_case_studies = {code for code in hub.term_ids("countries") if hub.members.get(("countries", code))}
    assert set(rows) == with_case_studies
    assert not problems, "\n".join(problems)


def test_counts_agree_between_index_pages_term_pages_and_the_open_data(hub):
    records = json.loads((hub.site / "api" / "case-studies.json").read_text(encoding="utf-8"))
    themes = hub.catalogue.taxonomy["themes"]

    def in_record(record, vocabulary, term_id) -> bool:
        if vocabulary == "themes":
            return any(t == term_id or term_id in themes.ancestors(t) for t in record["themes"])
        if vocabulary == "programmes":
            return record["programme"] == term_id
        if vocabulary == "status":
            return record["status"] == term_id
        if vocabulary == "sdgs":
            return term_id in [str(goal) for goal in record["sdgs"]]
        return term_id in record[vocabulary]

    problems = []
    for vocabulary in TERM_VOCABULARIES:
        entries = index_entries(hub, vocabulary)
        for term_id in hub.term_ids(vocabulary):
            on_index = entries[term_id][1]
            on_page = heading_count(hub, term_url(vocabulary, term_id))
            in_json = sum(in_record(record, vocabulary, term_id) for record in records)
            if not on_index == on_page == in_json:
                problems.append(f"{vocabulary}/{term_id}: index {on_index}, page {on_page}, json {in_json}")
    assert not problems, "\n".join(problems)


# -- navigation -----------------------------------------------------------------------------

def nav_links(hub: BuiltHub, url: str) -> list[str]:
    """Links of the primary navigation, without the page's own table of contents."""
    nav = hub.page(url).find("nav", cls="md-nav--primary")
    assert nav is not None, url
    return [resolve(url, a.attrs["href"]) for a in nav.find_all("a")
            if "href" in a.attrs and not any("md-nav--secondary" in n.classes for n in a.ancestors())]


def test_the_navigation_stays_small_and_lists_no_case_study_partner_or_term(seed_hub, corpus_hub):
    allowed = {"", "about/", "case-studies/", "coordination/", "explore/", "contribute/", "map/", "api/", *(f"{v}/" for v in INDEX_PAGES + ("status",))}
    sizes = {}
    for built in (seed_hub, corpus_hub):
        first_case = sorted(built.catalogue.case_studies)[0]
        first_partner = sorted(built.catalogue.partners)[0]
        pages = ["", "themes/", "coordination/", "case-studies/", f"case-studies/{first_case}/",
                 f"partners/{first_partner}/", term_url("themes", "governance"), "about/"]
        for url in pages:
            links = nav_links(built, url)
            sizes[(built.name, url.split("/")[0])] = len(links)
            assert set(links) <= allowed, f"{built.name} /{url}: nav links to {sorted(set(links) - allowed)}"
            assert len(links) <= 20, f"{built.name} /{url}: {len(links)} links in the navigation"
    for (name, kind), size in sizes.items():
        assert size == sizes[("seed", kind)], f"/{kind}: {size} nav links on the {name} hub, {sizes[('seed', kind)]} on the seed"


# -- countries come from the partners that did the work ----------------------------------------

def fact_countries(hub: BuiltHub, slug: str) -> set[str]:
    url = f"case-studies/{slug}/"
    facts = content_of(hub.page(url)).find("aside", cls="hub-facts")
    return {term_of(target, "countries") for target in (resolve(url, a.attrs["href"]) for a in facts.find_all("a"))
            if target.startswith("countries/")}


def test_every_case_study_shows_the_countries_of_the_partners_that_did_the_work(hub):
    for slug, case_study in hub.catalogue.case_studies.items():
        assert fact_countries(hub, slug) == expected_countries(hub.catalogue, case_study), slug


def test_funders_facilitators_and_international_bodies_do_not_make_a_country_count(edge_hub):
    expected = {
        "alpha-beta-mentoring": {"MW", "ZA"},   # not NO (funder) nor ES (facilitator, network)
        "gamma-un-habitat": {"TZ"},             # not KE (international organisation as peer)
        "funders-only": {"ES", "NO"},           # nobody else is left
        "formula-cells": {"MW", "TZ"},
    }
    for slug, countries in expected.items():
        assert fact_countries(edge_hub, slug) == countries, slug
    records = {r["slug"]: r for r in json.loads((edge_hub.site / "api" / "case-studies.json").read_text())}
    for slug, countries in expected.items():
        assert records[slug]["countries"] == sorted(countries), slug
    assert records["funders-only"]["regions"] == ["europe", "northern-europe", "southern-europe"]
    assert records["gamma-un-habitat"]["regions"] == ["africa", "sub-saharan-africa"]
    assert card_slugs(content_of(edge_hub.page("countries/no/")), "countries/no/") == ["funders-only"]
    assert card_slugs(content_of(edge_hub.page("countries/ke/")), "countries/ke/") == []
    assert heading_count(edge_hub, "countries/ke/") == 0
    assert card_slugs(content_of(edge_hub.page("regions/europe/")), "regions/europe/") == ["funders-only"]
    assert set(card_slugs(content_of(edge_hub.page("countries/tz/")), "countries/tz/")) == {
        "gamma-un-habitat", "formula-cells"}


# -- partner pages ----------------------------------------------------------------------------

def test_a_partner_page_groups_case_studies_by_role_and_lists_co_partners(hub):
    catalogue = hub.catalogue
    roles = catalogue.taxonomy["roles"]
    problems = []
    for partner_id, partner in catalogue.partners.items():
        url = f"partners/{partner_id}/"
        article = content_of(hub.page(url))
        facts = article.find("aside", cls="hub-facts")
        if term_url("countries", partner.country) not in {resolve(url, a.attrs["href"]) for a in facts.find_all("a")}:
            problems.append(f"/{url} does not link to its country")

        expected_roles: dict[str, set[str]] = {}
        expected_with: dict[str, int] = {}
        for slug, case_study in catalogue.case_studies.items():
            mine = [ref.role for ref in case_study.partners if ref.id == partner_id]
            if not mine:
                continue
            expected_roles.setdefault(f"As {roles.terms[mine[0]].label.lower()}", set()).add(slug)
            for ref in case_study.partners:
                if ref.id != partner_id:
                    expected_with[ref.id] = expected_with.get(ref.id, 0) + 1

        section = article.find("section", cls="hub-partner-case-studies")
        shown_roles: dict[str, list[str]] = {}
        current = None
        for node in section.child_nodes():
            if node.tag == "h3":
                current = node.text()
            elif node.tag == "div" and "hub-cards" in node.classes:
                shown_roles[current] = card_slugs(node, url)
        if {k: set(v) for k, v in shown_roles.items()} != expected_roles:
            problems.append(f"/{url}: roles {shown_roles}, expected {expected_roles}")
        for role, slugs in shown_roles.items():
            if slugs != hub.ordered(slugs):
                problems.append(f"/{url}: {role} not newest first: {slugs}")

        shown_with: dict[str, int] = {}
        worked = article.find("section", cls="hub-worked-with")
        for li in worked.find_all("li") if worked else []:
            other = re.fullmatch(r"partners/([a-z0-9-]+)/", resolve(url, li.find("a").attrs["href"])).group(1)
            shown = re.fullmatch(r"\((\d+) case stud(?:y|ies)\)", li.find("span", cls="hub-count").text())
            shown_with[other] = int(shown.group(1)) if shown else -1
            if li.find("a").text() != catalogue.partners[other].name:
                problems.append(f"/{url}: {other} shown as {li.find('a').text()!r}")
        if shown_with != expected_with:
            problems.append(f"/{url}: has worked with {shown_with}, expected {expected_with}")
    assert not problems, "\n".join(problems[:30])
