"""The standalone server's kernel manager: never-connected kernels culled early, others as Jupyter does."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from types import SimpleNamespace

import pytest
from jupyter_server._tz import utcnow

from secondop.server import memory
from secondop.server.kernels import PageKernelManager


def run(coroutine):
    """Run a coroutine on its own event loop in a worker thread.

    In the full test run the browser tests' Playwright keeps an event loop running in this thread.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


@pytest.fixture
def manager(monkeypatch) -> PageKernelManager:
    """A manager with fake kernels; shutdowns are recorded instead of stopping processes."""
    km = PageKernelManager(unconnected_cull_timeout=300, cull_idle_timeout=900)
    km.stopped = []

    async def shutdown(kernel_id, now=False, restart=False):
        km.stopped.append(kernel_id)
        km._kernels.pop(kernel_id, None)

    monkeypatch.setattr(km, "shutdown_kernel", shutdown)
    return km


def add_kernel(km: PageKernelManager, kernel_id: str, idle_s: float, state: str = "idle") -> None:
    km._kernels[kernel_id] = SimpleNamespace(
        last_activity=utcnow() - timedelta(seconds=idle_s),
        execution_state=state,
        kernel_name="python3",
        kernel_spec=SimpleNamespace(metadata={}),
    )
    km._kernel_connections[kernel_id] = 0


def cull(km: PageKernelManager, kernel_id: str) -> None:
    run(km.cull_kernel_if_idle(kernel_id))


def test_a_kernel_no_page_ever_reached_is_culled_after_the_short_timeout(manager):
    add_kernel(manager, "left-behind", idle_s=301)
    cull(manager, "left-behind")
    assert manager.stopped == ["left-behind"]


def test_a_page_still_loading_keeps_its_kernel(manager):
    add_kernel(manager, "loading", idle_s=120)
    cull(manager, "loading")
    assert manager.stopped == []


def test_a_busy_kernel_is_never_culled_for_lack_of_a_page(manager):
    add_kernel(manager, "executing", idle_s=1000, state="busy")
    assert manager.never_connected_idle("executing") is None
    cull(manager, "executing")
    assert manager.stopped == []


def test_once_a_page_connected_the_usual_idle_timeout_applies(manager):
    add_kernel(manager, "was-open", idle_s=600)
    manager.notify_connect("was-open")
    manager.notify_disconnect("was-open")  # e.g. a laptop lid closed: the page may come back
    assert manager.never_connected_idle("was-open") is None
    cull(manager, "was-open")
    assert manager.stopped == []
    manager._kernels["was-open"].last_activity = utcnow() - timedelta(seconds=901)
    cull(manager, "was-open")
    assert manager.stopped == ["was-open"]


def test_a_connected_kernel_is_kept(manager):
    add_kernel(manager, "open", idle_s=5000)
    manager.notify_connect("open")
    cull(manager, "open")
    assert manager.stopped == []


def test_zero_turns_the_short_timeout_off(manager):
    manager.unconnected_cull_timeout = 0
    add_kernel(manager, "left-behind", idle_s=600)
    cull(manager, "left-behind")
    assert manager.stopped == []


def test_shutdown_forgets_the_kernel_and_releases_memory_once_for_a_burst(monkeypatch):
    km = PageKernelManager(release_memory_delay=0.05)
    released = []
    monkeypatch.setattr("secondop.server.kernels.collect_and_release", lambda: released.append(1) or (0, 0.0))

    async def parent_shutdown(self, kernel_id, now=False, restart=False):
        self._kernels.pop(kernel_id, None)

    monkeypatch.setattr(PageKernelManager.__mro__[1], "shutdown_kernel", parent_shutdown)

    async def class_at_the_bell() -> None:
        for kernel_id in ("a", "b", "c"):
            add_kernel(km, kernel_id, idle_s=0)
            km.notify_connect(kernel_id)
        await asyncio.gather(*(km.shutdown_kernel(kernel_id) for kernel_id in ("a", "b", "c")))
        assert released == []  # not yet: pages closing together share one release
        await asyncio.sleep(0.2)
        assert released == [1]
        add_kernel(km, "r", idle_s=0)
        await km.shutdown_kernel("r", restart=True)  # a restart keeps the page's kernel: nothing to free
        await asyncio.sleep(0.2)
        assert released == [1]
        add_kernel(km, "d", idle_s=0)
        await km.shutdown_kernel("d")  # a later close gets its own release
        await asyncio.sleep(0.2)
        assert released == [1, 1]

    run(class_at_the_bell())
    assert not km._connected_once


def test_voila_json_names_this_manager():
    import json

    from secondop.server.command import REPO_ROOT

    settings = json.loads((REPO_ROOT / "voila.json").read_text(encoding="utf-8"))
    name = settings["VoilaConfiguration"]["multi_kernel_manager_class"]
    module, _, cls = name.rpartition(".")
    assert getattr(__import__(module, fromlist=[cls]), cls) is PageKernelManager


def test_collect_and_release_frees_cycles():
    class Node:
        pass

    import gc

    gc.collect()
    gc.disable()  # no automatic pass in between: the cycles wait for ours, as they did in gen 2
    try:
        for _ in range(1000):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle only the collector frees
        del a, b
        freed, seconds = memory.collect_and_release()
    finally:
        gc.enable()
    assert freed >= 2000 and seconds >= 0


def test_memory_release_works_on_glibc_and_is_a_no_op_elsewhere(monkeypatch):
    import platform

    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        garbage = [bytes(1000) for _ in range(50_000)]  # about 50 MB in small blocks, then freed
        del garbage
        assert memory.release_free_memory() is True
    memory._malloc_trim.cache_clear()
    monkeypatch.setattr(memory.platform, "system", lambda: "Darwin")
    try:
        assert memory.release_free_memory() is False
    finally:
        memory._malloc_trim.cache_clear()


class FakeStream:
    def __init__(self) -> None:
        self.is_closed = False

    def closed(self) -> bool:
        return self.is_closed

    def on_recv(self, callback) -> None:
        pass

    def close(self) -> None:
        self.is_closed = True


def page_channels() -> dict[str, FakeStream]:
    return {name: FakeStream() for name in ("shell", "iopub", "stdin", "control")}


def test_a_page_socket_closing_during_shutdown_leaves_no_open_streams(monkeypatch):
    """The race seen in the leak check: the websocket closes while the kernel is being shut down."""
    km = PageKernelManager()
    monkeypatch.setattr("secondop.server.kernels.collect_and_release", lambda: (0, 0.0))
    km.release_memory_on_shutdown = False
    during, after = page_channels(), page_channels()

    async def parent_shutdown(self, kernel_id, now=False, restart=False):
        self.start_buffering(kernel_id, "page-session", during)  # the socket closes mid-shutdown
        self._kernels.pop(kernel_id, None)

    monkeypatch.setattr(PageKernelManager.__mro__[1], "shutdown_kernel", parent_shutdown)
    add_kernel(km, "k", idle_s=0)
    run(km.shutdown_kernel("k"))
    assert all(stream.is_closed for stream in during.values())
    assert "k" not in km._kernel_buffers

    # Whatever still got into the buffer table for a kernel that is gone is closed too.
    async def parent_shutdown_racing(self, kernel_id, now=False, restart=False):
        self._kernel_buffers[kernel_id]["channels"] = after
        self._kernels.pop(kernel_id, None)

    monkeypatch.setattr(PageKernelManager.__mro__[1], "shutdown_kernel", parent_shutdown_racing)
    add_kernel(km, "k2", idle_s=0)
    run(km.shutdown_kernel("k2"))
    assert all(stream.is_closed for stream in after.values())
    assert "k2" not in km._kernel_buffers


def test_a_live_kernel_still_buffers_for_a_page_that_may_come_back():
    km = PageKernelManager()
    add_kernel(km, "k", idle_s=0)
    channels = page_channels()
    km.start_buffering("k", "page-session", channels)
    assert not any(stream.is_closed for stream in channels.values())
    assert km._kernel_buffers["k"]["channels"] is channels


def test_a_kernel_still_starting_is_skipped_without_an_error(manager):
    """Jupyter server sets `last_activity` only once a kernel is up; reading it before raises TraitError."""
    from jupyter_server.services.kernels.kernelmanager import ServerKernelManager

    manager._kernels["starting"] = ServerKernelManager()
    manager._kernel_connections["starting"] = 0
    assert manager.never_connected_idle("starting") is None
    cull(manager, "starting")  # raised TraitError before: "expected a datetime, not the NoneType None"
    assert manager.stopped == []
