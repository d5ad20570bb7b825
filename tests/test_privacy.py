"""Nothing a person ticks is written, logged, printed or sent anywhere by the app (in-process half).

The dashboard is driven through its widgets with a Python audit hook listening: during the ticking no file
may be opened for writing, renamed or removed, no socket connected, no process started. The browser half
(tests/browser/test_privacy_served.py) checks the served app: files on disk and the server's log.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator

import pytest

from secondop.ui import Dashboard, create_app

WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
#: Audit events that move data out of the process or change the file system.
OUTWARD_EVENTS = {
    "os.remove",
    "os.rename",
    "os.replace",
    "os.rmdir",
    "os.mkdir",
    "os.truncate",
    "os.system",
    "os.posix_spawn",
    "subprocess.Popen",
    "shutil.copyfile",
    "shutil.move",
    "shutil.rmtree",
    "socket.connect",
    "socket.sendto",
    "sqlite3.connect",
    "urllib.Request",
}


class Recorder:
    """An audit hook (hooks cannot be removed, so it records only while `active`)."""

    def __init__(self) -> None:
        self.active = False
        self.events: list[tuple[str, str]] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open":
            path, mode, flags = (*args, None, None, 0)[:3]
            writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or bool((flags or 0) & WRITE_FLAGS)
            if writes:
                self.events.append((event, repr(path)))
        elif event in OUTWARD_EVENTS:
            self.events.append((event, repr(args)[:200]))


RECORDER = Recorder()
sys.addaudithook(RECORDER)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    RECORDER.events.clear()
    RECORDER.active = True
    try:
        yield RECORDER
    finally:
        RECORDER.active = False


@pytest.fixture
def app() -> Dashboard:
    built = create_app(query_string="")
    assert isinstance(built, Dashboard), "the dashboard must build from the project's content"
    return built


def tick_everything(app: Dashboard) -> None:
    """What a curious student does: every box, every worry, the checklist, each example patient, large text."""
    for box in app.circumstance_boxes.values():
        box.value = True
    for box in app.concern_boxes.values():
        box.value = True
    for box in app.checklist_boxes.values():
        box.value = True
    app.large_text_toggle.value = True
    for _label, scenario_id in app.scenario_picker.options:
        app.scenario_picker.value = scenario_id
    app.reset_button.click()
    for box in list(app.circumstance_boxes.values())[:3]:
        box.value = True


def test_ticking_writes_nothing_and_connects_nowhere(app, recorder):
    tick_everything(app)
    recorder.active = False
    assert app.message.text == "", "a callback failed, so the ticks were not all applied"
    assert app.assessment is not None and app.assessment.circumstances, "the ticks reached the assessment"
    assert recorder.events == [], f"the app reached outside the process while ticking: {recorder.events[:10]}"


def test_the_recorder_does_see_a_write(recorder, tmp_path):
    """The hook above is not blind: a plain write during recording is caught."""
    (tmp_path / "written.txt").write_text("x", encoding="utf-8")
    assert any("written.txt" in path for _event, path in recorder.events)


def test_ticking_logs_and_prints_nothing_about_the_choices(app, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    capsys.readouterr()
    tick_everything(app)
    out, err = capsys.readouterr()
    said = "\n".join([out, err, *(record.getMessage() for record in caplog.records)])
    content = app.content
    ticked = [*content.circumstances, *content.concerns, *content.checklist]
    labels = [content.circumstances[i].label for i in content.circumstances]
    leaked = [word for word in ticked + labels if word in said]
    assert leaked == [], f"ticked choices appear in logs or output: {leaked[:5]}"
