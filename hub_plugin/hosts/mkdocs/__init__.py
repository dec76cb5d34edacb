"""The MkDocs host: the ``hub`` plugin (``plugin``, its options in ``config``), the speed-ups that
only MkDocs needs (``fragments``, ``pagecache``, ``bytecode``) and ``commands``, which start an MkDocs
build or server for the ``hub`` command. The only package that imports ``mkdocs``; ProperDocs, which
continues MkDocs 1.6, loads the same plugin."""
