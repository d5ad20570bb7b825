"""Give the server's freed heap memory back to the system.

A long-running Voilà server allocates and frees a page's worth of Python objects for every page
it serves. glibc keeps much of the freed memory in its arenas instead of returning it, so the
server's resident size climbs for the first few dozen pages even though its Python heap stays flat
(measured with tracemalloc; docs/deployment.md). `malloc_trim(0)` hands those free pages back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import platform
from functools import cache


@cache
def _malloc_trim():
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
