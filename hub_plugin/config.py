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
