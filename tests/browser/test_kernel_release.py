"""Every page's kernel stops when the page goes away, even if it never finished loading.

Voilà itself asks the server to stop a page's kernel only once its scripts run; the template's
`secondop-release.js` covers a page closed before that, and the kernel manager
(`secondop.server.kernels`) culls kernels no page ever reached.
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest
from dom import changing_circumstance, checkbox, content, expected, wait_for_shown

from devtools.browser_harness import READY, READY_TIMEOUT_MS, close_page, kernel_process, page_kernel_id

#: The page's main script: the dashboard's own front end, or Voilà's (stock or from the launcher's versioned
#: folder) for a notebook without it.
VOILA_JS = re.compile(
    r".*/(?:voila/static(?:-[^/]+)?/voila|voila/templates/secondop/static/secondop-widgets)\.js(?:\?.*)?$"
)

pytestmark = pytest.mark.browser

#: A shutdown beacon reaches the server within a second; allow for a slow machine.
RELEASE_TIMEOUT_S = 15.0
WIDGET_MANAGER_JS = "() => !!(window.jupyterapp && window.jupyterapp.widgetManager)"


def wait_until_stopped(server, kernel_id: str, timeout_s: float = RELEASE_TIMEOUT_S) -> float:
    """Seconds until the kernel's process is gone; fails the test if it outlives `timeout_s`."""
    start = time.monotonic()
    while kernel_process(server, kernel_id) is not None:
        assert time.monotonic() - start < timeout_s, f"kernel {kernel_id} still runs {timeout_s:.0f} s later"
        time.sleep(0.2)
    return time.monotonic() - start


def shutdown_lines(server, kernel_id: str) -> tuple[int, list[str]]:
    """How often the server stopped this kernel, and any refused shutdown requests for it."""
    log = server.log_tail(10**7)
    refused = [line for line in log.splitlines() if "voila/api/shutdown" in line and re.search(r"\b40\d\b", line)]
    return log.count(f"Kernel shutdown: {kernel_id}"), refused


def test_a_page_closed_before_its_scripts_ran_stops_its_kernel(voila_server, browser):
    context = browser.new_context()
    # the page's front end never starts (the dashboard's own bundle, or Voilà's from /voila/static[-<v>]/)
    context.route(VOILA_JS, lambda route: route.abort())
    page = context.new_page()
    page.goto(voila_server.url, wait_until="domcontentloaded")
    kernel_id = page_kernel_id(page)
    assert kernel_process(voila_server, kernel_id) is not None, "the page's kernel should be running"
    assert not page.evaluate(WIDGET_MANAGER_JS), "Voilà's widget manager ran, so this tests nothing"
    context.unroute_all(behavior="ignoreErrors")  # Chromium drops unload requests of routed contexts
    close_page(page)
    context.close()
    wait_until_stopped(voila_server, kernel_id)
    stopped, refused = shutdown_lines(voila_server, kernel_id)
    assert (stopped, refused) == (1, [])


def test_a_loaded_page_closed_stops_its_kernel_with_one_request(voila_server, browser):
    """Voilà's own beacon does the work; ours stays quiet (a second one would be logged as a 404)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(voila_server.url)
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    kernel_id = page_kernel_id(page)
    close_page(page)
    context.close()
    wait_until_stopped(voila_server, kernel_id)
    time.sleep(1.0)  # a second beacon, were there one, arrives within this
    stopped, refused = shutdown_lines(voila_server, kernel_id)
    assert (stopped, refused) == (1, [])


def test_kernels_no_page_reached_are_culled_but_open_pages_kept(start_server, browser):
    """A request whose page never loads (closed at once, a crashed browser) leaves a kernel nobody
    connects to: the server stops it after `unconnected_cull_timeout`, shortened here to 3 s. An open
    page idle for longer than that keeps its kernel and still works."""
    server = start_server(
        extra_args=("--PageKernelManager.unconnected_cull_timeout=3", "--MappingKernelManager.cull_interval=1")
    )
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    open_kernel = page_kernel_id(page)

    with urllib.request.urlopen(server.url, timeout=120) as response:  # a page that never runs its scripts
        html = response.read().decode("utf-8")
    orphan = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', html).group(1)
    assert kernel_process(server, orphan) is not None
    waited = wait_until_stopped(server, orphan, timeout_s=30)
    assert "no page connected to it" in server.log_tail(10**7)

    time.sleep(max(0.0, 5 - waited))  # the open page has now been idle for longer than the timeout too
    assert kernel_process(server, open_kernel) is not None, "the open page's kernel was culled"
    data = content()
    circumstance = changing_circumstance(data)
    page.locator(checkbox(circumstance)).click()
    wait_for_shown(page, expected(data, [circumstance]))  # the kernel answers: reasons and checklist change
    close_page(page)
    context.close()


def test_closed_pages_leave_no_sockets_open_in_the_server(start_server, browser):
    """The page's unload request and its websocket close race on the server; about one page in three
    used to leave four zmq sockets behind (Jupyter server buffering for a kernel being shut down)."""
    import psutil

    server = start_server()
    process = psutil.Process(server.process.pid)

    def open_and_close(count: int) -> None:
        pages = []
        for _ in range(count):
            context = browser.new_context()
            page = context.new_page()
            page.goto(server.url)
            page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
            pages.append((context, page, page_kernel_id(page)))
        for _, page, _ in pages:  # all at once, like a class at the bell: the server is busy meanwhile
            page.close(run_before_unload=True)
        for context, _, kernel_id in pages:
            wait_until_stopped(server, kernel_id)
            context.close()
        time.sleep(1.0)  # the last websocket closes

    open_and_close(1)  # the server opens its lasting descriptors with the first page

    # the process that draws the start-up first views holds pipes until it ends: count after it has gone
    # (multiprocessing's resource tracker, started with it, stays for the server's life: it is not counted)
    def drawing() -> list[psutil.Process]:
        return [child for child in process.children() if "resource_tracker" not in " ".join(child.cmdline())]

    deadline = time.monotonic() + 180
    while drawing() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not drawing(), f"the server still has child processes: {drawing()}"
    time.sleep(1.0)
    before = process.num_fds()
    open_and_close(8)
    assert process.num_fds() == before, f"the server holds {process.num_fds() - before} more descriptors"
