"""Previewing with `hub serve`: a mistake shows in the browser within seconds, and the fix too.

MkDocs' server answers no request while a rebuild fails ("the server will
appear stuck"); a contributor who is not a programmer would see a spinning
browser. The hub builds, instead, a site whose every address is a page of
the content's errors, which reloads by itself once the content builds again.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from helpers import CASE_STUDY_PATH, case_study, make_hub, write
from playwright.sync_api import Error as PlaywrightError

ERROR_TITLE = "The hub cannot be built yet"
CASE_STUDY_URL = "case-studies/alpha-beta-mentoring/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str, timeout: float = 3.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def served(tmp_path: Path):
    """`hub serve` on a small hub, on a free port of this machine; stopped after the test."""
    root = make_hub(tmp_path / "hub")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([sys.executable, "-m", "hub_plugin", "serve", "-a", f"127.0.0.1:{port}"], cwd=root,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(base + CASE_STUDY_URL)[0] == 200:
                break
        except OSError:
            time.sleep(0.2)
    else:
        os.killpg(server.pid, signal.SIGTERM)
        pytest.fail(f"hub serve did not start: {server.communicate(timeout=10)[0][-3000:]}")
    yield root, base
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def wait_for(page, text: str, seconds: float) -> float:
    """Seconds until the page shows ``text`` (it reloads by itself); fails after ``seconds``."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if text in page.content():
                return time.monotonic() - started
        except Exception:  # noqa: BLE001 - the page is reloading
            pass
        time.sleep(0.1)
    raise AssertionError(f"the page did not show {text!r} within {seconds} s:\n{page.content()[:2000]}")


def test_a_mistake_saved_while_serving_shows_in_the_browser_and_so_does_the_fix(served, browser):
    root, base = served
    page = browser.new_page()
    page.goto(base + CASE_STUDY_URL)
    assert "Beta Town mentors Alpha City" in page.content()

    write(root, CASE_STUDY_PATH, case_study(themes="themes: [waste-managment]"))
    wait_for(page, ERROR_TITLE, 5)
    shown = page.inner_text("main")
    assert f"{CASE_STUDY_PATH}:7:10" in shown
    assert "'waste-managment' is not in the 'themes' list of taxonomy.yml; did you mean 'waste-management'?" in shown
    assert "7 | themes: [waste-managment]" in shown, "the offending line is shown"

    status, other = fetch(base + "partners/alpha-city/")  # any address answers at once, with the errors
    assert status == 404 and ERROR_TITLE in other

    write(root, CASE_STUDY_PATH, case_study())
    wait_for(page, "Beta Town mentors Alpha City", 5)
    assert ERROR_TITLE not in page.content()
    page.close()


def test_the_error_page_escapes_what_the_contributor_wrote(served, browser):
    root, base = served
    write(root, CASE_STUDY_PATH, case_study(themes='themes: ["<img src=x onerror=alert(1)>"]'))
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    deadline = time.monotonic() + 10
    content = ""
    while time.monotonic() < deadline:
        page.goto(base)
        try:
            content = page.content()
        except PlaywrightError:  # the live-reload script reloaded the page meanwhile: look again
            content = ""
        if ERROR_TITLE in content:
            break
        time.sleep(0.3)
    assert "&lt;img src=x onerror=alert(1)&gt;" in content
    assert page.query_selector("main img") is None and dialogs == []
    page.close()
