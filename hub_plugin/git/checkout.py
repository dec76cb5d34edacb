"""``hub build --from-git``: a content repository cloned or updated into a cache, at a ref."""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path


class SourceError(Exception):
    pass


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "city-cooperation-hub" / "repositories"


def _git(*args: str, cwd: Path | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                            env=dict(os.environ, GIT_TERMINAL_PROMPT="0"))
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip().splitlines()
        raise SourceError(f"git {args[0]} failed: {message[-1] if message else 'no message'}")
    return result.stdout


def checkout(source: str, ref: str | None, cache: Path | None = None) -> tuple[Path, str]:
    """The work tree of ``source`` at ``ref`` (default: its default branch) and the commit.

    The full history is fetched: first-published dates need it.
    """
    if Path(source).exists():
        source = str(Path(source).resolve())
    cache = cache or default_cache()
    worktree = cache / hashlib.sha1(source.encode("utf-8")).hexdigest()[:16]
    if not (worktree / ".git").exists():
        worktree.parent.mkdir(parents=True, exist_ok=True)
        _git("clone", "--quiet", "--no-checkout", source, str(worktree))
    else:
        _git("fetch", "--quiet", "--prune", "--tags", "--force", "origin",
             "+refs/heads/*:refs/remotes/origin/*", cwd=worktree)
    commit = _resolve(worktree, ref)
    _git("checkout", "--quiet", "--force", "--detach", commit, cwd=worktree)
    # Leave the hub's own cache (search index, git facts) between builds.
    _git("clean", "-q", "-d", "-f", "-x", "-e", ".hub-cache", cwd=worktree)
    return worktree, commit


def _resolve(worktree: Path, ref: str | None) -> str:
    candidates = [f"origin/{ref}", f"refs/tags/{ref}", ref] if ref else ["origin/HEAD", "HEAD"]
    for candidate in candidates:
        try:
            return _git("rev-parse", "--verify", "-q", f"{candidate}^{{commit}}", cwd=worktree).strip()
        except SourceError:
            continue
    raise SourceError(f"the repository has no branch, tag or commit '{ref}'")


def commit_time(path: Path) -> int | None:
    """Seconds since 1970 of the commit checked out at ``path``: the build's date, for reproducible output."""
    try:
        return int(_git("log", "-1", "--format=%ct", cwd=path).strip())
    except (SourceError, ValueError, FileNotFoundError, NotADirectoryError):
        return None
