"""The "new file" link: GitHub's editor opened on the case-study template, for the site's Contribute page."""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..model.taxonomy import Taxonomy
from ..read.source import closing_fence
from .scaffold import PLACEHOLDER_PARTNER, template_environment

# What the "new file" button puts in the file name box and the title line.
TEMPLATE_TITLE = "Title of the case study"
URL_LIMIT = 8000

_GITHUB_HOSTS = {"github.com", "www.github.com"}
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def template_text(taxonomy: Taxonomy) -> str:
    """The case-study template that ``hub new`` writes, with placeholder title and partner."""
    return template_environment(taxonomy).get_template("case-study.md").render(
        title=TEMPLATE_TITLE, partners=[PLACEHOLDER_PARTNER])


def without_comments(text: str) -> str:
    """``text`` with the front matter's comment lines (starting with '#') removed.

    Only lines between the two opening ``---`` lines are touched, so Markdown
    headings of the body stay. Runs of blank lines left behind become one.
    """
    lines = text.split("\n")
    closing = closing_fence(lines)
    if closing is None:
        return text
    kept: list[str] = []
    for line in lines[1:closing]:
        if line.startswith("#"):
            continue
        if not line.strip() and (not kept or not kept[-1].strip()):
            continue
        kept.append(line)
    while kept and not kept[-1].strip():
        kept.pop()
    return "\n".join([lines[0], *kept, *lines[closing:]])


def _github_repository(repo_url: str) -> tuple[str, str] | None:
    """(owner, repository) of ``https://github.com/owner/repo`` (trailing '/' or '.git' allowed)."""
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("https", "http") or (parts.hostname or "").lower() not in _GITHUB_HOSTS:
        return None
    segments = [segment for segment in parts.path.split("/") if segment]
    if len(segments) != 2:
        return None
    owner, name = segments[0], segments[1].removesuffix(".git")
    if not _NAME.match(owner) or not _NAME.match(name):
        return None
    return owner, name


def _new_file_url(owner: str, name: str, branch: str, folder: str, filename: str, text: str) -> str:
    """The editor's address, every part percent-encoded."""
    # A branch may hold '/' (feature/x): GitHub reads the longest branch name that exists.
    parts = [quote(branch.strip("/"), safe="/")] + [quote(part, safe="") for part in folder.split("/") if part]
    where = "/".join(part for part in parts if part)
    return (f"https://github.com/{owner}/{name}/new/{where}"
            f"?filename={quote(filename, safe='')}&value={quote(text, safe='')}")


def new_file_url(repo_url: str, branch: str, folder: str, filename: str, text: str,
                 limit: int = URL_LIMIT) -> str | None:
    """GitHub's "create a new file" editor for ``folder/filename``, filled with ``text``.

    ``repo_url`` is the repository's address, like https://github.com/owner/repo
    (a trailing slash or ``.git`` is fine). Long URLs are cut by browsers and
    servers, so the link must stay within ``limit`` characters:

    1. the full ``text`` is tried first;
    2. if that is too long, the comment lines of the front matter (lines
       starting with '#', the template's explanations) are dropped;
    3. if it is still too long, there is no link: None.

    None as well for a host other than GitHub, or an address that is not
    ``host/owner/repo``.
    """
    repository = _github_repository(repo_url)
    if repository is None:
        return None
    for candidate in (text, without_comments(text)):
        url = _new_file_url(*repository, branch, folder, filename, candidate)
        if len(url) <= limit:
            return url
    return None
