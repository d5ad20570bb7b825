"""What `make load` measures while a class works: server and kernel memory, CPU time, browser processes.

Split from `load_classroom.py` (which drives the pages): these helpers only read the processes of one
Voilà server and its kernels, sampled in the background while the pages load and click.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import psutil
from common import MIB, kernel_processes

from devtools.browser_harness import VoilaServer


@dataclass
class Snapshot:
    server_mib: float
    kernels_mib: float
    kernels: int

    @property
    def total_mib(self) -> float:
        return self.server_mib + self.kernels_mib


def snapshot(server: VoilaServer) -> Snapshot:
    """RSS of the server and of its kernels right now (a kernel that exits mid-count is skipped)."""
    server_mib = psutil.Process(server.process.pid).memory_info().rss / MIB
    kernels_mib, count = 0.0, 0
    for kernel in kernel_processes(server):
        try:
            kernels_mib += kernel.memory_info().rss / MIB
            count += 1
        except psutil.NoSuchProcess:
            continue
    return Snapshot(server_mib, kernels_mib, count)


class CpuMeter:
    """CPU-seconds used by a changing set of processes since the meter started (sampled, so a little low)."""

    def __init__(self) -> None:
        self.start: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def add(self, processes: list[psutil.Process], first: bool) -> None:
        for process in processes:
            try:
                times = process.cpu_times()
            except psutil.NoSuchProcess:
                continue
            if first:
                self.start[process.pid] = times.user + times.system
            self.last[process.pid] = times.user + times.system

    @property
    def seconds(self) -> float:
        return sum(last - self.start.get(pid, 0.0) for pid, last in self.last.items())


def browser_processes() -> list[psutil.Process]:
    """Chromium's processes (this script's descendants): their CPU is what the students' devices would spend."""
    found = []
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name().lower():
                found.append(child)
        except psutil.NoSuchProcess:
            continue
    return found


class Sampler:
    """Samples twice a second while a class runs: peak memory, peak kernel count, CPU of server side and browser.

    Also remembers every kernel process it saw, so a kernel orphaned by a crash can be stopped at the end.
    """

    def __init__(self, server: VoilaServer, seen: dict[int, psutil.Process]) -> None:
        self.server, self.seen = server, seen
        self.peak = snapshot(server)
        self.peak_kernels = self.peak.kernels
        self.server_cpu, self.kernel_cpu, self.browser_cpu = CpuMeter(), CpuMeter(), CpuMeter()
        self._task: asyncio.Task | None = None
        self._sample(first=True)

    def _sample(self, first: bool = False) -> None:
        now = snapshot(self.server)
        self.peak = max(self.peak, now, key=lambda shot: shot.total_mib)
        self.peak_kernels = max(self.peak_kernels, now.kernels)
        kernels = kernel_processes(self.server)
        for kernel in kernels:
            self.seen.setdefault(kernel.pid, kernel)
        self.server_cpu.add([psutil.Process(self.server.process.pid)], first)
        self.kernel_cpu.add(kernels, first)
        self.browser_cpu.add(browser_processes(), first)

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(0.5)
            self._sample()

    def __enter__(self) -> Sampler:
        self._task = asyncio.get_running_loop().create_task(self._run())
        return self

    def __exit__(self, *exc: object) -> None:
        if self._task:
            self._task.cancel()
        self._sample()


def reap(seen: dict[int, psutil.Process]) -> int:
    """Kill kernels this run started that outlived their server (only after a crash); how many there were."""
    orphans = [kernel for kernel in seen.values() if kernel.is_running()]
    for kernel in orphans:
        kernel.kill()
    return len(orphans)
