"""`chain`: the one way the server composes Voilà prelaunch hooks (the long-link guard, the page limit, the
first view, and any an operator configured)."""

from __future__ import annotations

from typing import Any

import pytest
from tornado.web import Finish

from secondop.server.hooks import chain


def _hook(name: str, calls: list[tuple[str, Any]], returns: Any = None, finish: bool = False):
    def hook(handler: Any, notebook: Any = None, cwd: str | None = None) -> Any:
        calls.append((name, notebook))
        if finish:
            raise Finish()
        return returns

    return hook


def test_hooks_run_in_order_each_on_the_notebook_the_last_one_returned() -> None:
    calls: list[tuple[str, Any]] = []
    hook = chain(_hook("a", calls), _hook("b", calls, "nb-b"), None, _hook("c", calls), _hook("d", calls, "nb-d"))
    assert hook is not None
    assert hook("handler", notebook="nb", cwd="/") == "nb-d"
    assert calls == [("a", "nb"), ("b", "nb"), ("c", "nb-b"), ("d", "nb-b")]


def test_the_chain_returns_none_when_no_hook_changed_the_notebook() -> None:
    calls: list[tuple[str, Any]] = []
    hook = chain(_hook("a", calls), _hook("b", calls))
    assert hook is not None and hook("handler", notebook="nb") is None  # Voilà keeps its own notebook


def test_a_hook_that_ends_the_request_stops_the_ones_after_it() -> None:
    calls: list[tuple[str, Any]] = []
    hook = chain(_hook("guard", calls, finish=True), _hook("view", calls, "nb-view"))
    assert hook is not None
    with pytest.raises(Finish):
        hook("handler", notebook="nb")
    assert [name for name, _ in calls] == ["guard"]


def test_one_hook_is_itself_and_none_is_none() -> None:
    only = _hook("only", [])
    assert chain(None, only, None) is only
    assert chain() is None and chain(None) is None


def test_no_module_hand_writes_a_hook_wrapper() -> None:
    """Composition lives in `chain` alone: no other server module defines a hook that calls an `existing` one."""
    from pathlib import Path

    import secondop.server as server

    for path in Path(server.__file__).parent.glob("*.py"):
        if path.name != "hooks.py":
            assert "existing(handler" not in path.read_text("utf-8"), f"{path.name} composes hooks by hand: use chain"
