"""Nothing a person ticks in the served app is written to disk or to the server's log (browser half).

The content is a copy of data/ in which one circumstance and one worry get distinctive ids and labels that
exist nowhere else on this machine. A person opens the app, ticks them, works the checklist and closes the
page. Then no file written since the page was ready (in the project, the temp folder, the user's cache and
Jupyter/IPython folders) holds those markers, and neither does the server's log, also after a page was
opened from a link naming them. Other engineers may be
writing files meanwhile: only the markers tell this session's traces apart, so that is what is searched for.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest
import yaml
from dom import changing_circumstance, checkbox, content, expected, wait_for_shown

from devtools.browser_harness import close_page, stop
from devtools.content_copies import default_language_only
from secondop import load_content
from secondop.paths import PACKAGED_DATA
from secondop.server.command import REPO_ROOT

pytestmark = pytest.mark.browser

CIRCUMSTANCE = "zqxprobe_circumstance_4711"
CONCERN = "zqxprobe_worry_4711"
LABEL_MARK = "Zqxprobelabel"
MARKERS = [CIRCUMSTANCE.encode(), CONCERN.encode(), LABEL_MARK.encode()]
#: Files larger than this are not read (no app writes such a file for a tick; it keeps the scan quick).
MAX_READ = 20 * 1024 * 1024


def make_probe_copy(root: Path) -> tuple[str, str]:
    """A copy of data/ with one circumstance and one worry renamed to the probe ids; returns the old ids."""
    original = content()
    old_circumstance = changing_circumstance(original)
    old_concern = next(iter(original.concerns))
    shutil.copytree(PACKAGED_DATA, root)
    default_language_only(root)
    for path in root.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(rf"\b{old_circumstance}\b", CIRCUMSTANCE, text)
        text = re.sub(rf"\b{old_concern}\b", CONCERN, text)
        path.write_text(text, encoding="utf-8")
    labels = root / "text" / original.settings.language / "circumstances.yaml"
    wording = yaml.safe_load(labels.read_text(encoding="utf-8"))
    wording[CIRCUMSTANCE]["label"] = f"{LABEL_MARK} {wording[CIRCUMSTANCE]['label']}"
    labels.write_text(yaml.safe_dump(wording, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return old_circumstance, old_concern


def scan_roots() -> list[Path]:
    home = Path.home()
    roots = [
        REPO_ROOT,
        Path(tempfile.gettempdir()),
        home / ".cache",
        home / ".ipython",
        home / ".local" / "share" / "jupyter",
    ]
    return [root for root in roots if root.is_dir()]


def skipped(path: Path, own: list[Path]) -> bool:
    """The test's own folders and the browser's: Chromium's profile and downloads are the person's own device."""
    name = path.name
    if name.startswith(("playwright", ".org.chromium", "bash_jobs")):
        return True
    return any(path == folder or folder in path.parents for folder in own)


def written_since(since_ns: int, own: list[Path]) -> list[Path]:
    """Regular files modified (or created) at or after `since_ns` under the scan roots."""
    found: list[Path] = []
    for root in scan_roots():
        for folder, dirs, files in os.walk(root, onerror=lambda _error: None):
            base = Path(folder)
            dirs[:] = [d for d in dirs if not skipped(base / d, own) and not (base / d).is_symlink()]
            for name in files:
                path = base / name
                try:
                    info = path.lstat()
                except OSError:
                    continue
                if info.st_mtime_ns >= since_ns and path.is_file() and not skipped(path, own):
                    found.append(path)
    return found


def holding_markers(paths: list[Path]) -> list[str]:
    hits = []
    for path in paths:
        try:
            if path.stat().st_size > MAX_READ:
                continue
            data = path.read_bytes()
        except OSError:
            continue
        hits.extend(f"{path}: {marker.decode()}" for marker in MARKERS if marker in data)
    return hits


def test_ticks_leave_no_trace_on_disk_or_in_the_log(tmp_path, start_server, open_app):
    data_copy = tmp_path / "data"
    make_probe_copy(data_copy)
    probe = load_content(data_copy)
    assert CIRCUMSTANCE in probe.circumstances and CONCERN in probe.concerns
    assert LABEL_MARK in probe.circumstances[CIRCUMSTANCE].label
    server = start_server(data=data_copy)

    app = open_app(server)
    page = app.open()
    wait_for_shown(page, expected(probe))
    time.sleep(0.05)
    since = time.time_ns()

    page.locator(checkbox(CIRCUMSTANCE)).click()
    page.locator(f".secondop-concern-{CONCERN} input[type=checkbox]").click()
    wait_for_shown(page, expected(probe, [CIRCUMSTANCE], [CONCERN]))
    boxes = page.locator(".secondop-checklist input[type=checkbox]")
    for i in range(min(boxes.count(), 3)):
        boxes.nth(i).click()
    page.locator(".secondop-large-text input[type=checkbox]").first.click()
    page.wait_for_timeout(1000)
    assert page.locator(checkbox(CIRCUMSTANCE)).is_checked()
    assert LABEL_MARK in page.inner_text(".secondop-reasons"), "the ticked circumstance must be named on the page"

    app.page.context.unroute_all(behavior="ignoreErrors")
    close_page(page)

    # A shared link names the choices in its query string: opening it must not log them either.
    linked = open_app(server).open(f"circumstances={CIRCUMSTANCE}&concerns={CONCERN}")
    wait_for_shown(linked, expected(probe, [CIRCUMSTANCE], [CONCERN]))
    linked.context.unroute_all(behavior="ignoreErrors")
    close_page(linked)
    time.sleep(1)  # the kernel shuts down (the page asked on unload)
    stop(server)  # the log is complete once the server has exited

    written = written_since(since, own=[tmp_path])
    assert holding_markers(written) == [], "ticked choices were written to disk"
    log = server.log_path.read_bytes()
    assert log, "the server's log is empty: the test would prove nothing"
    assert [m.decode() for m in MARKERS if m in log] == [], "ticked choices appear in the server's log"


def test_the_scan_does_find_a_marker_written_meanwhile(tmp_path):
    """The scan is not blind: a marker written to the temp folder after `since` is found."""
    since = time.time_ns()
    folder = Path(tempfile.mkdtemp(prefix="secondop-privacy-check-"))
    try:
        (folder / "note.txt").write_bytes(b"ticked " + MARKERS[0])
        hits = holding_markers(written_since(since, own=[tmp_path]))
        assert any(CIRCUMSTANCE in hit and "note.txt" in hit for hit in hits), hits
    finally:
        shutil.rmtree(folder)
