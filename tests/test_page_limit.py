"""The page limit without a browser: the kernel manager's places, the busy page, the hook, the serve command.

The browser tests (tests/browser/test_page_limit_served.py) check the same on a running server with real kernels.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from tornado.web import Finish

from secondop.paths import PUBLIC_URL_ENV
from secondop.server import busy, memory
from secondop.server.command import page_limit_notice, voila_command
from secondop.server.kernels import PageKernelManager, PagesFull

ROOT = Path(__file__).resolve().parent.parent
ROOM = "192.168.1.30"  # a phone on the room's Wi-Fi
PRESENTER = "127.0.0.1"


def run(coroutine):
    """Run a coroutine on its own event loop in a worker thread (Playwright may own this thread's loop)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


@pytest.fixture
def manager(monkeypatch) -> PageKernelManager:
    """A manager whose kernels are fake: starting one only records it (no process)."""
    km = PageKernelManager(max_pages=3, reserved_pages=1)

    async def parent_start(self, *, kernel_id=None, **kwargs):
        await asyncio.sleep(0)  # a real start awaits the process
        self._kernels[kernel_id] = SimpleNamespace(kernel_name="python3")
        return kernel_id

    monkeypatch.setattr(PageKernelManager.__mro__[1], "start_kernel", parent_start)
    return km


def open_page(km: PageKernelManager, address: str) -> str | None:
    """What the hook and Voilà do for one page: a place, then the kernel; None when refused."""
    if not km.admit(address):
        return None
    return run(km.start_kernel(kernel_name="python3", path="", env={}))


def test_the_fourth_page_is_refused_and_starts_no_kernel(manager):
    opened = [open_page(manager, ROOM) for _ in range(2)] + [open_page(manager, PRESENTER)]
    assert all(opened) and len(manager._kernels) == 3
    assert open_page(manager, ROOM) is None
    assert open_page(manager, PRESENTER) is None  # the total never goes over the limit
    assert len(manager._kernels) == 3 and manager.pages_in_use() == 3


def test_the_last_place_is_kept_for_this_machine(manager):
    assert open_page(manager, ROOM) and open_page(manager, ROOM)
    assert open_page(manager, ROOM) is None, "the room took the presenter's place"
    assert open_page(manager, "::ffff:127.0.0.1")  # the presenter's page, from an IPv6 socket
    assert manager.pages_in_use() == 3


def test_the_reserve_stays_free_for_the_presenters_reload(manager):
    """The presenter's page is open before the room's: the room still fills only `max_pages - reserve`, so a
    reload (whose request may reach the server before the old page's shutdown) finds a place."""
    assert open_page(manager, PRESENTER) and open_page(manager, ROOM)
    assert open_page(manager, ROOM) is None
    assert open_page(manager, PRESENTER)


def test_no_reserve_lets_the_room_fill_every_place(manager):
    manager.reserved_pages = 0
    assert all(open_page(manager, ROOM) for _ in range(3))
    assert open_page(manager, PRESENTER) is None


def test_a_reserve_never_takes_every_place():
    km = PageKernelManager(max_pages=2, reserved_pages=5)
    assert km.reserve == 1
    assert km.admit(ROOM) and not km.admit(ROOM)


def test_a_page_shutting_down_frees_its_place_at_once(manager):
    manager.reserved_pages = 0
    kernels = [open_page(manager, ROOM) for _ in range(3)]
    assert open_page(manager, ROOM) is None
    manager._shutting_down.add(kernels[0])  # the page closed: its kernel is on its way out
    assert manager.pages_in_use() == 2
    manager._shutting_down.discard(kernels[0])
    manager._kernels.pop(kernels[0])
    assert open_page(manager, ROOM)


def test_a_place_held_for_a_request_that_failed_is_given_back(manager):
    manager.admission_hold_seconds = 0.05
    assert manager.admit(ROOM) and manager.admit(ROOM)  # two pages admitted whose kernels never start
    assert not manager.admit(ROOM)
    import time

    time.sleep(0.1)
    assert manager.pages_in_use() == 0
    assert manager.admit(ROOM)


def test_a_kernel_asked_for_without_a_place_is_refused_when_full(manager):
    """Without the hook (a preheated pool): the limit still holds, as an error instead of a busy page."""
    for _ in range(3):
        run(manager.start_kernel(kernel_name="python3"))
    with pytest.raises(PagesFull):
        run(manager.start_kernel(kernel_name="python3"))
    assert len(manager._kernels) == 3


def test_kernels_still_starting_count(manager):
    async def flood() -> list[bool]:
        answers = []
        starts = []
        for address in [ROOM] * 10 + [PRESENTER] * 2:  # all arrive before any kernel has started
            ok = manager.admit(address)
            answers.append(ok)
            if ok:
                starts.append(asyncio.ensure_future(manager.start_kernel(kernel_name="python3")))
        await asyncio.gather(*starts)
        return answers

    answers = run(flood())
    assert answers == [True, True] + [False] * 8 + [True, False]
    assert len(manager._kernels) == 3


def test_no_limit_by_default():
    km = PageKernelManager()
    assert km.max_pages == 0
    assert all(km.admit(ROOM) for _ in range(100))


# The busy page ---------------------------------------------------------------------------------------------


def labels(language: str) -> dict:
    return yaml.safe_load((ROOT / "data" / "text" / language / "labels.yaml").read_text(encoding="utf-8"))["busy"]


@pytest.fixture
def wording(monkeypatch):
    """The busy wording read from data/ directly (the content loader is tested with the whole content)."""
    monkeypatch.setattr(busy, "_languages", lambda: ("en", ("en", "es")))

    def read(language: str, public: str = "") -> busy.BusyWording:
        text = labels(language)
        return busy.BusyWording(language, text["title"], text["text"], text["try_again"], text["other_copy"], public)

    monkeypatch.setattr(busy, "busy_wording", read)
    return read


class FakeHandler:
    """Just what the hook reads and writes of a Tornado handler."""

    def __init__(self, manager, query: str = "", remote_ip: str = ROOM, host: str = "192.168.1.20:8866") -> None:
        self.kernel_manager = manager
        self.request = SimpleNamespace(query=query, path="/", remote_ip=remote_ip, host=host)
        self.status = 200
        self.headers: dict[str, str] = {}

    def set_status(self, status: int) -> None:
        self.status = status

    def set_header(self, name: str, value: str) -> None:
        self.headers[name] = value


def refused(handler: FakeHandler) -> str | None:
    """The busy page the hook answered with, or None if it let the page through."""
    try:
        busy.refuse_when_full(handler)
    except Finish as finish:
        return finish.args[0]
    return None


def test_the_busy_page_says_so_in_the_links_language(wording):
    full = PageKernelManager(max_pages=1, reserved_pages=0)
    assert refused(FakeHandler(full)) is None
    english = FakeHandler(full, query="scenario=grace_lymphoma_transplant")
    page = refused(english)
    assert english.status == 503 and english.headers["Retry-After"] == str(busy.RETRY_AFTER_S)
    assert '<html lang="en">' in page and labels("en")["title"] in page and labels("en")["text"] in page
    assert 'href="/?scenario=grace_lymphoma_transplant"' in page  # "try again" asks for the same page
    spanish = FakeHandler(full, query="lang=es&scenario=x")
    page = refused(spanish)
    assert '<html lang="es">' in page and labels("es")["title"] in page and labels("es")["try_again"] in page
    assert labels("en")["title"] not in page
    assert '<html lang="en">' in refused(FakeHandler(full, query="lang=fr"))  # not shipped: the default


def test_the_busy_page_names_the_public_copy_unless_it_is_this_server(monkeypatch, wording):
    monkeypatch.setattr(busy, "busy_wording", lambda language: wording(language, "https://example.org/guide/"))
    full = PageKernelManager(max_pages=1, reserved_pages=0)
    full.admit(ROOM)
    page = refused(FakeHandler(full, query="lang=es"))
    assert labels("es")["other_copy"] in page and 'href="https://example.org/guide/?lang=es"' in page
    monkeypatch.setattr(busy, "busy_wording", lambda language: wording(language, "http://192.168.1.20:8866/"))
    page = refused(FakeHandler(full))
    assert "192.168.1.20" not in page and labels("en")["other_copy"] not in page


def test_busy_page_text_is_escaped(monkeypatch):
    hostile = busy.BusyWording("en", "<script>x()</script>", "a & b", "<b>again</b>", "other", "")
    page = busy.busy_page_html(hostile, '/?a="><script>', "")
    assert "<script>x()" not in page and "&lt;script&gt;" in page and '"><script>' not in page


def test_other_copy_link_keeps_a_binder_placeholder():
    link = busy.other_copy_link("https://mybinder.org/v2/gh/o/r/HEAD?urlpath=voila%3F{query}", "es", "en", "h:8866")
    assert link.endswith("voila%3Flang%3Des")
    assert busy.other_copy_link("https://o.github.io/r/", "en", "en", "h:8866") == "https://o.github.io/r/"
    assert busy.other_copy_link("", "en", "en", "h:8866") == ""


def test_the_busy_wording_comes_from_the_content(monkeypatch):
    """Through the content loader, as the server reads it; the public address from `--public-url`."""
    busy.busy_wording.cache_clear()
    busy._languages.cache_clear()
    monkeypatch.setenv(PUBLIC_URL_ENV, "https://example.org/copy/")
    try:
        spanish = busy.busy_wording("es")
        assert spanish.title == " ".join(labels("es")["title"].split())
        assert spanish.public_url == "https://example.org/copy/"
        assert busy.page_language("lang=es") == "es" and busy.page_language("") == "en"
    finally:
        busy.busy_wording.cache_clear()
        busy._languages.cache_clear()


def test_without_a_limiting_manager_the_hook_does_nothing():
    assert refused(FakeHandler(SimpleNamespace())) is None  # Voilà as a Jupyter server extension (Binder)


# Sizing the limit and serving with it ---------------------------------------------------------------------


def test_the_default_limit_follows_the_free_memory():
    assert memory.page_budget(4 * 1024, measure=False).pages == (4 * 1024 - memory.KEPT_MIB) // memory.PAGE_MIB
    assert memory.page_budget(800, measure=False).pages == memory.MIN_PAGES
    assert memory.page_budget(None, measure=False).pages == memory.FALLBACK_PAGES
    assert "GiB free" in memory.page_budget(4096, measure=False).explained()


def test_free_memory_is_read_from_meminfo(tmp_path):
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal: 8000000 kB\nMemAvailable: 2097152 kB\n", encoding="ascii")
    assert memory.available_memory_mib(meminfo) == 2048


def test_serve_passes_the_limit_to_the_kernel_manager_and_says_it():
    limit, line = page_limit_notice(12, 2)
    assert limit == 12 and "at most 12" in line and "2 of them kept" in line
    command = voila_command(9999, max_pages=limit, reserve=2)
    assert "--PageKernelManager.max_pages=12" in command and "--PageKernelManager.reserved_pages=2" in command
    assert not any("max_pages" in part for part in voila_command(9999))
    derived, line = page_limit_notice(None, 1)
    assert derived >= 2 and re.search(r"at most \d+ pages open at once \((.* GiB free|the free memory)", line)
    assert page_limit_notice(0, 1)[0] == 0
    with pytest.raises(ValueError, match="no place"):
        page_limit_notice(1, 1)
    with pytest.raises(ValueError, match="or more, not -3"):
        page_limit_notice(-3, 1)


def test_the_cli_refuses_a_reserve_that_leaves_no_place(capsys):
    from secondop.cli import main

    code = main(["serve", "--max-pages", "2", "--reserve", "2", "--no-browser"])
    assert code != 0
    assert "--reserve 2 must be smaller than --max-pages 2" in capsys.readouterr().err
