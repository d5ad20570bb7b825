"""Plain language, measured: every patient-facing body text at or below the reading-grade target."""

from __future__ import annotations

import shutil
from pathlib import Path

import nltk
import pytest
import yaml
from textstat.textstat import textstatistics

from devtools.content_copies import default_language_only
from secondop import load_content
from secondop.analysis.readability import (
    BODY_MIN_WORDS,
    SMOG_LIMIT,
    SMOG_MEDIAN_LIMIT,
    grade_frame,
    over_target,
    score,
    smog_grade,
    smog_median,
    smog_over_limit,
    text_grades,
)
from secondop.content.schema import KINDS

DATA = Path(__file__).resolve().parent.parent / "data"
HARD = (
    "Notwithstanding institutional considerations, comprehensive multidisciplinary evaluation "
    "by subspecialized oncological practitioners substantially ameliorates diagnostic and therapeutic precision."
)


def _describe(grades) -> str:
    return "\n".join(f"{g.file} / {g.entry} / {g.field}: grade {g.grade}: {g.text}" for g in grades)


def test_every_body_text_is_at_or_below_target(content):
    """THE reading-level test: a body text above the target fails unless settings.reading_exceptions names it."""
    too_hard = over_target(content)
    assert not too_hard, (
        f"{len(too_hard)} text(s) above grade {content.settings.reading_grade_target}: rewrite them, or add a "
        f"reading exception with a reason in settings.yaml:\n{_describe(too_hard)}"
    )


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_body_text_is_at_or_below_smog_9_and_the_median_at_7(language):
    """SMOG, the measure IPDAS names, in each language's own measure (SOL for Spanish): every body text at or
    below 9 and the median at or below 7 (issue 19, item 15)."""
    assert (SMOG_LIMIT, SMOG_MEDIAN_LIMIT) == (9.0, 7.0)
    content = load_content(language=language)
    too_hard = smog_over_limit(content)
    assert not too_hard, "\n".join(f"{g.file} / {g.entry} / {g.field}: SMOG {g.smog}: {g.text}" for g in too_hard)
    assert smog_median(content) <= SMOG_MEDIAN_LIMIT


def test_smog_is_measured_in_each_languages_own_scale():
    """English: McLaughlin's SMOG. Spanish: the SOL (-2.51 + 0.74 x SMOG), since the same message has more long
    words in Spanish; so the Spanish text of an English one scores close to it, not four grades above."""
    english = "Ask your doctor how long it is safe to wait. Call the American Cancer Society for help."
    spanish = "Pregunte a su médico cuánto tiempo puede esperar. Llame a la Sociedad Americana Contra El Cáncer."
    assert smog_grade(english, "en") == score("x", "x", "x", english, "en").smog
    raw = textstatistics()
    raw.set_lang("es")  # the raw SMOG, counted on Spanish syllables
    raw = raw.smog_index(spanish)
    assert smog_grade(spanish, "es") == round(-2.51 + 0.74 * raw, 1) < raw
    assert smog_grade(HARD, "en") > SMOG_LIMIT and smog_grade("Short.", "en") < SMOG_LIMIT


def test_a_text_above_smog_9_is_flagged(tmp_path, content):
    root, reason_id = _copy_with_hard_text(tmp_path, content)
    flagged = {g.key: g for g in smog_over_limit(load_content(root))}
    assert ("reasons.yaml", reason_id, "why") in flagged and flagged[("reasons.yaml", reason_id, "why")].smog > 9


def test_reading_exceptions_point_to_texts_that_need_them(content):
    grades = {g.key: g for g in text_grades(content)}
    for exception in content.settings.reading_exceptions:
        key = (exception.file, exception.entry, exception.field)
        assert key in grades, f"reading exception {key} names no text"
        assert exception.reason.strip()
        grade = grades[key]
        assert grade.body and grade.grade > content.settings.reading_grade_target, (
            f"reading exception {key} is not needed (grade {grade.grade}): remove it from settings.yaml"
        )


def test_every_wording_field_and_label_is_scored(content):
    grades = text_grades(content)
    keys = [g.key for g in grades]
    assert len(keys) == len(set(keys))
    expected = sum(
        len(getattr(content, kind.name)) * sum(f.annotation is str for f in kind.text_model.model_fields.values())
        for kind in KINDS
        if kind.text_model
    )
    # optional texts (a checklist item's `record_name`) are scored where they are given
    expected += sum(
        isinstance(getattr(entry, name), str)
        for kind in KINDS
        if kind.text_model
        for name, f in kind.text_model.model_fields.items()
        if f.annotation is not str
        for entry in getattr(content, kind.name).values()
    )
    labels = sum(
        sum(f.annotation is str for f in type(getattr(content.labels, name)).model_fields.values())
        for name in type(content.labels).model_fields
    )
    letter = sum(f.annotation is str for f in type(content.letter).model_fields.values())
    assert len(grades) == expected + labels + letter
    assert ("letter.yaml", "letter", "deadline") in keys
    assert ("reasons.yaml", "new_diagnosis", "why") in keys
    assert ("labels.yaml", "plan", "notice") in keys
    frame = grade_frame(content)
    assert len(frame) == len(grades) and {"file", "entry", "field", "grade", "status", "text"} <= set(frame.columns)
    assert set(frame["status"]) <= {"ok", "short", "exception", "over_target"}


def test_scores_are_sensible_and_offline(monkeypatch):
    def no_download(*args, **kwargs):
        raise AssertionError("readability must not download anything")

    monkeypatch.setattr(nltk, "download", no_download)
    easy = score("x.yaml", "easy", "text", "Bring your scans. Ask for a copy of each report. It is your right.")
    hard = score("x.yaml", "hard", "text", HARD)
    assert easy.grade < 5 < 12 < hard.grade
    assert easy.body and hard.body and easy.sentences == 3


def test_short_labels_are_scored_but_not_held_to_target(content):
    label = score("labels.yaml", "plan", "title", "Multidisciplinary considerations")
    assert label.grade > content.settings.reading_grade_target
    assert not label.body and label.words < BODY_MIN_WORDS


def _copy_with_hard_text(tmp_path: Path, content) -> tuple[Path, str]:
    root = tmp_path / "data"
    shutil.copytree(DATA, root)
    default_language_only(root)
    path = root / "text" / content.settings.language / "reasons.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    reason_id = next(iter(content.reasons))
    data[reason_id]["why"] = HARD
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root, reason_id


def test_a_grade_12_sentence_fails_the_check(tmp_path, content):
    root, reason_id = _copy_with_hard_text(tmp_path, content)
    flagged = {g.key: g for g in over_target(load_content(root))}
    assert ("reasons.yaml", reason_id, "why") in flagged
    assert flagged[("reasons.yaml", reason_id, "why")].grade >= 12


def test_a_named_exception_lets_it_pass(tmp_path, content):
    root, reason_id = _copy_with_hard_text(tmp_path, content)
    settings_path = root / "settings.yaml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    settings["reading_exceptions"] = [
        *settings.get("reading_exceptions", []),
        {"file": "reasons.yaml", "entry": reason_id, "field": "why", "reason": "A test of the exception list."},
    ]
    settings_path.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    changed = load_content(root)
    assert ("reasons.yaml", reason_id, "why") not in {g.key for g in over_target(changed)}
    frame = grade_frame(changed).set_index(["file", "entry", "field"])
    assert frame.loc[("reasons.yaml", reason_id, "why"), "status"] == "exception"
