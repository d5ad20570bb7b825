"""Faults in a real classroom: a kernel dies, the server restarts, a content file breaks while serving.

Each test says what the person sees (plain words, never a traceback or a blank page) and that a reload
gives a working app again.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import time
from pathlib import Path

import pytest
from dom import changing_circumstance, checkbox, expected, wait_for_shown

from devtools.browser_harness import READY, READY_TIMEOUT_MS, kernel_process, page_kernel_id, stop
from secondop.paths import PACKAGED_DATA
from secondop.ui.messages import FALLBACK

pytestmark = pytest.mark.browser

NOTE = ".secondop-connection-lost"
#: The kernel's death reaches the page through the server within a second or two; allow for a slow machine.
NOTICE_TIMEOUT_MS = 20_000
#: Python exception names that must never reach the page.
EXCEPTION_NAMES = re.compile(r"Traceback|\b\w+(Error|Exception)\b")


def plain(text: str) -> str:
    return " ".join(text.split())


def assert_note_shown(page, data) -> None:
    """The app's own "stopped" sentence is visible, on screen, as an alert."""
    note = page.locator(NOTE)
    note.wait_for(state="visible", timeout=NOTICE_TIMEOUT_MS)
    assert plain(note.inner_text()) == plain(data.labels.messages.connection_lost)
    assert note.get_attribute("role") == "alert"
    box = note.bounding_box()
    viewport = page.viewport_size
    assert box and 0 <= box["y"] < viewport["height"] and box["height"] > 0, f"the note is off screen: {box}"


def assert_app_works(page, data) -> None:
    """A fresh app: ready, the note hidden, and a tick changes reasons and checklist."""
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    assert page.locator(NOTE).is_hidden()
    wait_for_shown(page, expected(data))
    circumstance = changing_circumstance(data)
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data, [circumstance]))


def test_dead_kernel_is_announced_and_a_reload_works(voila_server, open_app, data):
    app = open_app(voila_server)
    page = app.open()
    assert page.locator(NOTE).count() == 1 and page.locator(NOTE).is_hidden()
    kernel_id = page_kernel_id(page)
    process = kernel_process(voila_server, kernel_id)
    assert process is not None, f"no kernel process for {kernel_id} under the server"
    process.kill()
    process.wait(timeout=10)
    assert_note_shown(page, data)
    assert "Traceback" not in page.inner_text("body")

    page.reload(timeout=READY_TIMEOUT_MS)
    assert_app_works(page, data)
    assert page_kernel_id(page) != kernel_id


def test_server_restart_is_announced_and_a_reload_works(start_server, open_app, data):
    server = start_server()
    app = open_app(server)
    page = app.open()
    kernel_id = page_kernel_id(page)
    stop(server)
    restarted = start_server(port=server.port)
    assert_note_shown(page, data)

    page.reload(timeout=READY_TIMEOUT_MS)
    assert_app_works(page, data)
    assert page_kernel_id(page) != kernel_id
    assert restarted.process.poll() is None


def hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` with its content hash (added, removed or changed files all show)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_content_broken_while_serving_shows_the_problems_then_recovers(tmp_path, start_server, open_app, data):
    folder = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, folder)
    server = start_server(data=folder)
    first = open_app(server).open()
    wait_for_shown(first, expected(data))
    before = hashes(folder)

    # An analyst saves a broken file while the class is using the app: an entry names a group that does not exist.
    target = folder / "circumstances.yaml"
    good = target.read_bytes()
    broken = good.replace(b"group: diagnosis", b"group: no_such_group", 1)
    assert broken != good
    target.write_bytes(broken)
    broken_hashes = hashes(folder)

    page = open_app(server).open()  # the problem view carries the ready marker too
    body = page.inner_text("body")
    assert plain(FALLBACK) in plain(body)
    problems = page.locator(".secondop-message li").all_inner_texts()
    assert problems and any("circumstances.yaml" in p for p in problems), problems
    assert any("no_such_group" in p for p in problems), problems
    assert not EXCEPTION_NAMES.search(body), body[:2000]
    assert page.locator(".secondop-circumstances").count() == 0

    # The page already open keeps working on the content it loaded.
    circumstance = changing_circumstance(data)
    first.locator(checkbox(circumstance)).click()
    wait_for_shown(first, expected(data, [circumstance]))

    target.write_bytes(good)
    page.reload(timeout=READY_TIMEOUT_MS)
    assert_app_works(page, data)
    assert page.locator(".secondop-message").is_hidden()

    assert hashes(folder) == before, "the app wrote to the content folder"
    assert broken_hashes != before  # the hashes do see a change


def test_one_dead_kernel_leaves_other_pages_working(voila_server, open_app, data):
    """Two pages: killing one page's kernel leaves the other page's app working and its note hidden."""
    victim = open_app(voila_server).open()
    other = open_app(voila_server).open()
    process = kernel_process(voila_server, page_kernel_id(victim))
    assert process is not None
    process.kill()
    assert_note_shown(victim, data)
    time.sleep(1)
    assert other.locator(NOTE).is_hidden()
    circumstance = changing_circumstance(data)
    other.locator(checkbox(circumstance)).click()
    wait_for_shown(other, expected(data, [circumstance]))
