"""Checking: the front-matter schema, taxonomy.yml, the loading of the content folder into the
model, and the rules that tie files together. Every problem becomes one diagnostic with its
line, column and fix; nothing here raises on a contributor's mistake."""
