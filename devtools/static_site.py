"""Build the static edition (`make static`): the dashboard as plain files, Python running in the page.

Offline, from PyPI and npm only (see docs/deployment.md and ../shared/voici-notes.md):
1. validate the content with the normal validator and write it as JSON (`secondop.content.json_bundle`);
   invalid content stops the build with the validator's problems;
2. pack the project's own wheel for the browser: the package plus that JSON, needing only ipywidgets and segno
   (the served edition's wheel needs Voilà, pandas, plotly, pydantic: none of them load in the browser);
3. take the Pyodide runtime from the npm package and the pure-Python wheels kernel start-up needs from PyPI,
   by the exact versions Pyodide's lock file names; the lock is cut down to what ships, plus the app's own
   wheels, all loaded in one step as Pyodide starts, and compiled to bytecode by Pyodide itself (in Node);
4. `voici build` with the `secondop-static` template (the served page's stylesheet and scripts, no CDN),
   the PyPI fallback switched off, into `build/static/`.

Run it with the project's Python (it imports the validator); Voici runs from its own tool environment
(`.tools/static/venv`, made on the first build), so the project keeps its own Voilà.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools" / "static"
VOICI_PYTHON = TOOLS / "venv" / "bin" / "python"
DEFAULT_OUTPUT = ROOT / "build" / "static"
SERVED_NOTEBOOK = ROOT / "notebooks" / "second_opinion.ipynb"
TEMPLATE = "secondop-static"

#: Pinned, with why (../shared/voici-notes.md): voici-core, not voici (its xeus kernel needs conda);
#: the Pyodide kernel at 0.7.0 (0.7.2's front end needs a newer @jupyterlite/services than Voici 0.10's);
#: Pyodide 0.29.0 is the version that kernel names.
VOICI_CORE = "voici-core==0.10.0"
PYODIDE_KERNEL = "jupyterlite-pyodide-kernel==0.7.0"
PYODIDE_NPM = "pyodide@0.29.0"
#: Pyodide packages kernel start-up loads (micropip, then ipython), with their dependencies from the lock. Two
#: lock dependencies are dropped: `sqlite3` (a compiled stdlib module nothing here uses) and `matplotlib` (only
#: `%matplotlib` needs it).
KERNEL_PACKAGES = ("micropip", "ipython")
DROPPED = {"sqlite3", "matplotlib"}
#: Packages the kernel's start installs by name that the app never uses, shipped as empty stubs (a name and a
#: version, no module): `sqlite3`, and `jedi` (tab completion, which a dashboard never asks for; IPython runs
#: without it). Jedi and parso were 2 MiB of compiled wheels, and IPython imported jedi at every start.
STUBS = {
    "sqlite3": "Kernel start-up asks for sqlite3; nothing here uses it.",
    "jedi": "Kernel start-up asks for jedi, for tab completion; a dashboard never completes code.",
}
#: Wheels the app installs in the page, besides its own: the served edition's versions (pyproject.toml ranges).
APP_WHEELS = ("ipywidgets==8.1.9", "comm==0.2.3", "jupyterlab_widgets==3.0.17", "segno==1.6.6")
#: The runtime needs these parts of the package; analysis, server, docs generation and the CLI stay out.
RUNTIME_PARTS = ("__init__.py", "paths.py", "link_limits.py", "content", "plan", "ui")


class BuildError(RuntimeError):
    """A step of the build failed; the message says which and why."""


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _run(command: list[str], **kwargs: object) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    if result.returncode != 0:
        raise BuildError(f"`{' '.join(command[:4])} …` failed:\n{result.stdout[-2000:]}{result.stderr[-4000:]}")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- the project's wheel for the browser --------------------------------------------------------------------


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def write_wheel(
    folder: Path, name: str, version: str, files: dict[str, bytes], requires: tuple[str, ...], summary: str = ""
) -> Path:
    """A pure-Python wheel (PEP 427) holding `files`; reproducible: fixed timestamps, sorted entries."""
    dist_info = f"{name}-{version}.dist-info"
    head = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + (f"Summary: {summary}\n" if summary else "")
    metadata = "".join([head, *(f"Requires-Dist: {r}\n" for r in requires)])
    wheel_meta = "Wheel-Version: 1.0\nGenerator: secondop-static\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    entries = dict(sorted(files.items()))
    entries[f"{dist_info}/METADATA"] = metadata.encode()
    entries[f"{dist_info}/WHEEL"] = wheel_meta.encode()
    record = [_record_line(arcname, data) for arcname, data in entries.items()]
    entries[f"{dist_info}/RECORD"] = ("\n".join([*record, f"{dist_info}/RECORD,,"]) + "\n").encode()
    target = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for arcname, data in entries.items():
            info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return target


def runtime_files(bundle: Path) -> dict[str, bytes]:
    """The package's runtime modules plus the content bundle, keyed by their place in the wheel."""
    from secondop.content.plain import BUNDLE_FOLDER

    package = ROOT / "secondop"
    files: dict[str, bytes] = {}
    for part in RUNTIME_PARTS:
        paths = [package / part] if part.endswith(".py") else sorted((package / part).rglob("*.py"))
        for path in paths:
            files[f"secondop/{path.relative_to(package).as_posix()}"] = path.read_bytes()
    for path in sorted(bundle.glob("*.json")):
        files[f"secondop/{BUNDLE_FOLDER}/{path.name}"] = path.read_bytes()
    return files


def project_wheel(folder: Path, bundle: Path) -> Path:
    """The browser's `secondop` wheel; its version carries a hash of its files, so a new build is a new URL."""
    files = runtime_files(bundle)
    digest = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:12]
    requires = tuple(spec.split("==")[0] for spec in APP_WHEELS if not spec.startswith(("comm", "jupyterlab")))
    return write_wheel(folder, "secondop", f"0.1.0+static.{digest}", files, requires)


# -- Pyodide and the kernel's wheels ------------------------------------------------------------------------


def _npm_pyodide(cache: Path) -> Path:
    """The unpacked npm package (runtime files and lock, no wheels), cached under .tools/."""
    folder = cache / PYODIDE_NPM.replace("@", "-")
    if not (folder / "package" / "pyodide-lock.json").exists():
        folder.mkdir(parents=True, exist_ok=True)
        _run(["npm", "pack", PYODIDE_NPM, "--silent", "--pack-destination", str(folder)])
        archive = next(folder.glob("pyodide-*.tgz"))
        with tarfile.open(archive) as tar:
            tar.extractall(folder, filter="data")
    return folder / "package"


def kernel_lock_packages(lock: dict[str, object]) -> dict[str, dict[str, object]]:
    """The lock entries kernel start-up needs (with dependencies), minus the dropped ones."""
    packages: dict[str, dict[str, object]] = lock["packages"]  # type: ignore[assignment]
    by_name = {_normalise(name): name for name in packages}
    chosen: dict[str, dict[str, object]] = {}
    waiting = list(KERNEL_PACKAGES)
    while waiting:
        name = by_name[_normalise(waiting.pop())]
        if name in chosen or _normalise(name) in DROPPED:
            continue
        entry = dict(packages[name])
        entry["depends"] = [d for d in entry["depends"] if _normalise(d) not in DROPPED]  # type: ignore[attr-defined]
        chosen[name] = entry
        waiting.extend(entry["depends"])  # type: ignore[arg-type]
    return chosen


def _download(specs: list[str], folder: Path, python_version: str) -> None:
    """Exact pure-Python wheels from PyPI (no dependencies: every one is named)."""
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
    _run([*command, "--python-version", python_version, "--dest", str(folder), *specs])


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
        _download(missing, wheels, "3.13")
    for entry in chosen.values():
        wheel = wheels / str(entry["file_name"])
        if not wheel.exists():
            raise BuildError(f"PyPI gave no {entry['file_name']} (named by Pyodide's lock)")
        shutil.copy2(wheel, target / wheel.name)
        entry["sha256"] = _sha256(wheel)
    lock["packages"] = chosen
    (target / "pyodide-lock.json").write_text(json.dumps(lock))


def app_wheels(target: Path, cache: Path, bundle: Path) -> None:
    """The local package index: the app's wheels and the stubs (`piplite` indexes this folder)."""
    wheels = cache / "app-wheels"
    wheels.mkdir(exist_ok=True)
    _download(list(APP_WHEELS), wheels, "3.13")
    target.mkdir(parents=True)
    for spec in APP_WHEELS:
        name, version = spec.split("==")
        found = [w for w in wheels.glob("*.whl") if _normalise(w.name.split("-")[0]) == _normalise(name)]
        found = [w for w in found if w.name.split("-")[1] == version]
        if not found:
            raise BuildError(f"PyPI gave no wheel for {spec}")
        shutil.copy2(found[0], target / found[0].name)
    for name, why in STUBS.items():
        write_wheel(target, name, "0.0.0+stub", {}, (), summary=why)
    project_wheel(target, bundle)


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
        key = _normalise(name)
        shutil.copy2(wheel, pyodide / wheel.name)
        lock["packages"][key] = {
            "name": key,
            "version": version,
            "file_name": wheel.name,
            "install_dir": "site",
            "sha256": _sha256(wheel),
            "package_type": "package",
            "imports": [],
            "depends": [],  # every one is listed in PRELOADED itself
            "unvendored_tests": False,
        }
        added.append(key)
    lock_path.write_text(json.dumps(lock))
    missing = [name for name in PRELOADED if _normalise(name) not in lock["packages"]]
    if missing:
        raise BuildError(f"Pyodide's lock lacks {', '.join(missing)}, which the page preloads")
    return added


COMPILER = ROOT / "devtools" / "pyodide_compile.mjs"


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
            entry["sha256"] = _sha256(wheel)
    lock_path.write_text(json.dumps(lock))
    return counts


# -- the notebook, the configuration and Voici ---------------------------------------------------------------


def static_notebook() -> dict[str, object]:
    """The served notebook with its one call swapped for the static edition's.

    The `%pip install` finds the app already loaded with Pyodide (PRELOADED) and does nothing; it stays so the
    page still works from the local index if the preload list changes.
    """
    notebook = json.loads(SERVED_NOTEBOOK.read_text())
    code = [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]
    if len(code) != 1:
        raise BuildError(f"{SERVED_NOTEBOOK.name} should have exactly one code cell, has {len(code)}")
    code[0]["source"] = (
        "%pip install -q secondop\n"
        "from secondop.ui.static_entry import show_static_dashboard\n\n"
        "app = show_static_dashboard()"
    )
    code[0]["outputs"], code[0]["execution_count"] = [], None
    notebook["metadata"]["kernelspec"] = {"display_name": "Python (Pyodide)", "language": "python", "name": "python"}
    return notebook


LITE_CONFIG = {
    "jupyter-lite-schema-version": 0,
    "jupyter-config-data": {
        "appName": "Second Opinion Navigator",
        "disabledExtensions": [],
        "litePluginSettings": {
            "@jupyterlite/pyodide-kernel-extension:kernel": {
                "pyodideUrl": "./static/pyodide/pyodide.js",
                "disablePyPIFallback": True,
                "loadPyodideOptions": {"packages": list(PRELOADED)},
            }
        },
    },
}


def ensure_tools() -> None:
    """Voici's own environment under .tools/ with the pinned versions; made once, remade when a pin changes."""
    stamp = TOOLS / "venv" / "secondop-pins.txt"
    wanted = f"{VOICI_CORE}\n{PYODIDE_KERNEL}\n"
    if VOICI_PYTHON.exists() and stamp.exists() and stamp.read_text() == wanted:
        return
    if shutil.which("npm") is None:
        raise BuildError("npm (Node.js) is needed for Pyodide's runtime: install Node.js, then run `make static`")
    shutil.rmtree(TOOLS / "venv", ignore_errors=True)
    _run([sys.executable, "-m", "venv", str(TOOLS / "venv")])
    _run([str(VOICI_PYTHON), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _run([str(VOICI_PYTHON), "-m", "pip", "install", "--quiet", VOICI_CORE, PYODIDE_KERNEL])
    stamp.write_text(wanted)


#: Stylesheet links to a CDN that Voici's pages carry (Font Awesome on the file tree page): removed, the app
#: uses none of their icons. A script from outside would be a request the page cannot do without: refused.
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref=[\"']https?://[^>]*>[ \t]*\n?", re.IGNORECASE)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']https?://", re.IGNORECASE)


def offline_pages(output: Path) -> list[Path]:
    """Strip outside stylesheets from every page of the site; fail on an outside script. Returns the pages changed."""
    changed = []
    for page in sorted(output.rglob("*.html")):
        text = page.read_text("utf-8")
        if _REMOTE_SCRIPT.search(text):
            raise BuildError(f"{page.relative_to(output)} loads a script from outside the site")
        stripped = _REMOTE_LINK.sub("", text)
        if stripped != text:
            page.write_text(stripped, "utf-8")
            changed.append(page)
    return changed


#: JupyterLite's own app bundle (`build/`: the JupyterLab core, MathJax and Font Awesome fonts, 6.5 MiB, a
#: fifth of the site) is never asked for by the app page, which runs Voici's bundle (`voici/build/`). Kept:
#: the settings schemas its page configuration names, and the licences of what the folder held.
UNUSED_FOLDER = "build"
UNUSED_KEEP = {"schemas", "third-party-licenses.json"}


def prune_unused(output: Path) -> int:
    """Remove JupyterLite's unused app bundle; returns the bytes removed."""
    removed = 0
    folder = output / UNUSED_FOLDER
    for item in sorted(folder.iterdir()) if folder.is_dir() else []:
        if item.name in UNUSED_KEEP:
            continue
        files = [item] if item.is_file() else [f for f in item.rglob("*") if f.is_file()]
        removed += sum(f.stat().st_size for f in files)
        if item.is_dir():
            shutil.rmtree(item)
        else:
            item.unlink()
    return removed


def front_door(output: Path, title: str, language: str) -> None:
    """The site's own address opens the app, keeping the link's `?scenario=`/`?lang=` (JupyterLite's page goes)."""
    app = f"voici/render/{SERVED_NOTEBOOK.stem}.html"
    title = html.escape(title)
    (output / "index.html").write_text(
        f"""<!DOCTYPE html>
<html lang="{html.escape(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<script>location.replace("{app}" + location.search + location.hash);</script>
<noscript><meta http-equiv="refresh" content="0; url={app}"></noscript>
</head>
<body><p><a href="{app}">{title}</a></p></body>
</html>
""",
        "utf-8",
    )


def build(output: Path, data: Path | None = None) -> dict[str, object]:
    """Build the site into `output` (replaced); returns figures about it for the build's summary."""
    from secondop.content.json_bundle import write_bundle

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="secondop-static-") as scratch:
        work = Path(scratch)
        bundle = work / "bundle"
        write_bundle(bundle, data)  # first: invalid content stops the build with the validator's problems
        ensure_tools()
        cache = TOOLS / "cache"
        cache.mkdir(parents=True, exist_ok=True)
        lite = work / "lite"
        pyodide_folder(lite / "static" / "pyodide", cache)
        app_wheels(lite / "pypi", cache, bundle)
        preload_into_lock(
            lite / "static" / "pyodide", [*sorted((lite / "pypi").glob("*.whl")), *kernel_extension_wheels()]
        )
        compile_wheels(lite / "static" / "pyodide")
        (lite / "jupyter-lite.json").write_text(json.dumps(LITE_CONFIG, indent=2))
        contents = work / "contents"
        contents.mkdir()
        (contents / SERVED_NOTEBOOK.name).write_text(json.dumps(static_notebook(), indent=1))
        if output.exists():
            shutil.rmtree(output)
        env = {**os.environ, "JUPYTER_PATH": str(ROOT / "share" / "jupyter")}
        command = [str(VOICI_PYTHON.parent / "voici"), "build", "--lite-dir", str(lite), "--contents", str(contents)]
        command += ["--output-dir", str(output), "--template", TEMPLATE]
        command += ["--no-sourcemaps", "--no-unused-shared-packages"]
        _run(command, cwd=work, env=env)
        default = json.loads((bundle / "index.json").read_text())["default"]
        labels = json.loads((bundle / f"{default}.json").read_text())["fields"]["labels"]
        front_door(output, labels["dashboard"]["app_title"], default)
        offline_pages(output)
        prune_unused(output)
    size = sum(path.stat().st_size for path in output.rglob("*") if path.is_file())
    return {"output": str(output), "bytes": size, "seconds": round(time.perf_counter() - started, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="folder to build into (replaced)")
    parser.add_argument("--data", type=Path, default=None, help="content folder (default: data/)")
    args = parser.parse_args(argv)
    from secondop.content.problems import ContentError

    try:
        summary = build(args.output.resolve(), args.data)
    except ContentError as error:
        print("The content is not valid, so the site was not built:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    except BuildError as error:
        print(f"The static site was not built: {error}", file=sys.stderr)
        return 1
    print(f"Built {summary['output']}: {int(summary['bytes']) / 2**20:.1f} MiB in {summary['seconds']} s")  # type: ignore[call-overload]
    return 0


if __name__ == "__main__":
    sys.exit(main())
