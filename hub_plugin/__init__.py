"""A knowledge hub of good practices in city-to-city cooperation.

The package follows the data flow, one folder per stage:

- ``read``: files to text, YAML with line and column, diagnostics;
- ``model``: the case study, the partner, the taxonomy, the registry of
  vocabularies and the catalogue that holds them all;
- ``check``: the front-matter schema, taxonomy.yml, loading the content
  folder into the catalogue, and the rules across files;
- ``derive``: browse pages, URLs, related case studies, wikilinks;
- ``search``: the Whoosh index, queries, the browser's export, did-you-mean;
- ``render``: escaping templates, sanitising, the CSP, open-data exports;
- ``build``: the host-neutral build session, the pages' parts and the
  worker process that renders them;
- ``git``: page history and content repositories;
- ``contribute``: ``hub new``, the issue form, the "new file" link;
- ``hosts``: ``mkdocs`` (the plugin: the only code that imports MkDocs) and
  ``cli`` (the ``hub`` command).

Templates are in ``templates/`` (``templates/material/`` overrides the
theme), static files in ``assets/``, the maps' country shapes in ``data/``.
"""

__version__ = "0.1.0"
