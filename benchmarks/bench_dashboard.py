"""Compare the dashboard with a bare one-checkbox Voilà app, both served the way `make run` serves.

Run by hand (`make bench`), never in the test run. It starts both servers in the same run and
alternates between them, so machine load drifts affect both alike. Measured per app:

- ready: seconds from navigation to the app's "ready" marker, in a fresh browser context (median);
- toggle: milliseconds from a checkbox click to the changed text, timed inside the page (median, p95);
- kernel memory: RSS of the page's kernel process (a child of the server), once the app is ready (median);
- bytes: response bodies plus websocket frames received during one load.

Figures go to stdout, to benchmarks/results/ (JSON) and into docs/performance.md between markers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field

import psutil
from common import (
    BASELINE,
    DASHBOARD,
    MIB,
    RESULTS_DIR,
    TOGGLE_JS,
    App,
    kernel_processes,
    percentile,
    write_between_markers,
)
from harness import CHROMIUM, CHROMIUM_ARGS, VoilaServer, close_page, is_loopback, running_voila

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TIMEOUT_MS = 90_000
#: ratio dashboard / baseline that each figure must stay under
TARGETS = {"ready_s": 1.3, "toggle_p95_ms": 2.0, "kernel_rss_mib": 2.0, "bytes_per_load": 1.2}


@dataclass
class Figures:
    ready_s: list[float] = field(default_factory=list)
    bytes_per_load: list[int] = field(default_factory=list)
    toggle_ms: list[float] = field(default_factory=list)
    kernel_rss_mib: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        toggles = self.toggle_ms
        return {
            "ready_s": statistics.median(self.ready_s),
            "toggle_median_ms": statistics.median(toggles) if toggles else float("nan"),
            "toggle_p95_ms": percentile(toggles, 0.95),
            "kernel_rss_mib": statistics.median(self.kernel_rss_mib),
            "bytes_per_load": statistics.median(self.bytes_per_load),
        }


def page_kernel_rss_mib(server: VoilaServer) -> float:
    """RSS of the newest kernel under the server: the one the open page uses (no pool is running)."""
    kernels = kernel_processes(server)
    if not kernels:
        raise RuntimeError(f"no kernel process under the {server.url} server")
    newest = max(kernels, key=lambda process: process.create_time())
    return newest.memory_info().rss / MIB


def load_once(browser, server: VoilaServer, app: App, figures: Figures, toggles: int) -> None:
    """One fresh context: time to ready, bytes received, then (optionally) toggles and kernel memory."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    finished, ws_bytes, blocked = [], [0], []
    context.route("**/*", lambda route: route.continue_() if is_loopback(route.request.url) else _block(route, blocked))
    page.on("requestfinished", lambda request: finished.append(request))

    def on_websocket(ws) -> None:
        ws.on("framereceived", lambda payload: ws_bytes.__setitem__(0, ws_bytes[0] + _size(payload)))

    page.on("websocket", on_websocket)
    start = time.perf_counter()
    page.goto(server.url, timeout=TIMEOUT_MS)
    page.wait_for_selector(app.ready, state="visible", timeout=TIMEOUT_MS)
    figures.ready_s.append(time.perf_counter() - start)
    page.wait_for_timeout(300)  # let the last widget messages of the build arrive
    bodies = sum(max(0, request.sizes()["responseBodySize"]) for request in finished)
    figures.bytes_per_load.append(bodies + ws_bytes[0])
    if blocked:
        print(f"  {app.name}: blocked requests beyond this machine: {blocked}")
    for _ in range(toggles):
        figures.toggle_ms.append(page.evaluate(TOGGLE_JS, [app.checkbox, app.changes]))
    figures.kernel_rss_mib.append(page_kernel_rss_mib(server))
    context.unroute_all(behavior="ignoreErrors")
    close_page(page)
    context.close()


def _block(route, blocked: list[str]) -> None:
    blocked.append(route.request.url)
    route.abort()


def _size(payload: str | bytes) -> int:
    return len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)


def measure(runs: int, toggles: int, voila_args: tuple[str, ...]) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    figures = {app.name: Figures() for app in (BASELINE, DASHBOARD)}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with (
        running_voila(RESULTS_DIR / "baseline.log", BASELINE.notebook, extra_args=voila_args) as base_server,
        running_voila(RESULTS_DIR / "dashboard.log", DASHBOARD.notebook, extra_args=voila_args) as dash_server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        servers = {BASELINE.name: base_server, DASHBOARD.name: dash_server}
        for app in (BASELINE, DASHBOARD):  # warm-up: disk caches, first imports; not counted
            load_once(browser, servers[app.name], app, Figures(), toggles=0)
        for run in range(runs):
            for app in (BASELINE, DASHBOARD) if run % 2 == 0 else (DASHBOARD, BASELINE):
                time.sleep(1.5)  # let the previous kernel shut down (and a preheated pool refill)
                load_once(browser, servers[app.name], app, figures[app.name], toggles if run == 0 else 0)
            print(f"run {run + 1}/{runs} done", flush=True)
        browser.close()
    return {name: fig.summary() for name, fig in figures.items()}


def report_table(results: dict[str, dict[str, float]], runs: int, toggles: int, voila_args: tuple[str, ...]) -> str:
    base, dash = results["baseline"], results["dashboard"]
    rows = [
        ("time to ready (s, median)", "ready_s", "{:.2f}"),
        ("toggle → text (ms, median)", "toggle_median_ms", "{:.0f}"),
        ("toggle → text (ms, p95)", "toggle_p95_ms", "{:.0f}"),
        ("kernel memory (MiB RSS)", "kernel_rss_mib", "{:.0f}"),
        ("bytes per load (KiB)", "bytes_per_load", "{:.0f}"),
    ]
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')}, {runs} fresh loads per app, {toggles} toggles, "
        f"{psutil.cpu_count()} CPUs; extra Voilà flags: {' '.join(voila_args) or 'none'}.",
        "",
        "| figure | baseline | dashboard | ratio | target | met |",
        "|---|---:|---:|---:|---:|:---:|",
    ]
    for label, key, fmt in rows:
        scale = 1 / 1024 if key == "bytes_per_load" else 1
        ratio = dash[key] / base[key] if base[key] else float("inf")
        target = TARGETS.get(key)
        met = "" if target is None else ("yes" if ratio <= target else "**no**")
        lines.append(
            f"| {label} | {fmt.format(base[key] * scale)} | {fmt.format(dash[key] * scale)} | {ratio:.2f}× | "
            f"{'≤ ' + format(target, '.1f') + '×' if target else ''} | {met} |"
        )
    return "\n".join(lines)


def write_report(table: str) -> None:
    write_between_markers(table, START, END)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh loads per app (default 5)")
    parser.add_argument("--toggles", type=int, default=20, help="toggles timed per app (default 20)")
    parser.add_argument("--voila-arg", action="append", default=[], help="extra Voilà flag for both servers")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}: install it (make bench does) or set SECONDOP_CHROMIUM", file=sys.stderr)
        return 2
    voila_args = tuple(args.voila_arg)
    results = measure(max(args.runs, 1), args.toggles, voila_args)
    table = report_table(results, args.runs, args.toggles, voila_args)
    print(table)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"bench-{stamp}.json").write_text(
        json.dumps({"voila_args": voila_args, "results": results}, indent=2), encoding="utf-8"
    )
    if not args.no_write:
        write_report(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
