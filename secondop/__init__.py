"""secondop: the Second Opinion Navigator. Content, assessment and the dashboard around them.

The public names load on first use (PEP 562): importing a part of the package, as the browser edition
does with `secondop.content.plain`, must not pull in the validator and pydantic, which the browser lacks.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .content.collection import Content
    from .content.loading import find_problems, load_content
    from .content.problems import ContentError, Problem, UnknownIdError
    from .paths import data_dir
    from .plan.assessment import AppliedReason, Assessment, ChecklistGroup, assess, scenario_selection

_HOMES = {
    "find_problems": ".content.loading",
    "load_content": ".content.loading",
    "Content": ".content.collection",
    "ContentError": ".content.problems",
    "Problem": ".content.problems",
    "UnknownIdError": ".content.problems",
    "data_dir": ".paths",
    "AppliedReason": ".plan.assessment",
    "Assessment": ".plan.assessment",
    "ChecklistGroup": ".plan.assessment",
    "assess": ".plan.assessment",
    "scenario_selection": ".plan.assessment",
}

__all__ = [
    "AppliedReason",
    "Assessment",
    "ChecklistGroup",
    "Content",
    "ContentError",
    "Problem",
    "UnknownIdError",
    "assess",
    "data_dir",
    "find_problems",
    "load_content",
    "scenario_selection",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'secondop' has no attribute {name!r}")
    return getattr(import_module(home, __name__), name)
