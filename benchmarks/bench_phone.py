"""The phone from the QR code (`make bench-phone`): an example's link on a mid-range phone, both editions.

Issue #22's profile, in Chromium through the DevTools protocol: a 390x844 screen, the CPU slowed 4x, and
"slow 4G" (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), opening `?scenario=maria_told_no_options` with
an empty cache. For each page it records, from the navigation's start:

- **plan readable**: the plan's words are on screen (the first view, or else the live app, shows the
  example's story);
- **live**: the live app is drawn and a box can be ticked (`.secondop-ready` visible, no first view left).

Pages: the served edition as `make run` serves it (`secondop serve`), the bare one-checkbox notebook on stock
Voilà (the baseline, "live" only: it has no plan), and the static edition (`make static`, built if missing)
from a host that compresses (gzip, as GitHub Pages and Netlify do; Python's plain file server does not).
Medians of `--rounds` visits each; the figures are ratios on a shared 2-core machine, not absolutes.
With `--lighthouse-runs N` (default 3, when `make bench` has installed Lighthouse) it also runs Lighthouse's
mobile preset (its own simulated phone and slow 4G) on both editions' example link, and reports the median
performance score, largest contentful paint and total blocking time.
Then it runs the projector's layout checks (`tests/browser/test_projector_layout.py`: positions, not timings)
and says whether they held. It prints the table (the issue's) and that line, and writes both into
docs/performance.md between its markers.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import lighthouse
from common import BASELINE, ROOT, STOCK, write_between_markers

from devtools.browser_harness import CHROMIUM, CHROMIUM_ARGS, close_page, running_voila

PAGE = "voici/render/second_opinion.html"
SITE = ROOT / "build" / "static"
RESULTS = ROOT / "benchmarks" / "results"
LINK = "scenario=maria_told_no_options"
#: Issue #22's phone: slow 4G and a mid-range CPU.
PHONE = {"width": 390, "height": 844}
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4
TIMEOUT_MS = 240_000
#: The example's story: its words on screen mean the plan can be read.
STORY = "Maria is 71."


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serves each file gzipped (compressed once, kept) when the browser accepts it, as a static host does."""

    cache: ClassVar[dict[str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        body = self.cache.get(str(path))
        if body is None:
            body = self.cache[str(path)] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        from io import BytesIO

        return BytesIO(body)


@contextmanager
def gzip_host(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
    finally:
        server.shutdown()
        server.server_close()


def visit(browser, url: str, readable_selector: str | None, live_selector: str) -> dict[str, float]:
    """One cold visit on the phone profile: seconds from navigation start to readable and to live."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", NETWORK)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    figures: dict[str, float] = {}
    try:
        started = time.monotonic()
        page.goto(url, wait_until="commit", timeout=TIMEOUT_MS)
        if readable_selector:
            page.wait_for_function(
                """([selector, story]) => [...document.querySelectorAll(selector)]
                     .some(e => e.checkVisibility() && e.innerText.includes(story))""",
                arg=[readable_selector, STORY],
                timeout=TIMEOUT_MS,
                polling=50,
            )
            figures["readable"] = time.monotonic() - started
        page.wait_for_function(
            """(selector) => { const e = document.querySelector(selector);
                 return !!e && e.checkVisibility() && !document.getElementById('secondop-first-view'); }""",
            arg=live_selector,
            timeout=TIMEOUT_MS,
            polling=50,
        )
        figures["live"] = time.monotonic() - started
    finally:
        close_page(page)
        context.close()
    return figures


def measure(browser, url: str, rounds: int, readable: str | None, live: str) -> dict[str, list[float]]:
    runs: dict[str, list[float]] = {}
    for _ in range(rounds):
        for key, value in visit(browser, url, readable, live).items():
            runs.setdefault(key, []).append(value)
    return runs


def _cell(runs: dict[str, list[float]], key: str) -> str:
    values = runs.get(key)
    if not values:
        return "—"
    low, high = min(values), max(values)
    return f"{statistics.median(values):.1f} s ({low:.1f}–{high:.1f})"


def lighthouse_runs(url: str, runs: int, name: str) -> dict[str, list[float]]:
    """Lighthouse's mobile preset on `url`, `runs` times: scores and times, each run's report kept."""
    figures: dict[str, list[float]] = {}
    for run in range(runs):
        report = lighthouse.run(url, "mobile", RESULTS / f"phone-lighthouse-{name}-{run + 1}.json")
        print(f"lighthouse mobile {name}: {report}", flush=True)
        figures.setdefault("score", []).append(report.performance)
        figures.setdefault("lcp", []).append(report.lcp_ms / 1000)
        figures.setdefault("tbt", []).append(report.tbt_ms)
    return figures


def _lighthouse_cell(runs: dict[str, list[float]]) -> str:
    if not runs.get("score"):
        return "—"
    return (
        f"{statistics.median(runs['score']):.2f} ({min(runs['score']):.2f}–{max(runs['score']):.2f}); "
        f"LCP {statistics.median(runs['lcp']):.1f} s, TBT {statistics.median(runs['tbt']):.0f} ms"
    )


def report(results: dict[str, dict[str, list[float]]], rounds: int) -> str:
    names = {
        "served": "served edition (`make run`)",
        "static": "static edition (`make static`, served gzipped)",
        "bare": "bare one-checkbox notebook, stock Voilà (baseline)",
    }
    lines = [
        f"Measured {time.strftime('%Y-%m-%d %H:%M')} by `make bench-phone` (390×844, CPU 4× slower, 150 ms round "
        f"trip, 1.6 Mbit/s down; `?{LINK}`, empty cache; median of {rounds}, range in brackets):",
        "",
        "| page | plan readable | live (a box can be ticked) | Lighthouse mobile: performance (range); LCP, TBT |",
        "|---|---:|---:|---|",
    ]
    for key, runs in results.items():
        scores = {k.removeprefix("lighthouse-"): v for k, v in runs.items() if k.startswith("lighthouse-")}
        lines.append(
            f"| {names[key]} | {_cell(runs, 'readable')} | {_cell(runs, 'live')} | {_lighthouse_cell(scores)} |"
        )
    return "\n".join(lines)


def projector_checks() -> str:
    """Run the projector's layout checks (a browser test of positions, every example at 1280x720 and 1024x768,
    English and Spanish) and say how they went, in a line for the report."""
    import subprocess

    test = "tests/browser/test_projector_layout.py"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", test, "-q", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    summary = (result.stdout.strip().splitlines() or ["no output"])[-1]
    verdict = "all met" if result.returncode == 0 else "**not met**"
    return f"Projector layout (`{test}`): {verdict} ({summary})."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="cold visits per page (default 3)")
    parser.add_argument("--site", type=Path, default=SITE, help="the static edition's folder (default build/static)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/performance.md alone")
    parser.add_argument("--no-projector", action="store_true", help="skip the projector's layout checks")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse mobile runs per edition (0: none)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    if not (args.site / PAGE).is_file():
        print(f"no static edition at {args.site}: run `make static` first", file=sys.stderr)
        return 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    readable = "#secondop-first-view, .secondop-app.secondop-ready"
    results: dict[str, dict[str, list[float]]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            runs = args.lighthouse_runs if lighthouse.available() else 0
            if args.lighthouse_runs and not runs:
                print(f"no Lighthouse at {lighthouse.LIGHTHOUSE}: `make bench` installs it", file=sys.stderr)
            with running_voila(RESULTS / "phone-served.log") as server:
                results["served"] = measure(browser, f"{server.url}?{LINK}", args.rounds, readable, ".secondop-ready")
                for key, values in lighthouse_runs(f"{server.url}?{LINK}", runs, "served").items():
                    results["served"][f"lighthouse-{key}"] = values
            command = list(STOCK.command or ())
            with running_voila(RESULTS / "phone-bare.log", BASELINE.notebook, command=command, cwd=STOCK.cwd) as bare:
                results["bare"] = measure(browser, bare.url, args.rounds, None, BASELINE.ready)
            with gzip_host(args.site) as url:
                results["static"] = measure(browser, f"{url}?{LINK}", args.rounds, readable, ".secondop-ready")
                for key, values in lighthouse_runs(f"{url}?{LINK}", runs, "static").items():
                    results["static"][f"lighthouse-{key}"] = values
        finally:
            browser.close()
    table = report(results, args.rounds)
    if not args.no_projector:
        table += "\n\n" + projector_checks()
    print(table)
    if not args.no_write:
        write_between_markers(table, "<!-- phone:start -->", "<!-- phone:end -->")
    return 0


if __name__ == "__main__":
    sys.exit(main())
