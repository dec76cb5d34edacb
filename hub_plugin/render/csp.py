"""A Content-Security-Policy every built page satisfies, shipped as a <meta> tag.

Pages may run only the site's own script files and the theme's few inline
scripts, allowed one by one by their SHA-256 hash (no 'unsafe-inline'), so an
injected script would not run even if it got past escaping and sanitising.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources of the page's inline scripts that a browser would run."""
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        attributes = match.group("attributes").lower()
        if "src=" in attributes or any(kind in attributes for kind in _DATA_TYPES):
            continue
        source = _hash_source(match.group("body"))
        if source not in hashes:
            hashes.append(source)
    return hashes


@functools.lru_cache(maxsize=256)  # the theme's few scripts are the same on every page
def _hash_source(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(html: str, *, preview: bool = False) -> str:
    """The page's policy. A ``preview`` (a local server's, never published) lets inline scripts run:
    the server adds its live-reload script to each page as it sends it, too late to be hashed."""
    scripts = " ".join(["'self'", "'unsafe-inline'"] if preview else ["'self'", *inline_script_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self' 'unsafe-inline'",  # the theme sets style attributes; styles run no code
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])
