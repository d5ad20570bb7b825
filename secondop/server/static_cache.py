"""Let browsers keep Voilà's front-end files, so a second visit asks the server for the page and little else.

Stock Voilà serves its ~70 JavaScript chunks under `/voila/static/` with no version in the URL and no cache
lifetime, and every labextension file with `Cache-Control: no-cache` even though each carries a content
hash (`?v=`). A returning browser then revalidates about 100 files (one round trip each, 304 answers) before
the page can run: cheap in bytes, slow on a phone network.

Here the page loads Voilà's chunks from a versioned folder, `/voila/static-<version>/`, where `<version>` is a
hash of the files' names, sizes and modification times; that folder is served with a one-year immutable
lifetime. A new Voilà (or a changed file) gives a new folder name, so a browser never mixes old and new
chunks. Labextension files requested with `?v=`, and their entry files (`remoteEntry.<hash>.js`), get the
same lifetime. Everything else keeps Voilà's
headers: the page itself is never cached (it carries the kernel's id). Standalone Voilà only; under
JupyterLab/Binder the lab server already marks labextension files immutable.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from jupyter_server.base.handlers import FileFindHandler
from jupyter_server.utils import url_path_join
from voila.static_file_handler import MultiStaticFileHandler

#: One year, the longest lifetime caches honour (RFC 9111 recommends no more).
IMMUTABLE = "public, max-age=31536000, immutable"
#: Prefix of the versioned folder of Voilà's own front-end files, under the server's base URL.
VERSIONED_STATIC = "voila/static-"

#: A labextension's entry file: its name carries its content hash (the page config names it without `?v=`).
HASHED_ENTRY = re.compile(r"remoteEntry\.[0-9a-f]{8,}\.js")

Handler = tuple[Any, ...]
PageConfigHook = Callable[..., dict[str, Any]]


def static_version(paths: Iterable[str]) -> str:
    """A short hash of every file under `paths` (name, size, mtime): it changes whenever a file does.

    Names, sizes and times rather than contents: reading ~10 MiB at every start would cost more than the
    few milliseconds this walk takes, and an upgrade or edit changes at least one of them.
    """
    digest = hashlib.sha256()
    for root in paths:
        base = Path(root)
        if not base.is_dir():
            continue
        for path in sorted(p for p in base.rglob("*") if p.is_file()):
            stat = path.stat()
            digest.update(f"{path.relative_to(base)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


class ImmutableStaticFileHandler(MultiStaticFileHandler):
    """Voilà's static files, served from the versioned folder with a one-year immutable lifetime."""

    def set_extra_headers(self, path: str) -> None:
        self.set_header("Cache-Control", IMMUTABLE)


class VersionedLabextensionHandler(FileFindHandler):
    """Labextension files: immutable when the URL or the file name carries a content hash, `no-cache` otherwise."""

    def set_headers(self) -> None:
        super().set_headers()
        name = self.request.path.rsplit("/", 1)[-1]
        if "v" in self.request.arguments or HASHED_ENTRY.fullmatch(name):
            self.set_header("Cache-Control", IMMUTABLE)


def versioned_static_url(base_url: str, version: str) -> str:
    """The URL of the versioned folder, as the page config gives it (no trailing slash)."""
    return url_path_join(base_url, VERSIONED_STATIC + version)


def with_versioned_static(version: str, existing: PageConfigHook | None = None) -> PageConfigHook:
    """A Voilà `page_config_hook` that points the page at the versioned folder, after `existing` (if any).

    Voilà's webpack runtime loads every chunk from `fullStaticUrl`, and the template loads `voila.js` from it.
    """

    def hook(page_config: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        if existing is not None:
            page_config = existing(page_config, **kwargs)
        return {**page_config, "fullStaticUrl": versioned_static_url(kwargs.get("base_url", "/"), version)}

    return hook


def cached_handlers(
    handlers: Sequence[Handler], server_url: str, static_paths: list[str], version: str
) -> list[Handler]:
    """Voilà's handler list with the versioned folder added first and labextensions served by our handler.

    The folder's route comes first: Tornado takes the first pattern that matches.
    """
    labextensions = url_path_join(server_url, r"/voila/labextensions/(.*)")
    versioned = (
        url_path_join(server_url, "/" + VERSIONED_STATIC + version + "/(.*)"),
        ImmutableStaticFileHandler,
        {"paths": static_paths},
    )
    result: list[Handler] = [versioned]
    for handler in handlers:
        if handler[0] == labextensions and handler[1] is FileFindHandler:
            handler = (handler[0], VersionedLabextensionHandler, *handler[2:])
        result.append(handler)
    return result
