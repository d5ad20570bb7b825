"""The wheels the page installs: the project's own (runtime modules plus the validated content as JSON),
the app's dependencies from PyPI by exact version, and empty stubs for what the kernel asks for but never uses.
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import zipfile
from pathlib import Path

from .common import ROOT, BuildError, download, normalise

#: Wheels the app installs in the page, besides its own: the served edition's versions (pyproject.toml ranges).
APP_WHEELS = ("ipywidgets==8.1.9", "comm==0.2.3", "jupyterlab_widgets==3.0.17", "segno==1.6.6")

#: The runtime needs these parts of the package; analysis, server, docs generation and the CLI stay out.
RUNTIME_PARTS = ("__init__.py", "paths.py", "link_limits.py", "content", "plan", "ui")

#: Packages the kernel's start installs by name that the app never uses, shipped as empty stubs (a name and a
#: version, no module): `sqlite3`, and `jedi` (tab completion, which a dashboard never asks for; IPython runs
#: without it). Jedi and parso were 2 MiB of compiled wheels, and IPython imported jedi at every start.
STUBS = {
    "sqlite3": "Kernel start-up asks for sqlite3; nothing here uses it.",
    "jedi": "Kernel start-up asks for jedi, for tab completion; a dashboard never completes code.",
}


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


#: What the runtime folders hold that the browser needs: modules, and the stylesheets they read as package data.
RUNTIME_SUFFIXES = (".py", ".css")


def _runtime_files_in(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.suffix in RUNTIME_SUFFIXES and "__pycache__" not in path.parts]


def runtime_files(bundle: Path) -> dict[str, bytes]:
    """The package's runtime modules plus the content bundle, keyed by their place in the wheel."""
    from secondop.content.plain import BUNDLE_FOLDER

    package = ROOT / "secondop"
    files: dict[str, bytes] = {}
    for part in RUNTIME_PARTS:
        paths = [package / part] if part.endswith(".py") else sorted(_runtime_files_in(package / part))
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


def app_wheels(target: Path, cache: Path, bundle: Path) -> None:
    """The local package index: the app's wheels and the stubs (`piplite` indexes this folder)."""
    wheels = cache / "app-wheels"
    wheels.mkdir(exist_ok=True)
    download(list(APP_WHEELS), wheels, "3.13")
    target.mkdir(parents=True)
    for spec in APP_WHEELS:
        name, version = spec.split("==")
        found = [w for w in wheels.glob("*.whl") if normalise(w.name.split("-")[0]) == normalise(name)]
        found = [w for w in found if w.name.split("-")[1] == version]
        if not found:
            raise BuildError(f"PyPI gave no wheel for {spec}")
        shutil.copy2(found[0], target / found[0].name)
    for name, why in STUBS.items():
        write_wheel(target, name, "0.0.0+stub", {}, (), summary=why)
    project_wheel(target, bundle)
