"""Cacheable front-end files without a server: the version hash, the page-config hook, the handler list."""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_server.base.handlers import FileFindHandler

from secondop.server.static_cache import (
    HASHED_ENTRY,
    ImmutableStaticFileHandler,
    VersionedLabextensionHandler,
    cached_handlers,
    static_version,
    with_versioned_static,
)


def test_version_changes_when_any_file_changes_and_only_then(tmp_path: Path) -> None:
    """A new version means a new folder URL: browsers can never mix old and new chunks."""
    (tmp_path / "a.js").write_text("one")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.js").write_text("two")
    first = static_version([str(tmp_path), str(tmp_path / "missing")])
    assert first == static_version([str(tmp_path)]) and len(first) == 16
    (tmp_path / "sub" / "b.js").write_text("three")  # another size
    second = static_version([str(tmp_path)])
    assert second != first
    stat = (tmp_path / "a.js").stat()
    os.utime(tmp_path / "a.js", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # same size, newer
    assert static_version([str(tmp_path)]) != second


def test_hook_points_the_page_at_the_versioned_folder_after_an_existing_hook() -> None:
    def existing(config: dict, **kwargs: object) -> dict:
        return {**config, "mine": kwargs["notebook_path"]}

    hook = with_versioned_static("abc", existing)
    config = hook({"fullStaticUrl": "/x/voila/static"}, base_url="/x/", notebook_path="n.ipynb")
    assert config == {"fullStaticUrl": "/x/voila/static-abc", "mine": "n.ipynb"}


def test_versioned_route_comes_first_and_labextensions_get_the_caching_handler() -> None:
    other = ("/voila/api/shutdown/(.*)", object)
    labext = ("/voila/labextensions/(.*)", FileFindHandler, {"path": ["/p"], "no_cache_paths": ["/"]})
    handlers = cached_handlers([other, labext], "/", ["/static"], "abc")
    assert handlers[0] == ("/voila/static-abc/(.*)", ImmutableStaticFileHandler, {"paths": ["/static"]})
    assert handlers[1] == other
    assert handlers[2] == ("/voila/labextensions/(.*)", VersionedLabextensionHandler, labext[2])


def test_only_hashed_entry_files_count_as_versioned_without_a_query() -> None:
    assert HASHED_ENTRY.fullmatch("remoteEntry.c8c9eed2cdef1234.js")
    assert not HASHED_ENTRY.fullmatch("remoteEntry.js") and not HASHED_ENTRY.fullmatch("package.json")
