"""Swapping a freshly built site into place so readers never see half a site."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_site(site_dir: Path) -> Iterator[Path]:
    """Yield an empty folder beside ``site_dir``; on success it replaces ``site_dir``.

    If the block raises, the staged folder is deleted and ``site_dir`` is
    left exactly as it was.
    """
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    replace_dir(staging, site_dir)


def replace_dir(new: Path, target: Path) -> None:
    """Put ``new`` at ``target``: two renames, so ``target`` is always a whole site."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        os.rmdir(old)
        os.rename(target, old)
    os.rename(new, target)
    os.chmod(target, 0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_zip(site_dir: Path, archive: Path) -> Path:
    """The site as one zip with a top folder, the same bytes for the same site."""
    import zipfile

    partial = archive.with_name(archive.name + ".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(f"{site_dir.name}/{path.relative_to(site_dir).as_posix()}", (1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                bundle.writestr(info, path.read_bytes())
    os.replace(partial, archive)
    return archive


def write_site_files(site_dir: Path, files: dict[str, str]) -> list[str]:
    """Write each text at its site path below ``site_dir``; the paths written."""
    for path, text in files.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return list(files)


def move_site_files(source_dir: Path, paths: list[str], site_dir: Path) -> None:
    """Move files written below ``source_dir`` (another process's, in a temporary folder) to the same
    site paths below ``site_dir``: copied when the two are on different file systems, never read whole."""
    for path in paths:
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source_dir / path, target)
