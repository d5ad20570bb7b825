"""Fixtures for the browser tests: one Voilà server for the session, one Chromium, a fresh context per test.

Without Chromium the tests skip with the reason, except under CI (CI=true), where a missing
browser is a failure: the CI run must really test the page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from devtools.browser_harness import (
    ACTION_TIMEOUT_MS,
    CHROMIUM,
    CHROMIUM_ARGS,
    READY,
    READY_TIMEOUT_MS,
    VoilaServer,
    block_outside,
    close_page,
    running_voila,
)
from secondop import Content
from secondop.server.command import NOTEBOOK

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = f"no Chromium at {CHROMIUM} (install Debian's chromium, or set SECONDOP_CHROMIUM)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message}; CI=true, so the browser tests must run", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def data(content: Content) -> Content:
    """The project's content, validated once for the session (tests/conftest.py's `content`)."""
    return content


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The dashboard served exactly as `make run` serves it, on a free 127.0.0.1 port."""
    _require_chromium()
    if not NOTEBOOK.is_file():
        pytest.fail(f"the dashboard notebook is missing: {NOTEBOOK}", pytrace=False)
    with running_voila(tmp_path_factory.mktemp("voila") / "voila.log") as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class AppPage:
    """A page in its own browser context, with every request beyond this machine blocked and listed."""

    page: object
    server: VoilaServer
    blocked: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def open(self, query: str = "", timeout_ms: int = READY_TIMEOUT_MS) -> object:
        """Load the app (with `query`, e.g. "scenario=x") and wait until it says it is fully built."""
        self.page.goto(f"{self.server.url}{'?' + query if query else ''}", timeout=timeout_ms)
        self.page.wait_for_selector(READY, state="visible", timeout=timeout_ms)
        return self.page

    def text_of(self, selector: str) -> str:
        return self.page.locator(selector).first.inner_text(timeout=ACTION_TIMEOUT_MS)


def _new_app_page(browser, server: VoilaServer, viewport: dict) -> tuple[object, AppPage]:
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    page = context.new_page()
    app = AppPage(page=page, server=server)

    block_outside(context, app.blocked)
    page.on("request", lambda request: app.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and app.console_errors.append(message.text))
    page.on("pageerror", lambda error: app.console_errors.append(f"page error: {error}"))
    return context, app


def _close(context, app: AppPage) -> None:
    """Routing off first (or Chromium drops Voilà's unload request), then close so the kernel shuts down."""
    context.unroute_all(behavior="ignoreErrors")
    close_page(app.page)
    context.close()


@pytest.fixture
def app_page(browser, voila_server: VoilaServer) -> Iterator[AppPage]:
    """A fresh context at 1280x900."""
    context, app = _new_app_page(browser, voila_server, DESKTOP)
    yield app
    _close(context, app)


@pytest.fixture
def phone_page(browser, voila_server: VoilaServer) -> Iterator[AppPage]:
    """A fresh context at phone width (375 px)."""
    context, app = _new_app_page(browser, voila_server, {"width": 375, "height": 812})
    yield app
    _close(context, app)


@pytest.fixture(scope="session")
def screenshot_path() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "images" / "dashboard.png"


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[object]:
    """Start private Voilà servers (own log, optional own content via SECONDOP_DATA, optional fixed port).

    `start_server(data=None, port=None, extra_args=())` returns a running `VoilaServer` (`extra_args` are
    added to Voilà's command line, e.g. a shorter culling time); every server still running is
    stopped when the test ends. Stop one earlier with `harness.stop(server)`.
    """
    from contextlib import ExitStack

    from devtools.browser_harness import running_voila
    from secondop.paths import DATA_ENV

    _require_chromium()
    started: list[VoilaServer] = []
    with ExitStack() as stack:

        def start(data: Path | None = None, port: int | None = None, extra_args: tuple[str, ...] = ()) -> VoilaServer:
            log_path = tmp_path / f"voila-{len(started)}.log"
            env = {DATA_ENV: str(data)} if data is not None else {}
            server = stack.enter_context(running_voila(log_path, port=port, extra_args=extra_args, env=env))
            started.append(server)
            return server

        yield start


@pytest.fixture
def open_app(browser) -> Iterator[object]:
    """Open app pages on any server: `open_app(server, viewport=DESKTOP)` returns an `AppPage` (not yet loaded).

    Each page gets its own context, closed (kernel shut down) when the test ends.
    """
    opened: list[tuple[object, AppPage]] = []

    def new(server: VoilaServer, viewport: dict = DESKTOP) -> AppPage:
        context, app = _new_app_page(browser, server, viewport)
        opened.append((context, app))
        return app

    yield new
    for context, app in opened:
        _close(context, app)
