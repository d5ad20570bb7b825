"""How long the dashboard takes to build, and to redraw after one circumstance is ticked, in process.

Measured, not asserted (a test that asserted nothing lived in tests/test_ui.py; it moved here):

    .venv/bin/python benchmarks/bench_build.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from secondop import load_content
from secondop.ui import build_dashboard


def main() -> None:
    content = load_content()
    start = time.perf_counter()
    app = build_dashboard(content, "")
    built = (time.perf_counter() - start) * 1000
    timings = []
    for circumstance in content.circumstances:
        start = time.perf_counter()
        app.circumstance_boxes[circumstance].value = True
        timings.append((time.perf_counter() - start) * 1000)
    print(f"build {built:.0f} ms; toggle median {statistics.median(timings):.1f} ms, max {max(timings):.1f} ms")


if __name__ == "__main__":
    main()
