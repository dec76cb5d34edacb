"""Script injections in every field a contributor writes stay text in the built site, in Chromium.

A hub whose case study and partner carry script injections in every front-matter
text field, in URLs and in the Markdown body is checked (it must check clean:
validation is not what makes it safe), built, served on 127.0.0.1 and every
built HTML page is loaded in headless Chromium (Debian's, through Playwright).
On no page may ``window.__pwned`` be set, a dialog open or a page error
happen; a search on the Explore page for a word of the hostile case study runs
nothing either. Values that validation refuses (javascript: and data: URLs in
fields that hold URLs) are asserted refused by ``hub check`` and kept out of the
built hub. Requests that leave 127.0.0.1 are aborted.

scripts/reliability.py runs ``build_injection_site`` and ``visit_site`` outside pytest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import REPO, case_study, check, make_hub, partner, write
from search_helpers import serve

SEARCH_WORD = "zanzibarpwn"
SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
SVG = '"><svg onload=window.__pwned=1>'
SVG_SINGLE = "'><svg/onload=window.__pwned=1>"
CLOSE_SCRIPT = "</script><script>window.__pwned=1</script>"
JS_URL = "javascript:window.__pwned=1"
DATA_URL = "data:text/html,<script>window.__pwned=1</script>"
QUOTED_TITLE = "He said \"hi\" & 'bye'"

# Every injection at once, for the fields long enough to hold it (summaries hold 300 characters).
ALL = " ".join([SCRIPT, IMG, SVG, SVG_SINGLE, CLOSE_SCRIPT, "{{ 7*7 }}"])
# URLs that validation accepts (https) but that try to break out of the attribute they land in.
HOSTILE_HTTPS = 'https://example.org/?q="><svg/onload=window.__pwned=1>&x=\'><img/src=x/onerror=window.__pwned=1>'

CASE_PATH = "content/case-studies/alpha-beta-mentoring.md"
QUOTES_PATH = "content/case-studies/quotes.md"
BETA_PATH = "content/partners/beta-town.md"
ALPHA_PATH = "content/partners/alpha-city.md"

BODY = f"""## Context {SEARCH_WORD}

{SCRIPT}

{IMG}

{SVG}

{SVG_SINGLE}

{CLOSE_SCRIPT}

A [javascript link]({JS_URL}), a [data link]({DATA_URL}), an autolink <{JS_URL}>
and a wikilink [[partner:alpha-city|{IMG}]].

A [styled link](https://example.org/){{: onclick="window.__pwned=1" onmouseover="window.__pwned=1" }}

## A heading {{: onmouseover="window.__pwned=1" }}

<a href="{JS_URL}" id="raw-js">a raw javascript link</a>

<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>

<object data="{DATA_URL}"></object><embed src="{DATA_URL}">

<form action="{JS_URL}"><button>go</button></form>

<details open ontoggle="window.__pwned=1"><summary>toggle</summary>details</details>

<svg><animate onbegin="window.__pwned=1" attributeName="x" dur="1s"/></svg>

<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1></style></mglyph></table></mtext></math>

<div style="background:url({JS_URL})">styled</div>

<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>

<meta http-equiv="refresh" content="0;url={JS_URL}">
"""


def _y(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def hostile_case_study() -> str:
    title = f"{SEARCH_WORD.capitalize()} {SCRIPT} {SVG}"
    assert len(title) <= 120
    return case_study(
        body=BODY,
        title=f"title: {_y(title)}",
        summary=f"summary: {_y(SEARCH_WORD + ' ' + ALL)}",
        outcomes=f"outcomes:\n  - {{text: {_y(ALL)}, beneficiary: alpha-city}}\n  - {{text: {_y(IMG)}, beneficiary: beta-town}}",
        lessons=f"lessons:\n  - {_y(ALL)}\n  - {_y(CLOSE_SCRIPT)}",
        sources=(f"sources:\n  - {{title: {_y(ALL)}, publisher: {_y(SVG + ' ' + CLOSE_SCRIPT)}, year: 2018, url: {_y(HOSTILE_HTTPS)}}}\n"
                 f"  - {{title: {_y(IMG)}, url: \"https://beta.example.org/report\"}}"),
        contacts=f"contacts:\n  - {{partner: beta-town, name: {_y(SVG + ' ' + SCRIPT)}, url: {_y(HOSTILE_HTTPS)}}}",
    )


def hostile_files() -> dict[str, str]:
    """The hub's files: the repository's mkdocs.yml (its nav, Markdown extensions such as attr_list)."""
    return {
        "mkdocs.yml": (REPO / "mkdocs.yml").read_text(encoding="utf-8").replace(
            "site_name: City-to-City Cooperation Hub", "site_name: Hostile hub"),
        "content/index.md": "# Hostile hub\n\nA hub whose contributors try to run scripts.\n",
        "content/about.md": "# About\n\nAbout this hub.\n",
        "content/contribute.md": "# Contribute\n\n<!-- hub:contribute-button -->\n",
        CASE_PATH: hostile_case_study(),
        QUOTES_PATH: case_study(title=f"title: {_y(QUOTED_TITLE)}",
                                summary=f"summary: {_y('Quotes ' + QUOTED_TITLE + ' in a summary.')}"),
        BETA_PATH: partner(name=f"name: {_y('Beta Town ' + SCRIPT + ' ' + CLOSE_SCRIPT)}", country='country: "ZA"',
                           location=None, website=f"website: {_y(HOSTILE_HTTPS)}").replace(
            "A village.", f"A town. {SCRIPT} {IMG} {SVG} [x]({JS_URL})"),
        ALPHA_PATH: partner(name=f"name: {_y('Alpha City ' + IMG)}", website=None).replace(
            "A village.", f"A city. {SVG_SINGLE}"),
    }


# Values refused by `hub check`: the hub never gets to render them. (file, field text, the line's start)
REFUSED = [
    (CASE_PATH, "sources", f"sources:\n  - {{title: Report, url: {_y(JS_URL)}}}"),
    (CASE_PATH, "sources", f"sources:\n  - {{title: Report, url: {_y(DATA_URL)}}}"),
    (CASE_PATH, "sources", f"sources:\n  - {{title: Report, url: {_y(' ' + JS_URL)}}}"),
    (CASE_PATH, "sources", "sources:\n  - {title: Report, url: \"JaVaScRiPt:window.__pwned=1\"}"),
    (CASE_PATH, "contacts", f"contacts:\n  - {{partner: beta-town, url: {_y(JS_URL)}}}"),
    (CASE_PATH, "contacts", f"contacts:\n  - {{partner: beta-town, email: {_y(chr(34) + '><script>x</script>@example.org')}}}"),
    (BETA_PATH, "website", f"website: {_y(JS_URL)}"),
    (BETA_PATH, "website", f"website: {_y(DATA_URL)}"),
]


def write_injection_hub(root: Path) -> Path:
    make_hub(root)
    for relative, text in hostile_files().items():
        write(root, relative, text)
    return root


def build_injection_site(workdir: Path) -> Path:
    """The hostile hub, checked clean and built by `hub build`: the built site."""
    from hub_plugin.hosts.cli.main import main

    root = write_injection_hub(workdir / "hub")
    report = check(root)
    assert not report.has_errors, report.format()
    site = workdir / "site"
    assert main(["-f", str(root / "mkdocs.yml"), "build", "-d", str(site)]) == 0
    return site


# -- the browser ------------------------------------------------------------------------------------

@dataclass
class Visit:
    pages: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)        # pages where window.__pwned was set
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)          # uncaught page errors
    navigations: list[str] = field(default_factory=list)     # pages that ended somewhere else
    bad_rel: list[str] = field(default_factory=list)         # target=_blank links without noopener noreferrer
    outside_links: dict[str, int] = field(default_factory=dict)  # source / website / contact links seen
    searches: int = 0
    search_results: int = 0

    def problems(self) -> list[str]:
        return ([f"window.__pwned set on {page}" for page in self.executed] + [f"dialog: {d}" for d in self.dialogs]
                + [f"page error: {e}" for e in self.errors] + [f"navigated away: {n}" for n in self.navigations]
                + [f"rel: {r}" for r in self.bad_rel])


PWNED = "typeof window.__pwned !== 'undefined' || typeof (window.top && window.top.__pwned) !== 'undefined'"
EXTERNAL_LINKS = """() => Array.from(document.querySelectorAll(
    '.hub-sources a[href], .hub-contacts a[href], .hub-facts a[href]'))
  .map(a => ({href: a.getAttribute('href'), rel: a.getAttribute('rel') || '', target: a.getAttribute('target') || '',
              where: a.closest('.hub-sources') ? 'sources' : a.closest('.hub-contacts') ? 'contacts'
                     : a.closest('.hub-facts') ? 'website' : 'other'}))"""
READY = ("document.getElementById('hub-explore') && "
         "document.getElementById('hub-explore').hasAttribute('data-result-count')")


def _page(context, visit: Visit, label: list[str]):
    page = context.new_page()
    page.on("dialog", lambda dialog: (visit.dialogs.append(f"{label[0]}: {dialog.type} {dialog.message!r}"),
                                      dialog.dismiss()))
    page.on("pageerror", lambda error: visit.errors.append(f"{label[0]}: {error}"))
    return page


def visit_site(browser, site: Path, base: str, explore: bool = True) -> Visit:
    """Load every built HTML page of ``site`` (served at ``base``), then search on Explore."""
    visit = Visit()
    context = browser.new_context(java_script_enabled=True)
    host = urlsplit(base).netloc
    context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == host
                  or route.request.url.startswith(("data:", "about:")) else route.abort())
    label = [""]
    page = _page(context, visit, label)
    try:
        for html in sorted(site.rglob("*.html")):
            relative = html.relative_to(site).as_posix()
            url = base + relative
            label[0] = relative
            visit.pages.append(relative)
            page.goto(url, wait_until="load")
            page.wait_for_timeout(30)  # onerror of a missing image, a short animation
            if page.evaluate(PWNED):
                visit.executed.append(relative)
            if page.url.split("#")[0] != url:
                visit.navigations.append(f"{relative} -> {page.url}")
            for link in page.evaluate(EXTERNAL_LINKS):
                href = link["href"] or ""
                # Links to URLs a contributor wrote; the theme's own footer link is Material's business.
                if not href.startswith(("http:", "https:")) or link["where"] == "other":
                    continue
                visit.outside_links[link["where"]] = visit.outside_links.get(link["where"], 0) + 1
                rel = link["rel"].split()
                if "noopener" not in rel or "noreferrer" not in rel:
                    visit.bad_rel.append(f"{relative}: {link['where']} link {href!r} has rel={link['rel']!r}")
        # The Explore page: a search for a word of the hostile case study, and hostile queries in the URL.
        states = ("", "#q=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E",
                  "?q=%22%3E%3Csvg%20onload%3Dwindow.__pwned%3D1%3E") if explore else ()
        for state in states:
            label[0] = "explore/" + state
            page.goto(base + "explore/" + state, wait_until="load")
            page.wait_for_function(READY)
            if not state:
                page.fill("#hub-query", SEARCH_WORD)
                page.wait_for_function("document.getElementById('hub-explore').getAttribute('data-result-count') !== '0'")
                page.wait_for_timeout(50)
                visit.search_results = int(page.get_attribute("#hub-explore", "data-result-count") or 0)
            visit.searches += 1
            if page.evaluate(PWNED):
                visit.executed.append(label[0])
    finally:
        context.close()
    return visit


# -- the tests --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def injection_site(tmp_path_factory) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def injection_http(injection_site):
    with serve(injection_site) as base:
        yield base


@pytest.fixture(scope="module")
def visit(browser, injection_site, injection_http) -> Visit:
    return visit_site(browser, injection_site, injection_http)


@pytest.mark.parametrize("path, name, text", REFUSED, ids=[f"{name}-{i}" for i, (_, name, _) in enumerate(REFUSED)])
def test_urls_that_could_run_code_are_refused_by_hub_check(tmp_path, path, name, text):
    if path == BETA_PATH:
        files = {path: partner(name="name: Beta Town", country='country: "ZA"', location=None, website=text)}
    else:
        files = {path: case_study(**{name: text})}
    report = check(make_hub(tmp_path / "hub", files))
    errors = [d for d in report.errors if d.path == path]
    assert len(errors) == 1, report.format()
    assert "must be a web address starting with https://" in errors[0].message or \
           "must be an e-mail address" in errors[0].message, errors[0]


def test_the_detector_sees_a_script_that_runs_a_dialog_and_a_page_error(tmp_path, browser):
    site = tmp_path / "site"
    write(site, "ran.html", '<title>x</title><img src=x onerror="window.__pwned=1">')
    write(site, "alert.html", "<title>x</title><script>alert('pwned')</script>")
    write(site, "error.html", "<title>x</title><script>undefinedFunction()</script>")
    write(site, "fine.html", "<title>x</title><p>&lt;script&gt;window.__pwned=1&lt;/script&gt;</p>")
    with serve(site) as base:
        found = visit_site(browser, site, base, explore=False)
    assert found.pages == ["alert.html", "error.html", "fine.html", "ran.html"]
    assert found.executed == ["ran.html"]
    assert len(found.dialogs) == 1 and found.dialogs[0].startswith("alert.html: alert")
    assert len(found.errors) == 1 and found.errors[0].startswith("error.html")


def test_the_hostile_hub_checks_clean_so_escaping_not_validation_keeps_it_safe(injection_site):
    html = (injection_site / "case-studies" / "alpha-beta-mentoring" / "index.html").read_text(encoding="utf-8")
    assert SEARCH_WORD.capitalize() in html
    assert "window.__pwned=1" in html  # the text is there, shown as text


def test_script_text_stays_inert_in_the_search_index_and_the_api(injection_site):
    index = (injection_site / "search" / "hub-index.js").read_text(encoding="utf-8")
    assert SEARCH_WORD in index
    for path in [injection_site / "search" / "hub-index.js", *sorted((injection_site / "api").glob("*.json"))]:
        text = path.read_text(encoding="utf-8")
        assert "</script" not in text.lower() and "<script" not in text.lower(), path.name
    records = json.loads((injection_site / "api" / "case-studies.json").read_text(encoding="utf-8"))
    records = records if isinstance(records, list) else records.get("case_studies", records.get("items", []))
    hostile = next(record for record in records if record["slug"] == "alpha-beta-mentoring")
    assert hostile["lessons"] == [ALL, CLOSE_SCRIPT]  # escaped in the file, the same text once parsed
    assert hostile["summary"] == SEARCH_WORD + " " + ALL


def test_no_built_page_runs_an_injection_opens_a_dialog_or_fails(visit, injection_site):
    pages = sorted(path.relative_to(injection_site).as_posix() for path in injection_site.rglob("*.html"))
    assert visit.pages == pages and len(pages) > 20
    assert not visit.problems(), "\n".join(visit.problems())


def test_a_search_for_a_word_of_the_hostile_case_study_runs_nothing(visit):
    assert visit.searches == 3
    assert visit.search_results >= 1
    assert not visit.executed and not visit.dialogs, visit.problems()


def test_links_in_sources_website_and_contacts_open_with_noopener_noreferrer(visit):
    assert visit.outside_links.get("sources", 0) >= 2, visit.outside_links
    assert visit.outside_links.get("website", 0) >= 1, visit.outside_links
    assert visit.outside_links.get("contacts", 0) >= 1, visit.outside_links
    assert not visit.bad_rel, "\n".join(visit.bad_rel)


def test_a_title_with_quotes_and_an_ampersand_reads_as_written(browser, injection_http):
    page = browser.new_page()
    page.goto(injection_http + "case-studies/quotes/", wait_until="load")
    heading = page.inner_text("article h1")
    title = page.title()
    page.goto(injection_http + "case-studies/alpha-beta-mentoring/", wait_until="load")
    hostile_heading = page.inner_text("article h1")
    page.close()
    assert heading == QUOTED_TITLE
    assert title.startswith(QUOTED_TITLE), title
    assert hostile_heading == f"{SEARCH_WORD.capitalize()} {SCRIPT} {SVG}"
