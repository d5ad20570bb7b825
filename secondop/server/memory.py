"""Give the memory of closed pages back to the system.

A long-running Voilà server builds a page's worth of Python objects for every page it serves, many
of them in reference cycles (handlers, renderers, kernel clients). Python frees cycles only when its
cyclic collector runs a full pass, which happens rarely, so that garbage piled up and the server's
resident size climbed over the first 40 pages (+13 % in the leak check). Collecting right after pages
close, then asking glibc to return free pages (`malloc_trim(0)`), kept it flat (docs/deployment.md).

It also sizes the page limit (`secondop serve --max-pages`) from the memory free when the server starts.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import platform
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: Memory one live page costs the server side, in MiB: `make load` measured 65-69 MiB per page (a kernel is
#: 53-58 MiB when it has drawn the app) and kernels grow as people click, up to about 90 MiB seen in use.
PAGE_MIB = 90
#: Memory kept out of the page budget, in MiB: the Voila server itself (107-181 MiB in `make load`) and a
#: browser on the same laptop showing the app to the room (several hundred MiB), with room to spare.
KEPT_MIB = 1024
#: The default limit when the free memory cannot be read (not Linux, no `SC_AVPHYS_PAGES`): a class.
FALLBACK_PAGES = 20
#: The default limit is never below this, however little memory is free: the presenter and one more page.
MIN_PAGES = 2


@cache
def _malloc_trim() -> Any:
    """glibc's `malloc_trim`, or None where the C library is not glibc (macOS, musl, Windows)."""
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return trim


def release_free_memory() -> bool:
    """Return free heap pages to the system; True if any were released.

    Cheap enough to call after each kernel shutdown (about a millisecond on this server's heap).
    A no-op that returns False where glibc is not the C library.
    """
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False


def collect_and_release() -> tuple[int, float]:
    """Run a full cyclic garbage collection, then return free heap pages; (objects freed, seconds taken)."""
    start = time.perf_counter()
    freed = gc.collect()
    release_free_memory()
    return freed, time.perf_counter() - start


def available_memory_mib(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    """Memory the system can give new processes without swapping, in MiB; None where it cannot be read.

    Linux's `MemAvailable` counts reclaimable caches, which `sysconf`'s free pages (the fallback) do not.
    """
    try:
        for line in meminfo.read_text(encoding="ascii").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (ValueError, OSError, AttributeError):
        return None


@dataclass(frozen=True)
class PageBudget:
    """How many pages may be live at once, and from what: printed when the server starts."""

    pages: int
    available_mib: float | None

    def explained(self) -> str:
        """Where the number comes from, in a few words."""
        if self.available_mib is None:
            return "the free memory could not be read"
        return (
            f"{self.available_mib / 1024:.1f} GiB free at start, less {KEPT_MIB} MiB for the server and a browser, "
            f"at {PAGE_MIB} MiB a page"
        )


def page_budget(available_mib: float | None = None, *, measure: bool = True) -> PageBudget:
    """The default page limit: memory free at start, less KEPT_MIB, divided by PAGE_MIB (at least MIN_PAGES).

    `measure=False` uses `available_mib` as given (tests), else the system is asked when it is None.
    """
    if available_mib is None and measure:
        available_mib = available_memory_mib()
    if available_mib is None:
        return PageBudget(FALLBACK_PAGES, None)
    return PageBudget(max(MIN_PAGES, int((available_mib - KEPT_MIB) // PAGE_MIB)), available_mib)
