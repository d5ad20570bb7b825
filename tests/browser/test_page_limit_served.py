"""The page limit on a running server (limit 3): the busy page, a closed page's place, the presenter, a flood.

`secondop serve --max-pages N` sets `PageKernelManager.max_pages`; the servers here set it directly. Run alone:
`.venv/bin/python -m pytest tests/browser/test_page_limit_served.py -q -p no:cacheprovider`.
"""

from __future__ import annotations

import http.client
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from devtools.browser_harness import READY, READY_TIMEOUT_MS, close_page, kernel_process, page_kernel_id
from secondop.server.busy import RETRY_AFTER_S

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 3
#: The presenter's machine in these tests: a second loopback address, so the browser (127.0.0.1) is the room.
PRESENTER = "127.0.0.2"
#: How long a closed page may hold its place: its kernel starts shutting down at once (beacon + manager).
FREED_WITHIN_S = 10.0


def busy_label(language: str, key: str = "title") -> str:
    path = ROOT / "data" / "text" / language / "labels.yaml"
    return " ".join(yaml.safe_load(path.read_text(encoding="utf-8"))["busy"][key].split())


def busy_title(language: str) -> str:
    return busy_label(language)


def limited_server(start_server, reserve: int = 0, reserved: str = "127.0.0.1"):
    return start_server(
        extra_args=(
            f"--PageKernelManager.max_pages={LIMIT}",
            f"--PageKernelManager.reserved_pages={reserve}",
            f"--PageKernelManager.reserved_addresses={reserved}",
        )
    )


def kernel_count(server) -> int:
    import psutil

    count = 0
    for child in psutil.Process(server.process.pid).children(recursive=True):
        try:
            count += "ipykernel" in " ".join(child.cmdline())
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return count


def wait_for_kernels(server, expected: int, timeout_s: float = 30.0) -> int:
    """Kernels alive once the count reaches `expected` (or after `timeout_s`, whatever it is then)."""
    deadline = time.monotonic() + timeout_s
    while (count := kernel_count(server)) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    return count


def get(server, path: str = "/", source: str = "127.0.0.1", timeout: float = 180.0) -> tuple[int, dict, str]:
    """A plain GET from `source` (a loopback address): status, headers, body. Runs no page script."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=timeout, source_address=(source, 0))
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def shut_down(server, body: str) -> None:
    """Stop the kernel of a page fetched without a browser (its scripts never ran to do it)."""
    kernel_id = re.search(r'"kernelId":\s*"([0-9a-f-]+)"', body).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("POST", f"/voila/api/shutdown/{kernel_id}")
        connection.getresponse().read()
    finally:
        connection.close()


def open_app(browser, server) -> tuple[object, object]:
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url, timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    return context, page


def test_the_fourth_page_gets_the_busy_page_and_closing_one_admits_it(start_server, browser):
    server = limited_server(start_server)
    pages = [open_app(browser, server) for _ in range(LIMIT)]
    assert wait_for_kernels(server, LIMIT) == LIMIT

    context = browser.new_context()
    fourth = context.new_page()
    response = fourth.goto(f"{server.url}?scenario=grace_lymphoma_transplant", timeout=30_000)
    assert response.status == 503 and response.headers["retry-after"] == str(RETRY_AFTER_S)
    assert fourth.locator("h1").inner_text() == busy_title("en")
    assert fourth.locator("html").get_attribute("lang") == "en"
    time.sleep(1.0)
    assert kernel_count(server) == LIMIT, "the busy page started a kernel"

    spanish = context.new_page()
    response = spanish.goto(f"{server.url}?lang=es", timeout=30_000)
    assert response.status == 503 and spanish.locator("h1").inner_text() == busy_title("es")
    assert spanish.locator("html").get_attribute("lang") == "es"
    spanish.close()

    for _, page in pages:  # the open pages still work: each answers a request to its kernel
        assert kernel_process(server, page_kernel_id(page)) is not None

    first_context, first_page = pages.pop(0)
    closed_kernel = page_kernel_id(first_page)
    close_page(first_page)
    first_context.close()
    start = time.monotonic()
    while kernel_process(server, closed_kernel) is not None:
        assert time.monotonic() - start < FREED_WITHIN_S, "the closed page still holds its place"
        time.sleep(0.2)

    fourth.get_by_role("link", name=busy_label("en", "try_again")).click()
    fourth.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    assert "scenario=grace_lymphoma_transplant" in fourth.url
    assert wait_for_kernels(server, LIMIT) == LIMIT
    close_page(fourth)
    context.close()
    for page_context, page in pages:
        close_page(page)
        page_context.close()


def test_the_presenters_page_is_admitted_when_the_room_is_full(start_server, browser):
    """Reserve 1 for the presenter's machine: the room (the browser) fills the other places, is refused
    the last one, and the presenter's page gets it; the total never goes over the limit."""
    server = limited_server(start_server, reserve=1, reserved=PRESENTER)
    room = [open_app(browser, server) for _ in range(LIMIT - 1)]
    status, _, _ = get(server)
    assert status == 503, "the room took the presenter's place"

    status, _, body = get(server, source=PRESENTER)
    assert status == 200 and '"kernelId"' in body
    assert wait_for_kernels(server, LIMIT) == LIMIT
    status, _, _ = get(server, source=PRESENTER)
    assert status == 503, "over the limit for the presenter's machine too"
    shut_down(server, body)
    for context, page in room:
        close_page(page)
        context.close()


def test_a_flood_from_one_client_leaves_the_server_answering_at_the_limit(start_server):
    """50 requests in a few seconds (a script, or a room reloading): 3 pages, 47 busy pages, no error."""
    server = limited_server(start_server)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(lambda _: (time.monotonic(), *get(server)), range(50)))
    sent_within = max(sent for sent, *_ in answers) - start
    statuses = [status for _, status, _, _ in answers]
    assert statuses.count(200) == LIMIT and statuses.count(503) == 50 - LIMIT, statuses
    assert sent_within < 30, f"the requests took {sent_within:.0f} s to send"
    assert wait_for_kernels(server, LIMIT) == LIMIT
    time.sleep(2.0)
    assert kernel_count(server) == LIMIT

    begun = time.monotonic()
    status, _, body = get(server, timeout=10)  # still answering, at once
    assert status == 503 and time.monotonic() - begun < 2.0 and busy_title("en") in body
    for _, status, _, body in answers:
        if status == 200:
            shut_down(server, body)
    assert wait_for_kernels(server, 0) == 0
