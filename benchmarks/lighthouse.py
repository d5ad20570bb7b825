"""Lighthouse on a served page, with Debian's Chromium, from the pinned copy `make bench` installs.

Lighthouse comes from npm into `.tools/lighthouse` (ignored by git, never installed globally); the version is
pinned in the Makefile. Each run is one cold load in a fresh Chromium profile, with Lighthouse's simulated
throttling: `desktop` is its desktop preset, `mobile` its default (a mid-range phone on a slow 4G link).
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from common import ROOT

from devtools.browser_harness import CHROMIUM

LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run"
TIMEOUT_S = 300


@dataclass(frozen=True)
class Report:
    """The figures read from one Lighthouse report."""

    performance: float
    accessibility: float
    best_practices: float
    lcp_ms: float
    tbt_ms: float
    fcp_ms: float
    total_bytes: float
    requests: int

    @classmethod
    def from_json(cls, report: dict) -> Report:
        audits, categories = report["audits"], report["categories"]
        requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
        return cls(
            performance=categories["performance"]["score"],
            accessibility=categories["accessibility"]["score"],
            best_practices=categories["best-practices"]["score"],
            lcp_ms=audits["largest-contentful-paint"]["numericValue"],
            tbt_ms=audits["total-blocking-time"]["numericValue"],
            fcp_ms=audits["first-contentful-paint"]["numericValue"],
            total_bytes=audits["total-byte-weight"]["numericValue"],
            requests=len(requests),
        )


def available() -> bool:
    return LIGHTHOUSE.exists()


def run(url: str, preset: str, keep: Path | None = None) -> Report:
    """One Lighthouse run of `url` with `preset` ("desktop" or "mobile"); the JSON report is kept in `keep`."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "report.json"
        command = [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={output}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        if preset == "desktop":
            command.append("--preset=desktop")
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S)
        if result.returncode != 0 or not output.exists():
            raise RuntimeError(f"lighthouse failed on {url} ({preset}): {result.stderr[-2000:]}")
        report = json.loads(output.read_text(encoding="utf-8"))
        if keep is not None:
            keep.write_text(json.dumps(report), encoding="utf-8")
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse could not load {url}: {report['runtimeError']}")
    return Report.from_json(report)
