"""Options of the ``hub`` MkDocs plugin (``plugins: [hub: {...}]`` in mkdocs.yml)."""

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HubConfig(Config):
    # taxonomy.yml, relative to mkdocs.yml.
    taxonomy = c.Type(str, default="taxonomy.yml")
    # How many computed "related case studies" a case study shows.
    related_top_k = c.Type(int, default=5)
