"""Finding the hub's files from mkdocs.yml without starting MkDocs.

``hub check`` must be fast and must work where MkDocs' own loader would
choke on a broken file, so it reads only the few settings it needs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ...build.options import OPTIONS, with_defaults
from ...read.diagnostics import Report, suggest
from ...read.pathnames import HubPaths

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
    plugins = settings.get("plugins") or []
    entries = [{name: options} for name, options in plugins.items()] if isinstance(plugins, dict) else plugins
    for entry in entries:
        if entry == "hub":
            return {}
        if isinstance(entry, dict) and "hub" in entry:
            return entry["hub"] if isinstance(entry["hub"], dict) else {}
    return {}


def check_hub_options(config_file: Path, display: str, report: Report) -> None:
    """The hub plugin's options in mkdocs.yml, checked as the build checks them, on their lines."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return  # reading the settings reports it
    options = _hub_options_node(root)
    if options is None:
        return
    if not isinstance(options, yaml.MappingNode):
        mark = options.start_mark
        report.error(display, mark.line + 1, mark.column + 1,
                     "the hub plugin's options must be 'name: value' lines under '- hub:'")
        return
    values = _TolerantLoader("").construct_mapping(options, deep=True)  # from the nodes just read
    for key, value in options.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        option = OPTIONS.get(name)
        if option is None:
            report.warning(display, key.start_mark.line + 1, key.start_mark.column + 1,
                           f"the hub plugin has no option '{name}', so MkDocs ignores it" + suggest(name, sorted(OPTIONS)))
            continue
        problem = option.problem(values.get(name))
        if problem:
            report.error(display, value.start_mark.line + 1, value.start_mark.column + 1, problem)


def _hub_options_node(root: yaml.Node | None) -> yaml.Node | None:
    """The node of the hub's options: ``plugins: [hub: {...}]`` or ``plugins: {hub: {...}}``."""
    plugins = _value_of(root, "plugins")
    items = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for item in items:
        options = _value_of(item, "hub")
        if options is not None and not (isinstance(options, yaml.ScalarNode) and options.tag.endswith(":null")):
            return options
    return None


def _value_of(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node
    return None


def project_options(config_file: Path) -> dict[str, Any]:
    """The hub plugin's options in mkdocs.yml, each its default where missing or wrong (``hub check`` reports that)."""
    return with_defaults(hub_options(read_settings(config_file)))


def project_paths(config_file: Path) -> HubPaths:
    settings = read_settings(config_file)
    options = with_defaults(hub_options(settings))
    return HubPaths.at(config_file.parent, str(settings.get("docs_dir") or "docs"), options["taxonomy"])
