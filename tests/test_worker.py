"""The build's second process renders the pages' parts and the search index; its failures stop the build cleanly."""

from __future__ import annotations

import os

import pytest
from helpers import hub

from hub_plugin.build.worker import Worker, outcome


def test_tasks_run_in_one_other_process_in_the_order_given():
    worker = Worker()
    try:
        first, second = worker.submit(os.getpid), worker.submit(os.getpid)
        assert outcome(first, "first") == outcome(second, "second") != os.getpid()
    finally:
        worker.close()
    assert worker.executor is None


def test_a_failed_task_says_which_task_failed_and_why():
    worker = Worker()
    try:
        with pytest.raises(RuntimeError, match=r"^Opening the file: .*No such file"):
            outcome(worker.submit(open, "/nonexistent/file"), "Opening the file")
    finally:
        worker.close()
    with pytest.raises(RuntimeError, match="never started"):
        outcome(None, "Indexing")


def test_a_failure_in_the_worker_stops_the_build_with_its_cause_and_keeps_the_previous_site(small_hub, tmp_path,
                                                                                            capsys):
    (small_hub / "blocked").write_text("a file where the hub's cache folder should be", encoding="utf-8")
    config = small_hub / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - hub\n", "  - hub:\n      cache_dir: blocked\n"),
                      encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    code = hub("-f", str(config), "build", "-d", str(site))
    err = capsys.readouterr().err
    assert code != 0
    assert "The search index could not be built" in err and "Traceback" not in err, err
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
