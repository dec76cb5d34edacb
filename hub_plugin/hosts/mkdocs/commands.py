"""Starting MkDocs for the ``hub`` command: a build into a folder, the live-reloading server.

The command line itself (``hosts/cli``) never imports MkDocs; it calls these.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any


class BuildFailed(Exception):
    """MkDocs stopped the build (bad content, a broken setting); the message says why."""


def site_dir_of(config_file: Path) -> str:
    """``site_dir`` as mkdocs.yml sets it (MkDocs' default when it does not)."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        return str(load_config(str(config_file)).site_dir)
    except (Abort, ConfigurationError) as exc:
        raise BuildFailed(str(exc)) from None


def build_site(config_file: Path, site_dir: Path, *, strict: bool, offline: bool, packs: bool = False) -> None:
    """Build into ``site_dir`` as ``mkdocs build`` does; the offline edition has links ending in ``.html``.

    ``packs`` turns the hub's briefing packs on, as ``packs: true`` in mkdocs.yml does.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    show_mkdocs_log()
    options: dict[str, Any] = {"use_directory_urls": False} if offline else {}
    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict or None, **options)
        if packs:
            if "hub" not in config.plugins:
                raise BuildFailed(f"--packs needs the hub plugin: {config_file} has no 'hub' under plugins")
            config.plugins["hub"].config["packs"] = True
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` runs the plugins
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as exc:
        raise BuildFailed(str(exc)) from None


def serve_site(config_file: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve

    show_mkdocs_log()
    serve(str(config_file), dev_addr=dev_addr)


class _StderrHandler(logging.StreamHandler[Any]):
    """Writes to whatever sys.stderr is now, not the stream of the first build in this process."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


def show_mkdocs_log() -> None:
    """MkDocs' messages, as its own command line shows them; progress stays quiet in CI."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    if not any(getattr(handler, "_hub", False) for handler in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._hub = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
    logger.setLevel(logging.WARNING if os.environ.get("CI") else logging.INFO)
