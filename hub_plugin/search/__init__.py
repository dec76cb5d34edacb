"""Searching: one Whoosh index per edition, kept in the cache folder, and the same index exported for the browser.

``analysis`` turns text into terms in the edition's language (``stemmers``), ``documents`` turns the catalogue into
searchable pages, ``schema`` says what the index holds, ``index`` keeps it in
step by content hash, ``query`` answers ``hub search``, ``scoring`` is BM25F
over live documents, ``export`` writes ``search/hub-index.js`` with the numbers
Whoosh scores with (so the browser engine ranks exactly as Whoosh does, from
``file://`` too), ``scripts`` the scripts a page loads to search its edition,
``spelling`` holds did-you-mean's table of words, and ``job`` is what a build
hands its worker process.
"""
