"""Reading level of every patient-facing text, measured with textstat, so plain language is checked, not hoped for.

What is held to the target (`settings.reading_grade_target`, a US school grade):
every *body text*, that is a text of 2 or more sentences or of 12 or more words. Shorter texts (labels,
headings, a glossary term, a one-line question) are scored and listed too, but not held to the target:
the Flesch-Kincaid formula on three words is noise (one long word moves it by several grades).
This rule applies to the labels in `labels.yaml` as well; those cannot be excepted, so a body text
there must meet the target. Any other body text above the target must be named, with a reason, in
`settings.reading_exceptions` (matched by file, entry and field).

SMOG, the measure IPDAS names for decision aids, is held to limits too (`smog_over_limit`, `smog_median`):
every body text at or below `SMOG_LIMIT` (9) and the median of a language's body texts at or below
`SMOG_MEDIAN_LIMIT` (7), each language in its own measure (`smog_grade`): McLaughlin's SMOG for English, and
for Spanish the SOL (Contreras et al. 1999), the SMOG adapted to Spanish, whose long words are more common.

Offline and deterministic: textstat 0.7 looks English syllables up in NLTK's CMU dictionary, which it
downloads from the internet on first use (that fails offline, in workshops and CI). We give textstat
the language as a tag it does not map to that dictionary (`en-US` for `en`), so it counts syllables
with pyphen's hyphenation patterns, shipped inside the pyphen wheel, the way textstat did before 0.7.5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd
from pydantic import BaseModel
from textstat.textstat import textstatistics

from secondop.content.collection import Content
from secondop.content.schema import KINDS, LABELS_FILE, LETTER_FILE, wording

BODY_MIN_WORDS = 12
#: SMOG (a US school grade) no body text may pass, and the median a language's body texts may not pass.
SMOG_LIMIT = 9.0
SMOG_MEDIAN_LIMIT = 7.0
#: The SOL formula (Contreras, Garcia-Alonso, Echenique & Daye-Contreras, 1999): the SMOG of a Spanish text,
#: counted on Spanish syllables, on the scale of an English text's SMOG. Spanish words are longer, so the raw
#: SMOG of the same message is higher in Spanish; SOL = -2.51 + 0.74 x SMOG brings it back to a US grade.
_SOL = {"es": (-2.51, 0.74)}
BODY_MIN_SENTENCES = 2
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class TextGrade:
    """One text and its reading level. `body` says whether the target applies to it (see the module docstring)."""

    file: str
    entry: str
    field: str
    text: str
    grade: float  # Flesch-Kincaid grade (an English measure)
    smog: float  # SMOG grade in the language's own measure (SOL for Spanish): see `smog_grade`
    words: int
    sentences: int
    ease: float = 0.0  # reading ease, higher is easier: Fernández-Huerta for Spanish, Flesch for English
    language: str = "en"

    @property
    def body(self) -> bool:
        return self.sentences >= BODY_MIN_SENTENCES or self.words >= BODY_MIN_WORDS

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.file, self.entry, self.field)


@lru_cache(maxsize=8)
def _scorer(language: str) -> textstatistics:
    scorer = textstatistics()
    scorer.set_lang("en-US" if language.split("_")[0] == "en" else language.replace("_", "-"))
    return scorer


def smog_grade(text: str, language: str = "en") -> float:
    """The SMOG grade of a text, in its language's own measure (a US school grade, one decimal).

    English: McLaughlin's SMOG on the text as it is (polysyllables per sentence, scaled to 30 sentences).
    Spanish: the SOL, the same count on Spanish syllables, mapped by `_SOL`. Other languages: plain SMOG.
    `{placeholders}` count as the plain word inside the braces.
    """
    raw = _scorer(language).smog_index(_PLACEHOLDER.sub(r"\1", text))
    intercept, slope = _SOL.get(language.split("_")[0], (0.0, 1.0))
    return round(max(intercept + slope * raw, 0.0), 1) if raw else 0.0


def score(file: str, entry: str, field: str, text: str, language: str = "en") -> TextGrade:
    """Score one text; `{placeholders}` count as the plain word inside the braces."""
    scorer = _scorer(language)
    plain = _PLACEHOLDER.sub(r"\1", text)
    return TextGrade(
        file=file,
        entry=entry,
        field=field,
        text=text,
        grade=round(scorer.flesch_kincaid_grade(plain), 1),
        smog=smog_grade(text, language),
        words=scorer.lexicon_count(plain),
        sentences=scorer.sentence_count(plain),
        ease=round(scorer.fernandez_huerta(plain) if uses_ease(language) else scorer.flesch_reading_ease(plain), 1),
        language=language,
    )


def _text_fields(model: BaseModel, wording: type[BaseModel]) -> list[tuple[str, str]]:
    """The plain-text fields (lists such as a glossary term's `forms` are words, not texts to grade)."""
    return [(name, value) for name in wording.model_fields if isinstance(value := getattr(model, name), str)]


def text_grades(content: Content) -> list[TextGrade]:
    """Every wording field of every entry, in file order, then every label (entry = `plan`, `messages`, ...),
    then the records-request letter (entry = `letter`)."""
    language = content.language
    grades = []
    for kind in KINDS:
        if kind.text_model is None:
            continue
        for entry in getattr(content, kind.name).values():
            for field, text in _text_fields(entry, kind.text_model):
                grades.append(score(kind.file, entry.id, field, text, language))
    for group in type(content.labels).model_fields:
        section = getattr(content.labels, group)
        for field, text in _text_fields(section, type(section)):
            grades.append(score(LABELS_FILE, group, field, text, language))
    for field, text in _text_fields(content.letter, wording.LetterText):
        grades.append(score(LETTER_FILE, "letter", field, text, language))
    return grades


#: Languages held to a reading-ease minimum (`settings.reading_ease_minimum`) instead of a US school grade.
EASE_LANGUAGES = frozenset({"es"})


def uses_ease(language: str) -> bool:
    return language.split("_")[0] in EASE_LANGUAGES


def too_hard(grade: TextGrade, content: Content) -> bool:
    """Above the grade target (English), or below the reading-ease minimum (Spanish)."""
    if uses_ease(grade.language):
        return grade.ease < content.settings.reading_ease_minimum
    return grade.grade > content.settings.reading_grade_target


def _excepted(content: Content) -> set[tuple[str, str, str]]:
    return {(e.file, e.entry, e.field) for e in content.settings.reading_exceptions}


def over_target(content: Content) -> list[TextGrade]:
    """Body texts above the target that no reading exception names: each one is a text to rewrite."""
    excepted = _excepted(content)
    return [g for g in text_grades(content) if g.body and too_hard(g, content) and g.key not in excepted]


def smog_over_limit(content: Content) -> list[TextGrade]:
    """Body texts whose SMOG grade (the language's own measure) is above `SMOG_LIMIT`: each one to rewrite.

    The public check for tests and for `secondop validate`'s reading-level warnings; texts named in
    `settings.reading_exceptions` are left out, as for the grade target.
    """
    excepted = _excepted(content)
    return [g for g in text_grades(content) if g.body and g.smog > SMOG_LIMIT and g.key not in excepted]


def smog_median(content: Content) -> float:
    """The median SMOG grade of the content's body texts (held to `SMOG_MEDIAN_LIMIT` in every language)."""
    grades = sorted(g.smog for g in text_grades(content) if g.body)
    if not grades:
        return 0.0
    middle = len(grades) // 2
    return grades[middle] if len(grades) % 2 else round((grades[middle - 1] + grades[middle]) / 2, 2)


def grade_frame(content: Content) -> pd.DataFrame:
    """All texts with their grades, for the analyst's notebook; `status` says what, if anything, to do."""
    excepted = _excepted(content)
    rows = []
    for g in text_grades(content):
        if not g.body:
            status = "short"
        elif not too_hard(g, content):
            status = "ok"
        else:
            status = "exception" if g.key in excepted else "over_target"
        rows.append(
            {
                "file": g.file,
                "entry": g.entry,
                "field": g.field,
                "grade": g.grade,
                "ease": g.ease,
                "smog": g.smog,
                "words": g.words,
                "sentences": g.sentences,
                "body": g.body,
                "status": status,
                "text": g.text,
            }
        )
    columns = ["file", "entry", "field", "grade", "ease", "smog", "words", "sentences", "body", "status", "text"]
    return pd.DataFrame(rows, columns=columns)


def languages_frame(contents: Iterable[Content]) -> pd.DataFrame:
    """Every text's measure in each language side by side: one row per file, entry and field.

    English shows its US school grade (lower is easier), a reading-ease language its ease (higher is easier).
    """
    frames = []
    for content in contents:
        frame = grade_frame(content)
        measure = "ease" if uses_ease(content.language) else "grade"
        frames.append(
            frame.set_index(["file", "entry", "field"])[[measure, "status"]].rename(
                columns={measure: f"{content.language}_{measure}", "status": f"{content.language}_status"}
            )
        )
    return pd.concat(frames, axis=1).reset_index() if frames else pd.DataFrame()
