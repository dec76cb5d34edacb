"""The build's second process: the pages' parts, then the citations and search indexes, while MkDocs works on
the first core.

MkDocs renders pages one after another in one process. What the hub adds to
them (fact boxes, listings) and its search index (Whoosh is pure Python)
depend on the catalogue alone, so a second process does them meanwhile, in
one task that receives the catalogue once: the parts first, written to a
folder page by page, in the order MkDocs lays pages out (it starts as soon
as the first are there), then the editions' indexes and the open-data
files, needed only at the end of the build. The main process, its pages
done, makes the indexes the worker has not started (``claim``).
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

from ..render.cite_this import catalogue_citations
from ..render.exports import export_files
from ..search.job import SearchArguments, prepare_and_run
from .pageparts import PagePartsJob, PartsReader, render_page_parts
from .publish import write_site_files


class Worker:
    """The second process, started on the first task and kept until ``close``."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``task(*args)`` in the worker process; tasks run one after another, in order."""
        import multiprocessing

        if self.executor is None:
            # spawn, not fork: `mkdocs serve` runs threads, which fork does not copy safely.
            self.executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        return self.executor.submit(task, *args)

    def close(self, wait: bool = True) -> None:
        """End the process, and with it the tasks not started. A build ends it when done; under
        ``mkdocs serve`` it stays for the next rebuild and ends at shutdown."""
        if self.executor is not None:
            self.executor.shutdown(wait=wait, cancel_futures=True)
            self.executor = None


def outcome(future: Future | None, what: str) -> Any:
    """The task's result, or a ``RuntimeError`` that says which task failed and why."""
    if future is None:
        raise RuntimeError(f"{what}: the task was never started")
    try:
        return future.result()
    except Exception as exc:  # the worker's traceback is chained; the reader needs the cause
        raise RuntimeError(f"{what}: {exc}") from exc


JOB_FILE = "job.pickle"


def submit_build_task(worker: Worker, parts: PagePartsJob, folder: Path, search: list[SearchArguments],
                      site_dir: Path | None = None) -> Future:
    """Start the build's task. The job (the whole catalogue) goes through a file in ``folder``:
    pickled into the executor's queue it would stay in memory, as one more copy, until the task ends.
    ``site_dir``: the site folder, when the task may write into it at once (see ``parts_then_search_index``)."""
    with (folder / JOB_FILE).open("wb") as job_file:
        pickle.dump((parts, search, site_dir), job_file, protocol=pickle.HIGHEST_PROTOCOL)
    return worker.submit(parts_then_search_index, folder)


OUTPUT_FOLDER = "site"  # in the task's folder: the files it makes for the site, moved there at the end


class TaskDone(NamedTuple):
    files: list[str]   # the site paths of the files written below the task's OUTPUT_FOLDER
    parts_reused: int  # pages whose parts came from the last build's
    in_site: list[str]  # the site paths of the files written into the site folder itself


def parts_then_search_index(folder: Path) -> TaskDone:
    """The build's task for the worker: the pages' parts into ``folder``; then the files the build writes at
    its end, the search indexes it claimed and the open-data exports, below ``folder / OUTPUT_FOLDER``
    (written, not sent back: the main process would hold them all at once).

    The citations, two small files per case study, go straight into the site folder when the host gives it
    (it has emptied it already and writes only its pages meanwhile): thousands of files written on this core.
    """
    with (folder / JOB_FILE).open("rb") as job_file:
        parts, search, site_dir = pickle.load(job_file)
    _, reused = render_page_parts(parts, folder)
    citations = catalogue_citations(parts.catalogue, parts.site, parts.urls, parts.published)
    written: list[str] = []
    in_site: list[str] = []
    if site_dir is not None:
        in_site = write_site_files(site_dir, citations)
    else:
        written = write_site_files(folder / OUTPUT_FOLDER, citations)
    for edition_search in search:  # each edition's index: its head and pieces, below the edition's folder
        if claim(folder, edition_search.language):
            written += write_site_files(folder / OUTPUT_FOLDER, prepare_and_run(parts.catalogue, *edition_search))
    written += write_site_files(folder / OUTPUT_FOLDER, export_files(parts.catalogue, parts.urls, parts.site.name))
    return TaskDone(written, reused, in_site)


def claim(folder: Path, task: str) -> bool:
    """Whether this process takes ``task``: the first of the two processes to ask gets it, the other does not.

    The editions' search indexes are the end of the worker's work, while the
    main process, its pages themed, would only wait: it takes the indexes the
    worker has not started, from the last edition back, so that both cores
    work to the end. A file created only if it does not exist says who has it.
    """
    try:
        os.close(os.open(folder / f"claimed-{task}", os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


def wait_for_parts(future: Future | None, parts: PartsReader, index: int, what: str, poll: float = 0.005) -> None:
    """Return once the task has written the parts of the page at ``index``; raise as ``outcome`` does if it failed."""
    while not parts.ready(index):
        if future is None or future.done():
            if parts.ready(index):
                return
            outcome(future, what)  # raises the task's error
            raise RuntimeError(f"{what}: the worker ended without writing them")
        time.sleep(poll)
