"""Compare the dashboard with a bare one-checkbox notebook on stock Voilà, both served in the same run.

Run by hand (`make bench`), never in the test run. It starts every server first and alternates between
them, so machine load drifts affect them alike. Measured per app:

- ready: seconds from navigation to the app's "ready" marker, in a fresh browser context (median);
- toggle: milliseconds from a checkbox click to the changed text, timed inside the page (median, p95);
- kernel memory: RSS of the page's kernel process (a child of the server), once the app is ready (median);
- bytes on the wire, cold and warm: everything the server sent (headers, compressed bodies, websocket
  frames) through a counting relay, for a first visit and a second visit in the same browser profile, and
  how many requests of each went to the network (not answered by the browser's cache);
- Lighthouse (desktop and mobile presets): performance, accessibility and best-practices scores, largest
  contentful paint, total blocking time and Lighthouse's own byte count (it leaves websockets out).

The bare notebook runs on stock Voilà (`voila NB`, no configuration of ours): the issue's peer. `--before DIR`
adds the dashboard served from another checkout (e.g. `git archive` of main) for before/after figures.
Figures go to stdout, to benchmarks/results/ (JSON) and into docs/performance.md between markers.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import lighthouse
import psutil
from common import (
    DASHBOARD,
    MIB,
    RESULTS_DIR,
    STOCK,
    TOGGLE_JS,
    App,
    dashboard_from,
    kernel_processes,
    percentile,
    write_between_markers,
)
from wire import counting_relay

from devtools.browser_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    VoilaServer,
    block_outside,
    close_page,
    running_voila,
)

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
TIMEOUT_MS = 90_000
PRESETS = ("desktop", "mobile")


@dataclass
class Figures:
    ready_s: list[float] = field(default_factory=list)
    toggle_ms: list[float] = field(default_factory=list)
    kernel_rss_mib: list[float] = field(default_factory=list)
    wire: dict[str, float] = field(default_factory=dict)
    lighthouse: dict[str, list[lighthouse.Report]] = field(default_factory=dict)

    def summary(self) -> dict[str, float]:
        toggles = self.toggle_ms
        result = {
            "ready_s": statistics.median(self.ready_s),
            "toggle_median_ms": statistics.median(toggles) if toggles else float("nan"),
            "toggle_p95_ms": percentile(toggles, 0.95),
            "kernel_rss_mib": statistics.median(self.kernel_rss_mib),
            **self.wire,
        }
        for preset, reports in self.lighthouse.items():
            for key in asdict(reports[0]):
                result[f"{key}_{preset}"] = statistics.median(getattr(r, key) for r in reports)
        return result


@contextmanager
def serve(app: App) -> Iterator[VoilaServer]:
    log = RESULTS_DIR / f"{app.name.replace(' ', '-')}.log"
    command = list(app.command) if app.command else None
    with running_voila(log, app.notebook, command=command, cwd=app.cwd, env=dict(app.env)) as server:
        yield server


def page_kernel_rss_mib(server: VoilaServer) -> float:
    """RSS of the newest kernel under the server: the one the open page uses (no pool is running)."""
    kernels = kernel_processes(server)
    if not kernels:
        raise RuntimeError(f"no kernel process under the {server.url} server")
    newest = max(kernels, key=lambda process: process.create_time())
    return newest.memory_info().rss / MIB


def guarded_context(browser, blocked: list[str]):
    """A fresh context that lets only this machine through (stock Voilà links a CDN: those fail, listed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    block_outside(context, blocked)
    return context


def load_once(browser, server: VoilaServer, app: App, figures: Figures, toggles: int) -> None:
    """One fresh context: time to ready, then (optionally) toggles, and kernel memory."""
    blocked: list[str] = []
    context = guarded_context(browser, blocked)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(server.url, timeout=TIMEOUT_MS)
    page.wait_for_selector(app.ready, state="visible", timeout=TIMEOUT_MS)
    figures.ready_s.append(time.perf_counter() - start)
    page.wait_for_timeout(300)  # let the last widget messages of the build arrive
    for _ in range(toggles):
        figures.toggle_ms.append(page.evaluate(TOGGLE_JS, [app.checkbox, app.changes]))
    figures.kernel_rss_mib.append(page_kernel_rss_mib(server))
    context.unroute_all(behavior="ignoreErrors")
    close_page(page)
    context.close()


def _network_responses(context, page) -> list[bool]:
    """Per response of `page`: True when it came over the network, False when from the browser's cache."""
    seen: list[bool] = []
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def add(event: dict) -> None:
        response = event["response"]
        if response["url"].startswith(("http:", "https:")):
            cached = response.get("fromDiskCache") or response.get("fromMemoryCache")
            seen.append(not cached)

    cdp.on("Network.responseReceived", add)
    cdp.on("Network.webSocketCreated", lambda _event: seen.append(True))
    return seen


#: Chromium flags for the byte count: Playwright's request routing would turn the HTTP cache off, so
#: requests beyond this machine (stock Voilà links a CDN) fail at name resolution instead.
OFFLINE_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def wire_bytes(browser, server: VoilaServer, app: App) -> dict[str, float]:
    """Bytes the server sent and network requests for a first and a second visit in one browser profile.

    `browser` must not route requests (routing disables the cache the second visit is about).
    """
    result: dict[str, float] = {}
    with counting_relay(server.port) as relay:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for visit in ("cold", "warm"):
            page = context.new_page()
            responses = _network_responses(context, page)
            relay.reset()
            page.goto(f"http://127.0.0.1:{relay.port}/{app.query}", timeout=TIMEOUT_MS)
            page.wait_for_selector(app.ready, state="visible", timeout=TIMEOUT_MS)
            page.wait_for_timeout(1500)  # the build's last widget messages
            result[f"{visit}_bytes"] = relay.reset()
            result[f"{visit}_requests"] = sum(responses)
            close_page(page)
            time.sleep(1.0)  # the kernel's shutdown, outside the next count
        context.close()
    return result


def measure(apps: list[App], runs: int, toggles: int, lighthouse_runs: int) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    figures = {app.name: Figures() for app in apps}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        servers = {app.name: stack.enter_context(serve(app)) for app in apps}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for app in apps:  # warm-up: disk caches, first imports; not counted
            load_once(browser, servers[app.name], app, Figures(), toggles=0)
        for run in range(runs):
            for app in apps if run % 2 == 0 else list(reversed(apps)):
                time.sleep(1.5)  # let the previous kernel shut down
                load_once(browser, servers[app.name], app, figures[app.name], toggles if run == 0 else 0)
            print(f"run {run + 1}/{runs} done", flush=True)
        browser.close()
        offline = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *OFFLINE_ARGS])
        for app in apps:
            figures[app.name].wire = wire_bytes(offline, servers[app.name], app)
            print(f"bytes on the wire, {app.name}: {figures[app.name].wire}", flush=True)
        offline.close()
        if lighthouse_runs and lighthouse.available():
            for run in range(lighthouse_runs):
                for preset in PRESETS:
                    for app in apps:
                        keep = RESULTS_DIR / f"lighthouse-{app.name.replace(' ', '-')}-{preset}-{run + 1}.json"
                        report = lighthouse.run(servers[app.name].url + app.query, preset, keep)
                        figures[app.name].lighthouse.setdefault(preset, []).append(report)
                        print(f"lighthouse {preset} {app.name}: {report}", flush=True)
        elif lighthouse_runs:
            print(f"no Lighthouse at {lighthouse.LIGHTHOUSE}: `make bench` installs it", file=sys.stderr)
    return {name: fig.summary() for name, fig in figures.items()}


ROWS = [
    ("bytes on the wire, first visit (KiB)", "cold_bytes", "{:.0f}", 1 / 1024),
    ("network requests, first visit", "cold_requests", "{:.0f}", 1),
    ("bytes on the wire, second visit (KiB)", "warm_bytes", "{:.0f}", 1 / 1024),
    ("network requests, second visit", "warm_requests", "{:.0f}", 1),
    ("Lighthouse bytes, first visit (KiB)", "total_bytes_desktop", "{:.0f}", 1 / 1024),
    ("Lighthouse performance, desktop", "performance_desktop", "{:.2f}", 1),
    ("Lighthouse performance, mobile", "performance_mobile", "{:.2f}", 1),
    ("largest contentful paint, desktop (s)", "lcp_ms_desktop", "{:.1f}", 1 / 1000),
    ("largest contentful paint, mobile (s)", "lcp_ms_mobile", "{:.1f}", 1 / 1000),
    ("total blocking time, desktop (ms)", "tbt_ms_desktop", "{:.0f}", 1),
    ("total blocking time, mobile (ms)", "tbt_ms_mobile", "{:.0f}", 1),
    ("Lighthouse accessibility (desktop / mobile)", ("accessibility_desktop", "accessibility_mobile"), "{:.2f}", 1),
    ("Lighthouse best practices (desktop / mobile)", ("best_practices_desktop", "best_practices_mobile"), "{:.2f}", 1),
    ("time to ready, fresh context (s, median)", "ready_s", "{:.2f}", 1),
    ("toggle → text (ms, median)", "toggle_median_ms", "{:.0f}", 1),
    ("toggle → text (ms, p95)", "toggle_p95_ms", "{:.0f}", 1),
    ("kernel memory (MiB RSS)", "kernel_rss_mib", "{:.0f}", 1),
]


def _cell(values: dict[str, float], key: str | tuple[str, ...], fmt: str, scale: float) -> str:
    keys = key if isinstance(key, tuple) else (key,)
    if any(k not in values for k in keys):
        return "–"
    return " / ".join(fmt.format(values[k] * scale) for k in keys)


def figure_table(results: dict[str, dict[str, float]], apps: list[App]) -> list[str]:
    base = results[STOCK.name]
    dash = results[DASHBOARD.name]
    lines = [
        "| figure | " + " | ".join(app.name for app in apps) + " | dashboard ÷ bare |",
        "|---|" + "---:|" * len(apps) + "---:|",
    ]
    for label, key, fmt, scale in ROWS:
        cells = [_cell(results[app.name], key, fmt, scale) for app in apps]
        ratio = ""
        if isinstance(key, str) and key in base and key in dash and base[key]:
            ratio = f"{dash[key] / base[key]:.2f}×"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} |")
    return lines


def goal_table(results: dict[str, dict[str, float]]) -> list[str]:
    base, dash = results[STOCK.name], results[DASHBOARD.name]
    scores = ("accessibility_desktop", "accessibility_mobile", "best_practices_desktop", "best_practices_mobile")
    nan = float("nan")
    ready, toggle = dash["ready_s"] / base["ready_s"], dash["toggle_p95_ms"] / base["toggle_p95_ms"]
    desktop, mobile = dash.get("performance_desktop", nan), dash.get("performance_mobile", nan)
    lowest = min((dash[k] for k in scores if k in dash), default=nan)
    rows = [
        ("bytes on the wire, first visit (kB)", dash["cold_bytes"] / 1000, "≤ 1500", dash["cold_bytes"] <= 1_500_000),
        ("bytes on the wire, second visit (kB)", dash["warm_bytes"] / 1000, "≤ 150", dash["warm_bytes"] <= 150_000),
        ("network requests, second visit", dash["warm_requests"], "≤ 10", dash["warm_requests"] <= 10),
        ("Lighthouse performance, desktop", desktop, "≥ 0.90", desktop >= 0.90),
        ("Lighthouse performance, mobile", mobile, "≥ 0.50", mobile >= 0.50),
        ("Lighthouse accessibility and best practices (lowest)", lowest, "1.00", lowest == 1),
        ("time to ready ÷ bare stock Voilà", ready, "≤ 1.00×", ready <= 1.0),
        ("toggle p95 ÷ bare stock Voilà", toggle, "≤ 2.00×", toggle <= 2.0),
    ]
    lines = ["| goal (issue #14) | dashboard | goal | met |", "|---|---:|---:|:---:|"]
    for label, value, goal, met in rows:
        shown = f"{value:.0f}" if value >= 10 or "requests" in label else f"{value:.2f}"
        lines.append(f"| {label} | {shown} | {goal} | {'yes' if met else '**no**'} |")
    return lines


def report_table(results: dict[str, dict[str, float]], apps: list[App], args: argparse.Namespace) -> str:
    header = (
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} on {psutil.cpu_count()} CPUs (load average "
        f"{psutil.getloadavg()[0]:.1f} at the end): {args.runs} fresh loads per app, {args.toggles} toggles, "
        f"{args.lighthouse_runs} Lighthouse run(s) per preset (median); Lighthouse and the byte count open "
        f"the dashboard at `{DASHBOARD.query}`."
    )
    return "\n".join([header, "", *figure_table(results, apps), "", *goal_table(results)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh loads per app (default 5)")
    parser.add_argument("--toggles", type=int, default=20, help="toggles timed per app (default 20)")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs per preset (0: none)")
    parser.add_argument("--before", type=Path, help="also serve the dashboard from this checkout (before/after)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"no Chromium at {CHROMIUM}: install it (make bench does) or set SECONDOP_CHROMIUM", file=sys.stderr)
        return 2
    apps = [STOCK, DASHBOARD] + ([dashboard_from(args.before.resolve())] if args.before else [])
    results = measure(apps, max(args.runs, 1), args.toggles, args.lighthouse_runs)
    table = report_table(results, apps, args)
    print(table)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"bench-{stamp}.json").write_text(json.dumps({"results": results}, indent=2), encoding="utf-8")
    if not args.no_write:
        write_between_markers(table, START, END)
    return 0


if __name__ == "__main__":
    sys.exit(main())
