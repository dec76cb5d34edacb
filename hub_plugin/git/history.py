"""Page history from Git: first published, last updated, who edited.

One ``git log`` pass over the whole repository per build (not one git call
per page), following renames, cached by HEAD commit. Commits listed in
``.git-blame-ignore-revs`` (mass reformatting) are not edits.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..read.cachefiles import dropped, read_json, write_json
from ..read.pathnames import plainly_below

CACHE_VERSION = 1  # of the cached histories' shape

IGNORE_FILE = ".git-blame-ignore-revs"
_RECORD, _FIELD = "\x1e", "\x1f"
_IDENT = re.compile(r"^\s*(?P<name>[^<]*?)\s*<(?P<email>[^>]*)>\s*$")


@dataclass
class FileHistory:
    first_published: str             # YYYY-MM-DD of the commit that created the file
    last_updated: str | None      # YYYY-MM-DD of the newest commit that is not ignored
    editors: list[str] = field(default_factory=list)  # names, by first contribution


@dataclass
class GitFacts:
    root: Path
    head: str
    shallow: bool
    files: dict[str, FileHistory]    # repository-relative path -> history

    def relative(self, path: Path) -> str | None:
        found = plainly_below(path, self.root)
        if found is not None:
            return found
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def for_path(self, path: Path) -> FileHistory | None:
        relative = self.relative(path)
        return self.files.get(relative) if relative else None


def forge_links(repo_url: str | None, branch: str, path: str | None) -> dict[str, str | None]:
    """"Edit this page" and "history" links on GitHub or GitLab; none for other hosts."""
    links: dict[str, str | None] = {"edit_url": None, "history_url": None}
    if not repo_url or not path:
        return links
    base = repo_url.rstrip("/").removesuffix(".git")
    from urllib.parse import quote, urlsplit

    host = urlsplit(base).netloc.lower()
    quoted = quote(path)
    if host == "github.com" or host.endswith(".github.com"):
        links.update(edit_url=f"{base}/edit/{branch}/{quoted}", history_url=f"{base}/commits/{branch}/{quoted}")
    elif "gitlab" in host:
        links.update(edit_url=f"{base}/-/edit/{branch}/{quoted}", history_url=f"{base}/-/commits/{branch}/{quoted}")
    return links


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=root, capture_output=True,
                            text=True, encoding="utf-8", errors="replace")
    if result.returncode != 0:
        raise subprocess.CalledProcessError(result.returncode, args, result.stdout, result.stderr)
    return result.stdout


def repository_root(path: Path) -> Path | None:
    try:
        return Path(_git(path, "rev-parse", "--show-toplevel").strip()).resolve()
    except (subprocess.CalledProcessError, FileNotFoundError, NotADirectoryError):
        return None


def head_commit(root: Path) -> str | None:
    try:
        return _git(root, "rev-parse", "--verify", "-q", "HEAD").strip() or None
    except subprocess.CalledProcessError:
        return None


def collect(path: Path, cache_dir: Path | None = None) -> GitFacts | None:
    """Facts for every file of the repository holding ``path``; None outside Git or before a commit."""
    root = repository_root(path)
    if root is None:
        return None
    head = head_commit(root)
    if head is None:
        return None
    shallow = _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"
    ignore_file = root / IGNORE_FILE
    ignored_text = ignore_file.read_text(encoding="utf-8") if ignore_file.exists() else ""
    cache = None
    if cache_dir is not None:
        mailmap = root / ".mailmap"
        mailmap_text = mailmap.read_text(encoding="utf-8", errors="replace") if mailmap.exists() else ""
        # A shallow clone's facts are wrong: never reuse them once the history is complete.
        key = f"{head}-{'shallow' if shallow else 'full'}-{_digest(ignored_text + chr(0) + mailmap_text)}"
        cache = cache_dir / "git" / f"{key}.json"
        kept = _histories(read_json(cache, version=CACHE_VERSION), cache)
        if kept is not None:
            return GitFacts(root, head, shallow, kept)
    files = _walk_history(root, _ignored_commits(root, ignored_text))
    if cache is not None:
        write_json(cache, {p: asdict(h) for p, h in sorted(files.items())}, version=CACHE_VERSION)
    return GitFacts(root, head, shallow, files)


def _histories(data: Any, cache: Path) -> dict[str, FileHistory] | None:
    """The cached histories, if the entry holds what ``collect`` wrote."""
    if data is None:
        return None
    try:
        return {str(path): FileHistory(str(h["first_published"]), h["last_updated"], [str(e) for e in h["editors"]])
                for path, h in data.items()}
    except (AttributeError, KeyError, TypeError):
        dropped(cache, "not the histories this hub writes")
        return None


def _digest(text: str) -> str:
    import hashlib

    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _ignored_commits(root: Path, text: str) -> set[str]:
    """Full hashes of the commits in the ignore file (short hashes are expanded)."""
    wanted = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    wanted = [rev for rev in wanted if rev]
    full: set[str] = set()
    for rev in wanted:
        try:
            full.add(_git(root, "rev-parse", "--verify", "-q", f"{rev}^{{commit}}").strip())
        except subprocess.CalledProcessError:
            continue  # a commit not in this clone: nothing to ignore
    return full


def _walk_history(root: Path, ignored: set[str]) -> dict[str, FileHistory]:
    """Newest to oldest, remembering under which name each current file was known."""
    log = _git(root, "log", "--no-merges", "-M", "--name-status", "--date=short",
               f"--format={_RECORD}%H{_FIELD}%aN{_FIELD}%ad{_FIELD}"
               "%(trailers:key=Co-authored-by,valueonly,separator=%x1d)")
    known_as = {name: name for name in _git(root, "ls-files").splitlines()}  # name then -> name today
    first: dict[str, str] = {}
    last: dict[str, str] = {}
    contributions: dict[str, list[str]] = {}          # name today -> people, newest first
    co_authors: set[str] = set()
    for record in log.split(_RECORD)[1:]:
        header, _, changes = record.partition("\n")
        commit, author, date, trailers = (header.split(_FIELD) + ["", "", "", ""])[:4]
        co = [t.strip() for t in trailers.split("\x1d") if t.strip()]
        co_authors.update(co)
        people = [author, *co]
        forget: list[str] = []
        earlier_names: list[tuple[str, str]] = []
        for line in changes.splitlines():
            status, *paths = line.split("\t")
            if not paths or paths[-1] not in known_as:
                continue
            today = known_as[paths[-1]]
            first[today] = date  # the oldest commit read last wins
            if commit not in ignored:
                last.setdefault(today, date)
                # Newest first overall, so within a commit too: reversed, the author comes out first.
                contributions.setdefault(today, []).extend(reversed(people))
            if status.startswith("R") and len(paths) == 2:
                forget.append(paths[1])
                earlier_names.append((paths[0], today))
            elif status.startswith("A"):
                forget.append(paths[-1])  # before this commit there was no such file
        for name in forget:
            known_as.pop(name, None)
        known_as.update(earlier_names)
    names = _mailmap(root, co_authors)
    histories = {}
    for path, created in first.items():
        editors: list[str] = []
        for person in reversed(contributions.get(path, [])):
            name = without_addresses(names.get(person, person))
            if name and name not in editors:
                editors.append(name)
        histories[path] = FileHistory(created, last.get(path), editors)
    return histories


_ADDRESS = re.compile(r"<?[^\s<>]+@[^\s<>]+>?")


def without_addresses(name: str) -> str:
    """A person's name with any e-mail address taken out: pages never show addresses."""
    cleaned = " ".join(_ADDRESS.sub("", name).split())
    if cleaned:
        return cleaned
    match = _ADDRESS.search(name)
    return match.group(0).strip("<>").split("@")[0] if match else ""


def _mailmap(root: Path, identities: set[str]) -> dict[str, str]:
    """Co-author trailers ("Name <email>") to the name .mailmap gives them; never the e-mail."""
    result: dict[str, str] = {}
    valid = sorted(identity for identity in identities if _IDENT.match(identity))
    mapped: list[str] = []
    if valid:
        try:
            mapped = _git(root, "check-mailmap", *valid).splitlines()
        except subprocess.CalledProcessError:
            mapped = valid
    for identity, canonical in zip(valid, mapped):
        match = _IDENT.match(canonical) or _IDENT.match(identity)
        result[identity] = match.group("name") if match else ""
    for identity in identities - set(valid):
        result[identity] = identity.split("@")[0] if "@" in identity and " " not in identity else identity
    return result


def translation_behind(git: GitFacts, original: Path, translation: Path) -> tuple[str, str] | None:
    """(the original's last change, the translation's) when the original changed on a later day than its
    translation: the translation may not say what the original says now. Days, as Git's history here keeps."""
    original_history, translation_history = git.for_path(original), git.for_path(translation)
    if original_history is None or translation_history is None:
        return None
    changed = original_history.last_updated or original_history.first_published
    translated = translation_history.last_updated or translation_history.first_published
    return (changed, translated) if changed > translated else None
