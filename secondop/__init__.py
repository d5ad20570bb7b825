"""secondop: the Second Opinion Navigator. Content, assessment and the dashboard around them."""

from .assessment import AppliedReason, Assessment, ChecklistGroup, assess, scenario_selection
from .content import Content
from .loading import data_dir, find_problems, load_content
from .problems import ContentError, Problem, UnknownIdError

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
