"""``hub new``: a case study or partner file from a commented template."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jinja2

from ..model.taxonomy import Taxonomy
from ..read.files import CASE_STUDIES_DIR, PARTNERS_DIR
from ..read.text import ID_PATTERN, slugify


class ScaffoldError(Exception):
    pass


def template_environment(taxonomy: Taxonomy) -> jinja2.Environment:
    """The templates of new files (``templates/new/``), not escaped: they are YAML and Markdown, not HTML."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("hub_plugin", "templates/new"),
                             autoescape=False, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    # A JSON string is a valid double-quoted YAML scalar: titles with colons,
    # quotes or '#' stay one value.
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    env.globals["vocab"] = lambda name: ", ".join(taxonomy[name].terms)
    return env


def new_case_study(content_dir: Path, taxonomy: Taxonomy, title: str,
                   partners: list[tuple[str, str]], slug: str | None = None) -> Path:
    slug = slug or slugify(title)
    if not ID_PATTERN.match(slug or ""):
        raise ScaffoldError(f"'{slug}' cannot be a file name; use lower-case letters, digits and hyphens (--slug)")
    target = content_dir / CASE_STUDIES_DIR / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target} already exists; choose another title or --slug")
    text = template_environment(taxonomy).get_template("case-study.md").render(
        title=title, partners=partners or [("partner-id", "peer")], year=datetime.date.today().year)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


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
