"""The marker of a message to translate where it is defined, in a table, not where it is shown.

``N_("Open data")`` is the text itself; Babel extracts it into the catalogues, and the
page that shows it translates it through ``render.i18n``. Here, below ``render``, so that
the model and the derived pages can mark their words too.
"""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - gettext's own name for it, which Babel looks for
    return message
