"""Validated content kept between kernels, so a new page skips reading and validating 23 YAML files.

Voilà starts a fresh kernel for every page. Validating the content, and even importing pydantic to read
back pickled models, took a quarter of a second of each page's start (272 ms against 26 ms measured). So
the cache keeps the validated content as the static edition's JSON bundle (`json_bundle`), and a page reads
it back into plain records (`plain`) without importing pydantic or the validator at all; only a miss
validates. The cache lives in the user's cache folder (`$XDG_CACHE_HOME/secondop`, else
`~/.cache/secondop`; `$SECONDOP_CONTENT_CACHE` chooses another folder, or `off` turns the cache off).

Safe to trust because:
- the key is a SHA-256 of the bytes of every YAML file in the content folder (names included), of the
  package's own code (path, size and mtime of every module: the models define what "valid" means) and
  of the Python version and the bundle's format: any edit, even one that keeps size and mtime, misses
  the cache, so content that became invalid while the server runs is loaded and reported as usual;
- only content that loaded without a problem is stored; problems are never cached;
- nothing is written into the content folder; the cache folder is created private (0700), and a
  folder or file that is not the user's own, or that others may write, is neither read nor written
  (JSON runs no code, but a planted file could change what patients read);
- any failure of the cache falls back to a plain `load_content`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..paths import data_dir
from .collection import Content
from .plain import FORMAT, content_from_json

CACHE_ENV = "SECONDOP_CONTENT_CACHE"
PACKAGE = Path(__file__).resolve().parent.parent  # the whole package: its code shapes the cached objects
#: Entries kept in the cache folder (one per content folder and language); the oldest go first.
MAX_ENTRIES = 16

log = logging.getLogger(__name__)


def load_content(path: str | os.PathLike[str] | None, language: str | None) -> Content:
    """The validator's `load_content`, imported only on a miss: pydantic alone is slow to import."""
    from .loading import load_content as validate_and_load

    return validate_and_load(path, language)


def _bundle(content: Content) -> dict[str, Any]:
    from .json_bundle import content_to_json  # with the validator: only on a miss

    return content_to_json(content)


def cache_dir() -> Path | None:
    """The folder for cached content, or None when the cache is turned off."""
    chosen = os.environ.get(CACHE_ENV, "")
    if chosen.lower() in {"0", "off", "false", "no"}:
        return None
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "secondop"


def fingerprint(root: Path, language: str | None) -> str:
    """SHA-256 over the content's YAML bytes, the package's code and the versions that shape a pickle."""
    digest = hashlib.sha256()
    digest.update(repr((str(root), language, sys.version, FORMAT)).encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in {".yaml", ".yml"}):
        data = path.read_bytes()
        digest.update(f"\0{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    for module in sorted(PACKAGE.rglob("*.py")):
        info = module.stat()
        digest.update(f"\0{module.relative_to(PACKAGE).as_posix()}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_dir(folder: Path, create: bool) -> bool:
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = os.lstat(folder)
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _entry(folder: Path, root: Path, language: str | None) -> Path:
    name = hashlib.sha256(repr((str(root), language)).encode()).hexdigest()[:32]
    return folder / f"content-{name}.json"


def _read(path: Path, key: str) -> Content | None:
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not (stat.S_ISREG(info.st_mode) and _private(info)):
            return None
        stored = json.loads(handle.read())
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return content_from_json(stored["bundle"])


def _write(folder: Path, path: Path, key: str, bundle: dict[str, Any]) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".content-", suffix=".tmp")
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump({"key": key, "bundle": bundle}, handle, ensure_ascii=False, separators=(",", ":"))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    entries = sorted(folder.glob("content-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)


def load_content_cached(path: str | os.PathLike[str] | None = None, language: str | None = None) -> Content:
    """`load_content`, answered from the cache when the content and code are byte for byte the same.

    Returns the content as plain records (`plain.Record`, the attributes of the models). Raises exactly what
    `load_content` raises (ContentError listing every problem).
    """
    root = data_dir(path)
    try:
        folder = cache_dir()
        key = fingerprint(root, language) if folder is not None and root.is_dir() else None
    except Exception:
        log.debug("content cache unavailable", exc_info=True)
        folder = key = None
    if folder is not None and key is not None:
        try:
            cached = _read(_entry(folder, root, language), key) if _usable_dir(folder, create=False) else None
            if cached is not None:
                return cached
        except FileNotFoundError:
            pass  # no cache folder or entry yet
        except Exception:
            log.debug("content cache not readable", exc_info=True)
    content = load_content(path, language)  # raises on any problem: nothing is cached then
    bundle = _bundle(content)
    if folder is not None and key is not None:
        try:
            # Stored only if the files did not change while they were read (else the key would not match them).
            if fingerprint(root, language) == key and _usable_dir(folder, create=True):
                _write(folder, _entry(folder, root, language), key, bundle)
        except Exception:
            log.debug("content cache not writable", exc_info=True)
    # Records on a miss too: every page gets the same kind of objects, whether or not the cache answered.
    return content_from_json(bundle)
