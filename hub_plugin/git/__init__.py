"""Git: page history from one ``git log`` pass (``history``) and content repositories cloned or
updated into a cache for ``hub build --from-git`` (``checkout``)."""
