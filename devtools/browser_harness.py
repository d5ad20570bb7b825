"""Start and stop a real Voilà server and Chromium for the browser tests and the benchmark.

The server is started with exactly the command `secondop serve` (and so `make run`) uses,
from `secondop.server.command`, on a free 127.0.0.1 port. Every wait has a timeout: a stuck kernel
must fail a test, never hang the run.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from secondop.server.command import NOTEBOOK, REPO_ROOT, voila_command, voila_environment

CHROMIUM = Path(os.environ.get("SECONDOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
SERVER_START_TIMEOUT = 90.0
#: The class the dashboard's root widget gets once it is fully built.
READY = ".secondop-ready"
#: Generous: the first page of a run also waits for Python imports in a fresh kernel.
READY_TIMEOUT_MS = 60_000
ACTION_TIMEOUT_MS = 15_000


class ServerError(RuntimeError):
    """The Voilà server did not start; the message carries the end of its log."""


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_loopback(url: str) -> bool:
    """True for data:/blob:/about: URLs and http(s)/ws(s) URLs on this machine."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return (parts.hostname or "") in LOOPBACK_HOSTS


def block_outside(context, blocked: list[str]) -> None:
    """Let only this machine through a Playwright browser context; every other request fails and is listed."""

    def guard(route) -> None:
        if is_loopback(route.request.url):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", guard)


@dataclass
class VoilaServer:
    """A running Voilà process, its URL and its log file."""

    process: subprocess.Popen
    port: int
    log_path: Path
    command: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


def _wait_until_listening(server: VoilaServer, timeout: float) -> None:
    """Poll a static file (it starts no kernel) until Voilà answers."""
    deadline = time.monotonic() + timeout
    probe = f"{server.url}voila/static/voila.js"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise ServerError(f"Voilà exited with code {server.process.returncode}:\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status < 500:
                    return
        except urllib.error.HTTPError as error:
            if error.code < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise ServerError(f"Voilà did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def close_page(page, timeout_ms: float = 5_000) -> None:
    """Close a page running its unload handlers, so Voilà asks the server to shut the page's kernel down.

    `run_before_unload` makes `close` return at once; wait (bounded) for the page's close event.
    """
    try:
        with page.expect_event("close", timeout=timeout_ms):
            page.close(run_before_unload=True)
    except Exception:  # already closed, or slow: the server's idle culling is the safety net
        pass


def stop_process(process: subprocess.Popen, timeout: float = 20.0) -> None:
    """Terminate a process started for a test or a benchmark, killing it if it does not stop in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def stop(server: VoilaServer, timeout: float = 20.0) -> None:
    """Terminate the server (it shuts its kernels down), killing it if it does not stop in time."""
    stop_process(server.process, timeout)


@contextmanager
def running_voila(
    log_path: Path,
    notebook: Path = NOTEBOOK,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
    env: Mapping[str, str] | None = None,
    command: list[str] | None = None,
    cwd: Path = REPO_ROOT,
) -> Iterator[VoilaServer]:
    """Serve `notebook` the way `secondop serve` does, until the block ends.

    `env` adds variables to the server's environment (e.g. SECONDOP_DATA for a private copy of the content).
    `command` replaces the serve command (the benchmark's stock Voilà); `{port}` in it is the chosen port.
    """
    port = port or free_port()
    if command is None:
        command = voila_command(port, notebook=notebook)
    command = [*(part.replace("{port}", str(port)) for part in command), *extra_args]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    environment = {**voila_environment(), **(env or {})}
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdout=log, stderr=subprocess.STDOUT)
    server = VoilaServer(process=process, port=port, log_path=log_path, command=command)
    try:
        _wait_until_listening(server, SERVER_START_TIMEOUT)
        yield server
    finally:
        stop(server)


def page_kernel_id(page) -> str:
    """The id of the kernel behind a Voilà page (Voilà writes it into the page's config)."""
    return json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]


def kernel_process(server: VoilaServer, kernel_id: str):
    """The server's child process running kernel `kernel_id` (its connection file is named after it), or None."""
    import psutil

    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            cmdline = " ".join(child.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        if "ipykernel" in cmdline and kernel_id in cmdline:
            return child
    return None
