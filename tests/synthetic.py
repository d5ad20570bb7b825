"""A minimal valid content folder, written from code, for tests where the rule is the point.

The real content changes with every review; a logic test on it can pass for the wrong reason (every real
reason has a single trigger, so "any trigger" and "all triggers" look the same). This folder is small,
fixed and shaped to tell such rules apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from secondop.content.schema import wording

SOURCE = "a_source"


def _label_texts(model: type[Any]) -> dict[str, Any]:
    """Every label of a labels section, filled with its own name (placeholders kept where the app fills them)."""
    texts: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and issubclass(sub, wording.Strict):
            texts[name] = _label_texts(sub)
        elif name == "names":
            texts[name] = {"en": "English"}
        else:
            lists = {"value_levels": ["Low", "Mid", "High"], "leaning_options": ["Yes", "No", "Unsure"]}
            if name in lists:
                texts[name] = lists[name]
                continue
            placeholders = {
                "progress": "{done} of {total}",
                "chart_alt": "Chart. {summary}",
                "source_note": "({language})",
                "sure_score": "{score} of {total}",
                "about_reading": "grade {grade}",
                "about_updates": "every {days} days",
            }
            texts[name] = placeholders.get(name, f"{name} label")
    return texts


def _entries(*items: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**item, "sources": item.get("sources", [SOURCE])} for item in items]


STRUCTURE: dict[str, list[dict[str, Any]]] = {
    "themes.yaml": _entries({"id": "theme_a"}),
    "glossary.yaml": _entries({"id": "term_a"}),
    "circumstances.yaml": _entries(
        {"id": "first", "group": "diagnosis", "glossary": ["term_a"]},
        {"id": "second", "group": "treatment_plan"},
        {"id": "third", "group": "where_treated"},
    ),
    "concerns.yaml": _entries({"id": "worry"}),
    "always_shown.yaml": _entries({"id": "safety"}, {"id": "downsides"}, {"id": "opinions_differ"}, {"id": "scope"}),
    "experts.yaml": _entries({"id": "expert_a"}),
    "reasons.yaml": _entries(
        {"id": "for_everyone", "always": True, "strength": 1, "theme": "theme_a", "expert": "expert_a"},
        {"id": "either", "triggered_by": ["first", "second"], "strength": 2, "theme": "theme_a", "expert": "expert_a"},
        {"id": "strong", "triggered_by": ["third"], "strength": 3, "theme": "theme_a", "expert": "expert_a"},
    ),
    "review_points.yaml": _entries({"id": "point", "kind": "review"}),
    "checklist.yaml": _entries(
        {"id": "always_item", "group": "point", "always": True},
        {"id": "worry_item", "group": "point", "added_by": ["worry"]},
        {"id": "either_item", "group": "point", "added_by": ["first", "second"]},
    ),
    "questions.yaml": _entries(
        {"id": "always_question", "always": True},
        {"id": "worry_question", "asked_when": ["worry"]},
    ),
    "choices.yaml": _entries({"id": "choice_a"}, {"id": "choice_b"}),
    "values.yaml": _entries({"id": "value_a"}),
    "sure_questions.yaml": _entries(*({"id": f"sure_{n}"} for n in ("a", "b", "c", "d"))),
    "steps.yaml": _entries({"id": "step_a", "review_points": ["point"]}),
    "key_figures.yaml": [],
    # what to do this week: shown first, in order, only when `third` is ticked
    "first_steps.yaml": _entries(
        {"id": "step_one", "shown_when": ["third"]}, {"id": "step_two", "shown_when": ["third"]}
    ),
    "scenarios.yaml": _entries(
        {
            "id": "example",
            "circumstances": ["second"],
            "concerns": ["worry"],
            "expected_reasons": ["for_everyone", "either"],
        }
    ),
}

WORDING: dict[str, dict[str, dict[str, Any]]] = {
    "themes.yaml": {"theme_a": {"label": "Theme A"}},
    "glossary.yaml": {"term_a": {"term": "Term A", "definition": "What term A means."}},
    "circumstances.yaml": {
        cid: {"label": f"I tick {cid}", "explanation": f"Tick {cid} if it fits."}
        for cid in ("first", "second", "third")
    },
    "concerns.yaml": {"worry": {"label": "I worry", "explanation": "A worry.", "answer": "The answer is 12 days."}},
    "always_shown.yaml": {
        bid: {"title": f"Block {bid}", "text": f"What {bid} says."}
        for bid in ("safety", "downsides", "opinions_differ", "scope")
    },
    "experts.yaml": {"expert_a": {"who": "An expert.", "how": "Ask your doctor."}},
    "reasons.yaml": {
        rid: {"title": f"Reason {rid}", "why": f"Why {rid}."} for rid in ("for_everyone", "either", "strong")
    },
    "review_points.yaml": {"point": {"title": "Point", "doctor_checks": "The doctor checks it."}},
    "checklist.yaml": {
        iid: {"text": f"Bring {iid}", "how_to_get": "Ask the office."}
        for iid in ("always_item", "worry_item", "either_item")
    },
    "questions.yaml": {"always_question": {"text": "Always?"}, "worry_question": {"text": "Worried?"}},
    "choices.yaml": {
        cid: {"name": f"Choice {cid}", "what_happens": "It happens.", "good": "Good.", "hard": "Hard."}
        for cid in ("choice_a", "choice_b")
    },
    "values.yaml": {"value_a": {"statement": "Value A"}},
    "sure_questions.yaml": {f"sure_{n}": {"question": f"Sure {n}?", "if_no": "Ask."} for n in ("a", "b", "c", "d")},
    "steps.yaml": {"step_a": {"title": "Step A", "text": "Do it."}},
    "key_figures.yaml": {},
    "first_steps.yaml": {sid: {"text": f"Do {sid}", "how": f"How to do {sid}."} for sid in ("step_one", "step_two")},
    "scenarios.yaml": {
        "example": {"name": "An example", "story": "A story.", "teaches": "A lesson.", "ask_the_room": "Which?"}
    },
}

SOURCES = [
    {
        "id": SOURCE,
        "title": "A source",
        "publisher": "A publisher",
        "url": "https://example.org/source",
        "checked": "2026-11-30",
        "excerpts": ["It takes 12 days."],
    }
]

SETTINGS = {
    "language": "en",
    "content_reviewed": "2026-11-30",
    "source_max_age_days": 365,
    "reading_grade_target": 8,
}


def _dump(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def write_content(root: Path) -> Path:
    """Write the minimal valid content folder at `root` and return it."""
    _dump(root / "sources.yaml", SOURCES)
    _dump(root / "settings.yaml", SETTINGS)
    for name, entries in STRUCTURE.items():
        _dump(root / name, entries)
    for name, texts in WORDING.items():
        _dump(root / "text" / "en" / name, texts)
    _dump(root / "text" / "en" / "labels.yaml", _label_texts(wording.Labels))
    _dump(root / "letter.yaml", {"sources": [SOURCE]})
    _dump(root / "text" / "en" / "letter.yaml", _label_texts(wording.LetterText))
    return root


def _translated(value: Any, language: str) -> Any:
    """A stand-in translation: every text prefixed with the language (placeholders and figures kept)."""
    if isinstance(value, str):
        return f"{language.upper()} {value}"
    if isinstance(value, dict):
        return {key: _translated(item, language) for key, item in value.items()}
    return value


def add_translation(root: Path, language: str = "es") -> Path:
    """Ship a second language in the folder written by `write_content`: every English text, prefixed `ES `."""
    for path in sorted((root / "text" / "en").glob("*.yaml")):
        _dump(root / "text" / language / path.name, _translated(yaml.safe_load(path.read_text("utf-8")), language))
    _dump(root / "settings.yaml", {**SETTINGS, "languages": ["en", language]})
    return root
