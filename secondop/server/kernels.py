"""The kernel manager for standalone Voilà: free what a closed page leaves behind.

Voilà starts one kernel per page, before the page has loaded, and asks the server to stop it only
once the page's scripts are running. A page closed (or reloaded, or crashed) before that leaves a
kernel nobody will ever connect to; Jupyter's culler would keep it for the full idle timeout
(15 minutes), which in a class of impatient reloaders piles up gigabytes. This manager stops such
never-connected kernels after a shorter idle time, keeps the usual rules for every other kernel,
and, shortly after pages close, collects their garbage and returns the memory to the system.

It also closes a race in Jupyter server: a page's websocket that closes while its kernel is being
shut down (Voilà's unload beacon and the socket close arrive together) makes the server start
"buffering" the kernel's messages on four fresh zmq streams, which nothing closes once the kernel is
gone. In the leak check 29 of 101 pages hit it; each left four sockets and their buffers behind, and
the server's memory grew with them.

And it holds a limit on live pages (`max_pages`, `secondop serve --max-pages`): every page is a kernel of
55-90 MiB, so a room of phones reloading, or one script, could otherwise start kernels until the machine
runs out of memory and every page stops, the presenter's included. A page is admitted (`admit`) before its
kernel starts, by the prelaunch hook in `busy`, which answers a refused one with a small "busy" page; the
last `reserved_pages` places are kept for pages opened on the server's own machine (the presenter's).

Configured in `voila.json` (`VoilaConfiguration.multi_kernel_manager_class`).
"""

from __future__ import annotations

import asyncio
import ipaddress
import time
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Bool, Float, Integer, List, TraitError, Unicode

from .memory import collect_and_release


class PagesFull(RuntimeError):
    """Every place for a live page is taken: starting one more kernel would go over `max_pages`."""


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An IP address as a comparable value (an IPv4 address mapped into IPv6 as plain IPv4); None if not one."""
    try:
        address = ipaddress.ip_address(text.strip().strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class PageKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager plus culling of never-connected kernels, memory release and a page limit."""

    max_pages = Integer(
        0,
        config=True,
        help="""Most pages (kernels) alive at once; a page asked for beyond it gets a "busy" page instead of a
        kernel (0: no limit). `secondop serve` sets it from the memory free at start (`--max-pages`).""",
    )
    reserved_pages = Integer(
        1,
        config=True,
        help="""Places out of `max_pages` that only pages opened from `reserved_addresses` (this machine) may
        take, so the presenter's page is admitted when the room has filled the rest. The total stays at
        `max_pages`.""",
    )
    reserved_addresses = List(
        Unicode(),
        ["127.0.0.1", "::1"],
        config=True,
        help="""Client addresses that may take the reserved places: the server's own machine. Behind a proxy on
        the same machine every page comes from here, and the reserve then admits anyone.""",
    )
    admission_hold_seconds = Float(
        30.0,
        config=True,
        help="""How long a place given to an admitted page is held for its kernel to start (a few milliseconds
        normally); a request that fails in between gives its place back after this.""",
    )

    unconnected_cull_timeout = Integer(
        300,
        config=True,
        help="""Seconds a kernel no page has ever connected to may stay idle before it is stopped
        (0 turns this off). Keep it well above the slowest page load: a page still loading has not
        connected yet. In the 30-pages-at-once load test pages took up to 165 s from request to ready.""",
    )
    release_memory_on_shutdown = Bool(
        True,
        config=True,
        help="""After kernels shut down, collect the closed pages' garbage and hand free heap back to the
        system (the last step on glibc only). Runs at most once per `release_memory_delay` seconds.""",
    )
    release_memory_delay = Float(
        2.0,
        config=True,
        help="""Seconds after a shutdown before memory is released: a class closing its pages together
        costs one collection (33 ms on average in the leak check, 230 ms at most), not one per page.""",
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._connected_once: set[str] = set()
        self._shutting_down: set[str] = set()
        self._release_scheduled = False
        #: Places given to admitted pages whose kernels have not started yet (when each was given).
        self._held: deque[float] = deque()
        #: Kernels being started by `start_kernel` (Jupyter adds them to `_kernels` part way through).
        self._starting: set[str] = set()
        if self.max_pages > 0:
            self.log.info(
                "At most %d pages at once (%d kept for pages opened on this machine); more get a busy page.",
                self.max_pages,
                self.reserve,
            )

    @property
    def reserve(self) -> int:
        """The reserved places in effect: never all of them, or nobody else could open a page."""
        return max(0, min(self.reserved_pages, self.max_pages - 1))

    def pages_in_use(self) -> int:
        """Places taken: live and starting kernels (not those shutting down) and places held for admitted pages."""
        now = time.monotonic()
        while self._held and now - self._held[0] > self.admission_hold_seconds:
            self._held.popleft()
        live = (set(self._kernels) | self._starting) - self._shutting_down
        return len(live) + len(self._held)

    def is_reserved_address(self, address: str) -> bool:
        """True for a client on one of `reserved_addresses` (by default the server's own machine)."""
        client = _address(address)
        return client is not None and any(client == _address(allowed) for allowed in self.reserved_addresses)

    def admit(self, address: str) -> bool:
        """Give a new page from `address` a place, held until its kernel starts; False when none is free.

        Called by the prelaunch hook before Voilà starts the page's kernel. Pages from elsewhere may take
        `max_pages - reserve` places; pages from `reserved_addresses` may take all of them.
        """
        if self.max_pages <= 0:
            return True
        limit = self.max_pages if self.is_reserved_address(address) else self.max_pages - self.reserve
        if self.pages_in_use() >= limit:
            return False
        self._held.append(time.monotonic())
        return True

    # jupyter_server's start_kernel is the coroutine `_async_start_kernel`, keyword arguments only
    async def start_kernel(self, **kwargs: Any) -> str:  # type: ignore[override]
        """Start a page's kernel in the place `admit` held for it.

        A kernel started without one (a preheated pool, where Voilà allows no prelaunch hook) is refused
        with PagesFull when every place is taken, so the limit holds however a kernel is asked for.
        """
        if self._held:
            self._held.popleft()
        elif self.max_pages > 0 and self.pages_in_use() >= self.max_pages:
            raise PagesFull(f"all {self.max_pages} places for pages are taken")
        kernel_id = kwargs.pop("kernel_id", None) or self.new_kernel_id()
        self._starting.add(kernel_id)
        try:
            return await super().start_kernel(kernel_id=kernel_id, **kwargs)
        finally:
            self._starting.discard(kernel_id)

    def notify_connect(self, kernel_id: str) -> None:
        """Remember that a page reached this kernel: from now on the usual idle rules apply."""
        super().notify_connect(kernel_id)
        if kernel_id in self._kernels:
            self._connected_once.add(kernel_id)

    def never_connected_idle(self, kernel_id: str) -> timedelta | None:
        """How long a kernel nobody ever connected to has been idle; None if it is not such a kernel."""
        kernel = self._kernels.get(kernel_id)
        if kernel is None or kernel_id in self._connected_once or self._kernel_connections.get(kernel_id, 0):
            return None
        last_activity = _last_activity(kernel)
        if last_activity is None or getattr(kernel, "execution_state", None) == "busy":
            return None
        return utcnow() - last_activity

    async def cull_kernel_if_idle(self, kernel_id: str) -> None:
        kernel = self._kernels.get(kernel_id)
        if kernel is None or _last_activity(kernel) is None:
            # Still starting (Jupyter server marks activity only once the kernel is up); its own culler
            # would log an error for it on every pass. With 30 pages at once, starts took over a minute.
            return
        idle = self.never_connected_idle(kernel_id)
        if (
            self.unconnected_cull_timeout > 0
            and idle is not None
            and idle > timedelta(seconds=self.unconnected_cull_timeout)
        ):
            self.log.warning(
                "Culling kernel %s: no page connected to it and it has been idle for %d seconds.",
                kernel_id,
                int(idle.total_seconds()),
            )
            await self.shutdown_kernel(kernel_id)
            return
        await super().cull_kernel_if_idle(kernel_id)

    def start_buffering(self, kernel_id: str, session_key: str, channels: dict[str, Any]) -> None:
        """Buffer for a page that may come back, unless the kernel is on its way out: then just close."""
        if kernel_id in self._shutting_down:
            _close_streams(channels)
            return
        super().start_buffering(kernel_id, session_key, channels)

    # jupyter_client declares it as a plain method taking anything; the async server calls this coroutine
    async def shutdown_kernel(self, kernel_id: str, now: bool = False, restart: bool = False) -> None:  # type: ignore[override]
        if restart:
            await super().shutdown_kernel(kernel_id, now=now, restart=restart)
            return
        self._shutting_down.add(kernel_id)
        try:
            await super().shutdown_kernel(kernel_id, now=now, restart=restart)
        finally:
            self._shutting_down.discard(kernel_id)
            self._connected_once.discard(kernel_id)
            leftover = self._kernel_buffers.pop(kernel_id, None) if kernel_id not in self._kernels else None
            if leftover:
                _close_streams(leftover.get("channels", {}))
        if self.release_memory_on_shutdown:
            self._schedule_memory_release()

    def _schedule_memory_release(self) -> None:
        """Release memory once, `release_memory_delay` seconds from now, for this and any later shutdowns."""
        if self._release_scheduled:
            return
        self._release_scheduled = True
        asyncio.get_running_loop().call_later(self.release_memory_delay, self._release_memory)

    def _release_memory(self) -> None:
        self._release_scheduled = False
        freed, seconds = collect_and_release()
        self.log.info("Released the memory of closed pages: %d objects in %.0f ms.", freed, seconds * 1000)


def _last_activity(kernel: object) -> datetime | None:
    """When the kernel last did something; None while it is starting (the trait is not set yet)."""
    try:
        return getattr(kernel, "last_activity", None)
    except TraitError:
        return None


def _close_streams(channels: dict[str, Any]) -> None:
    """Close a page's zmq streams (shell, iopub, stdin, control) that are still open."""
    for stream in channels.values():
        if stream is not None and not stream.closed():
            stream.on_recv(None)
            stream.close()
