"""The hosts that run the hub: ``mkdocs`` (the plugin and the commands that start MkDocs: the only
code that imports MkDocs) and ``cli`` (the ``hub`` command)."""
