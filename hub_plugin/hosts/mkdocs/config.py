"""The hub plugin's options as MkDocs' schema, from the one list in ``build/options.py``."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ...build.options import OPTIONS


class HubConfig(Config):
    taxonomy = c.Type(str, default=OPTIONS["taxonomy"].default)
    related_top_k = c.Type(int, default=OPTIONS["related_top_k"].default)
    cache_dir = c.Type(str, default=OPTIONS["cache_dir"].default)
    repo_branch = c.Type(str, default=OPTIONS["repo_branch"].default)
    git_facts = c.Type(bool, default=OPTIONS["git_facts"].default)
    packs = c.Type(bool, default=OPTIONS["packs"].default)
    languages = c.Type(list, default=OPTIONS["languages"].default)
