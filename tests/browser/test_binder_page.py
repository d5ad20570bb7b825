"""The dashboard under Binder's set-up: a Jupyter server with Voilà as its extension, a token and a base URL.

The page's own front end (frontend/ → secondop-widgets.js) must find the kernel, the page's base URL and the
token there too, as Voilà's front end did: Binder serves under `/user/<name>/` and asks for a token. Started
the way Binder starts it (`start`, which puts the repository's jupyter_config.json on the config path).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.browser_harness import READY_TIMEOUT_MS, VoilaServer, close_page, running_voila
from secondop.server.command import REPO_ROOT

pytestmark = pytest.mark.browser

TOKEN = "binder-test-token"
BASE = "/user/someone/"


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    home = tmp_path_factory.mktemp("binder-home")
    command = [
        str(REPO_ROOT / "start"), sys.executable, "-m", "jupyter", "server", "--no-browser", "--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}", "--allow-root",
        f"--ServerApp.root_dir={REPO_ROOT}", f"--ServerApp.base_url={BASE}",
    ]  # fmt: skip
    env = {key: value for key, value in os.environ.items() if not key.startswith("JUPYTER_")}
    env.update(REPO_DIR=str(REPO_ROOT), JUPYTER_CONFIG_DIR=str(home), JUPYTER_DATA_DIR=str(home))
    env["JUPYTER_PATH"] = str(REPO_ROOT / "share" / "jupyter")
    log: Path = tmp_path_factory.mktemp("binder-log") / "server.log"
    with running_voila(log, command=command, cwd=REPO_ROOT, env=env) as server:
        yield server


def test_the_dashboard_works_under_binder_with_its_own_front_end(browser, binder_server: VoilaServer) -> None:
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    try:
        url = (
            f"http://127.0.0.1:{binder_server.port}{BASE}voila/render/notebooks/second_opinion.ipynb"
            f"?token={TOKEN}&scenario=maria_told_no_options"
        )
        page.goto(url, timeout=READY_TIMEOUT_MS)
        page.wait_for_selector(".secondop-ready", state="visible", timeout=READY_TIMEOUT_MS)
        reasons = page.inner_text(".secondop-reasons")
        boxes = page.locator(".secondop-circumstances input[type=checkbox]")
        box = boxes.nth(next(i for i in range(boxes.count()) if not boxes.nth(i).is_checked()))
        box.click()
        page.wait_for_function(
            "(before) => document.querySelector('.secondop-reasons').innerText !== before", arg=reasons
        )
        assert box.is_checked()
        scripts = page.evaluate("performance.getEntriesByType('resource').map((r) => r.name)")
        assert any("/secondop-widgets.js?" in name for name in scripts)
        assert not any(name.split("?")[0].endswith("/voila.js") for name in scripts)
        assert all(name.startswith(f"http://127.0.0.1:{binder_server.port}{BASE}") for name in scripts), scripts
        assert errors == [], errors
    finally:
        close_page(page)
        context.close()
