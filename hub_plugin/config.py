"""Options of the ``hub`` MkDocs plugin (``plugins: [hub: {...}]`` in mkdocs.yml)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HubConfig(Config):
    # taxonomy.yml, relative to mkdocs.yml.
    taxonomy = c.Type(str, default="taxonomy.yml")
    # How many computed "related case studies" a case study shows.
    related_top_k = c.Type(int, default=5)
    # Where the search index is kept between builds, relative to mkdocs.yml;
    # outside the published site.
    cache_dir = c.Type(str, default=".hub-cache")
    # The branch that "edit this page" and "history" links open on the forge (repo_url).
    repo_branch = c.Type(str, default="main")
    # Git facts (first published, last updated, editors) on case-study and partner pages.
    git_facts = c.Type(bool, default=True)
