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

Configured in `voila.json` (`VoilaConfiguration.multi_kernel_manager_class`).
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from jupyter_server._tz import utcnow
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Bool, Float, Integer, TraitError

from .memory import collect_and_release


class PageKernelManager(AsyncMappingKernelManager):
    """Jupyter's kernel manager plus culling of never-connected kernels and memory release."""

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

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._connected_once: set[str] = set()
        self._shutting_down: set[str] = set()
        self._release_scheduled = False

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

    def start_buffering(self, kernel_id: str, session_key: str, channels: dict) -> None:
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


def _close_streams(channels: dict) -> None:
    """Close a page's zmq streams (shell, iopub, stdin, control) that are still open."""
    for stream in channels.values():
        if stream is not None and not stream.closed():
            stream.on_recv(None)
            stream.close()
