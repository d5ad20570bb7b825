"""secondop: the Second Opinion Navigator. Content, assessment and the dashboard around them."""

from .content.loading import find_problems, load_content
from .content.model import Content
from .content.problems import ContentError, Problem, UnknownIdError
from .paths import data_dir
from .plan.assessment import AppliedReason, Assessment, ChecklistGroup, assess, scenario_selection

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
