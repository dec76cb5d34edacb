"""``hub new``: a case study or partner file from a commented template."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import jinja2

from ..check.suggestions import partner_suggestion, term_suggestion
from ..model.taxonomy import Taxonomy
from ..read.diagnostics import ContentError
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR
from ..read.source import read_source
from ..read.text import ID_PATTERN, slugify

PLACEHOLDER_PARTNER = ("TODO", "peer")


class ScaffoldError(Exception):
    pass


def template_environment(taxonomy: Taxonomy | None = None) -> jinja2.Environment:
    """The templates of new files (``templates/new/``), not escaped: they are YAML and Markdown, not HTML.

    ``vocab(name)`` lists a vocabulary's ids, for templates given ``taxonomy``."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("hub_plugin", "templates/new"),
                             autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    # A JSON string is a valid double-quoted YAML scalar: titles with colons,
    # quotes or '#' stay one value.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    if taxonomy is not None:
        env.globals["vocab"] = lambda name: ", ".join(taxonomy[name].terms)
    return env


def refuse_unknown_language(language: str, languages: Sequence[str]) -> None:
    """A language the hub has no edition in is refused, naming those it has."""
    if language not in languages:
        raise ScaffoldError(f"'{language}' is not a language of this hub; use one of: {', '.join(languages)} "
                            f"(or add '{language}' to the hub's 'languages' in mkdocs.yml)")


def new_case_study(content_dir: Path, taxonomy: Taxonomy, title: str,
                   partners: list[tuple[str, str]], slug: str | None = None,
                   language: str | None = None, languages: Sequence[str] = ()) -> Path:
    """``language``, one of the hub's ``languages``, is written as the case study's; without it, the default."""
    if language is not None:
        refuse_unknown_language(language, languages)
    slug = slug or slugify(title)
    if not ID_PATTERN.match(slug or ""):
        raise ScaffoldError(f"'{slug}' cannot be a file name; use lower-case letters, digits and hyphens (--slug)")
    target = content_dir / CASE_STUDIES_DIR / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another title or --slug")
    refuse_unknown_partners(content_dir, taxonomy, partners)
    text = template_environment(taxonomy).get_template("case-study.md").render(
        title=title, partners=partners or [PLACEHOLDER_PARTNER], language=language)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


def partner_names(content_dir: Path) -> dict[str, str]:
    """The partners of the hub by id, with their names where their files say them."""
    names: dict[str, str] = {}
    for path in sorted((content_dir / PARTNERS_DIR).glob("*.md")):
        if path.name == "index.md":
            continue
        try:
            data = read_source(path, path.name).front.data
        except ContentError:
            data = {}
        name = data.get("name") if isinstance(data, dict) else None
        names[path.stem] = name if isinstance(name, str) else ""
    return names


def refuse_unknown_partners(content_dir: Path, taxonomy: Taxonomy, partners: list[tuple[str, str]]) -> None:
    """A partner id or role that ``hub check`` would refuse is refused now, with the fix."""
    names = partner_names(content_dir)
    roles = taxonomy["roles"]
    for partner_id, role in partners:
        if partner_id not in names:
            hint = partner_suggestion(partner_id, names)
            raise ScaffoldError(f"there is no partner '{partner_id}' (no file {content_dir.name}/{PARTNERS_DIR}/{partner_id}.md)"
                                f"{hint if hint.startswith('; did you mean') else ''}; if it is a new partner, "
                                f"create it first: hub new partner --name \"Its full name\" --country XX")
        if roles.terms and roles.resolve(role) is None:
            raise ScaffoldError(f"'{role}' is not a role of taxonomy.yml{term_suggestion(role, roles, 'role')}")


def new_partner(content_dir: Path, taxonomy: Taxonomy, partner_id: str, name: str,
                kind: str, country: str) -> Path:
    if not ID_PATTERN.match(partner_id):
        raise ScaffoldError(f"'{partner_id}' cannot be a partner id; use lower-case letters, digits and hyphens")
    target = content_dir / PARTNERS_DIR / f"{partner_id}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists")
    text = template_environment(taxonomy).get_template("partner.md").render(name=name, kind=kind, country=country.upper())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target
