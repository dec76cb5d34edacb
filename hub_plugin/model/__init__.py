"""The model: one description of a case study, a partner and a vocabulary, used by every stage.

``records`` holds the case study and the partner, ``dates`` their periods,
``taxonomy`` the terms of taxonomy.yml, ``vocabularies`` what each vocabulary
is (its folder, names, nesting, how a case study carries it), ``codes`` the ISO
lists of countries and languages, and ``catalogue`` the whole compendium with
its indexes. Nothing here reads a file or reports a problem.
"""
