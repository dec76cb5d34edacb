"""The ``hub`` command (``main``): check content, scaffold files, build, search and serve the site.
``project`` reads the few settings of mkdocs.yml it needs without starting MkDocs."""
