"""A knowledge hub of good practices in city-to-city cooperation.

The package is split along the data flow: ``source`` reads files,
``schema`` and ``taxonomy`` validate them into the ``model``,
``catalogue`` holds the whole compendium and its indexes, ``render``
turns it into HTML. ``plugin`` (MkDocs) and ``cli`` are thin hosts.
"""

__version__ = "0.1.0"
