"""Building: the host-neutral build session (``session``), the pages' parts (``pageparts``) and the
second process that renders them and the search index (``worker``), the hub's options, progress on a
terminal, and swapping a finished site into place (``publish``). A host (MkDocs, the CLI) drives it."""
