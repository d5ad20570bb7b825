"""Pyodide for the page: the runtime from npm, the kernel's wheels from PyPI by the versions its lock names,
every wheel the page needs listed in the lock and preloaded as Pyodide starts, all compiled to bytecode.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

from .common import TOOLS, BuildError, download, normalise, run, sha256

PYODIDE_NPM = "pyodide@0.29.0"

#: Pyodide packages kernel start-up loads (micropip, then ipython), with their dependencies from the lock. Two
#: lock dependencies are dropped: `sqlite3` (a compiled stdlib module nothing here uses) and `matplotlib` (only
#: `%matplotlib` needs it).
KERNEL_PACKAGES = ("micropip", "ipython")

DROPPED = {"sqlite3", "matplotlib"}


def _npm_pyodide(cache: Path) -> Path:
    """The unpacked npm package (runtime files and lock, no wheels), cached under .tools/."""
    folder = cache / PYODIDE_NPM.replace("@", "-")
    if not (folder / "package" / "pyodide-lock.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        run(["npm", "pack", PYODIDE_NPM, "--silent", "--pack-destination", str(folder)])
        archive = next(folder.glob("pyodide-*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
    return folder / "package"


def kernel_lock_packages(lock: dict[str, object]) -> dict[str, dict[str, object]]:
    """The lock entries kernel start-up needs (with dependencies), minus the dropped ones."""
    packages: dict[str, dict[str, object]] = lock["packages"]  # type: ignore[assignment]
    by_name = {normalise(name): name for name in packages}
    chosen: dict[str, dict[str, object]] = {}
    waiting = list(KERNEL_PACKAGES)
    while waiting:
        name = by_name[normalise(waiting.pop())]
        if name in chosen or normalise(name) in DROPPED:
            continue
        entry = dict(packages[name])
        entry["depends"] = [d for d in entry["depends"] if normalise(d) not in DROPPED]  # type: ignore[attr-defined]
        chosen[name] = entry
        waiting.extend(entry["depends"])  # type: ignore[arg-type]
    return chosen


def pyodide_folder(target: Path, cache: Path) -> None:
    """Pyodide's runtime plus the kernel's wheels, with a lock that lists only what is there."""
    package = _npm_pyodide(cache)
    target.mkdir(parents=True)
    for name in ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip"):
        shutil.copy2(package / name, target / name)
    lock = json.loads((package / "pyodide-lock.json").read_text())
    chosen = kernel_lock_packages(lock)
    wheels = cache / "kernel-wheels"
    wheels.mkdir(exist_ok=True)
    missing = [
        f"{entry['name']}=={entry['version']}"
        for entry in chosen.values()
        if not (wheels / str(entry["file_name"])).exists()
    ]
    if missing:
        download(missing, wheels, "3.13")
    for entry in chosen.values():
        wheel = wheels / str(entry["file_name"])
        if not wheel.exists():
            raise BuildError(f"PyPI gave no {entry['file_name']} (named by Pyodide's lock)")
        shutil.copy2(wheel, target / wheel.name)
        entry["sha256"] = sha256(wheel)
    lock["packages"] = chosen
    (target / "pyodide-lock.json").write_text(json.dumps(lock))


#: Everything the page's Python needs, loaded by Pyodide in one parallel step as it starts (`loadPyodide`'s
#: `packages`), instead of one `piplite.install` after another: the names the kernel's start checks for
#: (it skips those listed), then the app's. Measured: ready about 0.7 s sooner, first and second visit.
PRELOADED = (
    "micropip",
    "sqlite3",
    "ipykernel",
    "comm",
    "pyodide_kernel",
    "jedi",
    "ipython",
    "widgetsnbextension",
    "jupyterlab_widgets",
    "ipywidgets",
    "segno",
    "secondop",
)

#: The kernel extension's own wheels (its shims of ipykernel and widgetsnbextension, and the kernel itself).
KERNEL_EXTENSION_WHEELS = ("ipykernel", "pyodide_kernel", "widgetsnbextension")


def kernel_extension_wheels() -> list[Path]:
    """The Pyodide kernel extension's wheels, as installed in Voici's tool environment (the newest shim each)."""
    folder = TOOLS / "venv" / "share" / "jupyter" / "labextensions" / "@jupyterlite" / "pyodide-kernel-extension"
    found = []
    for name in KERNEL_EXTENSION_WHEELS:
        wheels = sorted((folder / "static" / "pypi").glob(f"{name}-*.whl"), key=lambda w: _version_key(w.name))
        if not wheels:
            raise BuildError(f"the Pyodide kernel extension has no {name} wheel in {folder}")
        found.append(wheels[-1])
    return found


def _version_key(file_name: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", file_name.split("-")[1]))


def preload_into_lock(pyodide: Path, wheels: list[Path]) -> list[str]:
    """Copy `wheels` next to Pyodide and list them in its lock, so `loadPyodide` can load them by name."""
    lock_path = pyodide / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    added = []
    for wheel in wheels:
        name, version = wheel.name.split("-")[:2]
        key = normalise(name)
        shutil.copy2(wheel, pyodide / wheel.name)
        lock["packages"][key] = {
            "name": key,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": sha256(wheel),
            "package_type": "package",
            "imports": [],
            "depends": [],  # every one is listed in PRELOADED itself
            "unvendored_tests": False,
        }
        added.append(key)
    lock_path.write_text(json.dumps(lock))
    missing = [name for name in PRELOADED if normalise(name) not in lock["packages"]]
    if missing:
        raise BuildError(f"Pyodide's lock lacks {', '.join(missing)}, which the page preloads")
    return added


COMPILER = Path(__file__).resolve().parent / "pyodide_compile.mjs"


def compile_wheels(pyodide: Path) -> dict[str, int]:
    """Turn every wheel next to Pyodide into bytecode with Pyodide itself (see pyodide_compile.mjs), then
    give the lock their new hashes. Measured: ready 1–2 s sooner on first and second visits, for 2.2 MiB
    more to download on the first (4.7 -> 6.9 MiB of wheels; the site's first visit is about 22 MiB)."""
    wheels = sorted(pyodide.glob("*.whl"))
    if shutil.which("node") is None:
        raise BuildError("Node.js is needed to compile the wheels with Pyodide: install Node.js, then rebuild")
    result = subprocess.run(
        ["node", str(COMPILER), str(pyodide), *map(str, wheels)], capture_output=True, text=True, timeout=600
    )
    if result.returncode != 0:
        raise BuildError(f"compiling the wheels with Pyodide failed:\n{result.stderr[-3000:]}")
    counts: dict[str, int] = json.loads(result.stdout.strip().splitlines()[-1])
    lock_path = pyodide / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text())
    for entry in lock["packages"].values():
        wheel = pyodide / entry["file_name"]
        if wheel.exists():
            entry["sha256"] = sha256(wheel)
    lock_path.write_text(json.dumps(lock))
    return counts
