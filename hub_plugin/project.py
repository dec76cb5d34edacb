"""Finding the hub's files from mkdocs.yml without starting MkDocs.

``hub check`` must be fast and must work where MkDocs' own loader would
choke on a broken file, so it reads only the few settings it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .catalogue import HubPaths

CONFIG_FILE = "mkdocs.yml"


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, leaving MkDocs' own tags (!ENV, !relative, python names) empty."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None


_TolerantLoader.add_multi_constructor("", _ignore_tag)


class ProjectError(Exception):
    pass


def find_config(start: Path) -> Path:
    for folder in [start.resolve(), *start.resolve().parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
    raise ProjectError(f"no {CONFIG_FILE} here or in any folder above {start}; run the command inside the hub's folder")


def read_settings(config_file: Path) -> dict[str, Any]:
    try:
        data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"{config_file}: cannot read it ({exc.__class__.__name__}): check its YAML") from None
    if not isinstance(data, dict):
        raise ProjectError(f"{config_file}: it must be a list of 'setting: value' lines")
    return data


def hub_options(settings: dict[str, Any]) -> dict[str, Any]:
    for entry in settings.get("plugins") or []:
        if entry == "hub":
            return {}
        if isinstance(entry, dict) and "hub" in entry:
            return entry["hub"] or {}
    return {}


def project_paths(config_file: Path) -> HubPaths:
    settings = read_settings(config_file)
    options = hub_options(settings)
    return HubPaths.at(config_file.parent, str(settings.get("docs_dir") or "docs"),
                       str(options.get("taxonomy") or "taxonomy.yml"))
