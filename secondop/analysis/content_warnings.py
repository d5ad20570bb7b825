"""Warnings about valid content: things an analyst should fix, that do not stop the content being used.

`secondop validate` prints them after "Content is valid", so an analyst sees them without running the
tests: translations whose English text changed since they were made, and texts harder to read than
the project's targets (US grade above `reading_grade_target`, SMOG above `SMOG_TARGET`, Spanish reading
ease below `reading_ease_minimum`), each with its figure. A text named in `settings.reading_exceptions`
is not warned about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.content.schema import TEXT_DIR
from secondop.content.translations import all_statuses, texts_of

#: SMOG index above which an English body text is warned about (a US grade, like Flesch-Kincaid).
SMOG_TARGET = 9.0


@dataclass(frozen=True, order=True)
class Warning_:
    """One thing to fix in valid content, located like a problem: file, entry, field, then what."""

    file: str
    entry: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}, entry `{self.entry}`, field `{self.field}`: {self.message}"


def translation_warnings(root: str | os.PathLike[str]) -> list[Warning_]:
    """One warning per translated text whose English text changed since it was translated."""
    found = []
    folder = Path(root)
    for status in all_statuses(folder):
        for ref in status.out_of_date:
            where = f"{folder.name}/{TEXT_DIR}/{status.language}/{ref.file}" + (f" line {ref.line}" if ref.line else "")
            found.append(
                Warning_(
                    where,
                    ref.entry,
                    ref.field,
                    f"out of date: the `{status.reference}` text changed since this was translated "
                    f"(update it, then `secondop translations --mark {status.language} --entry "
                    f"{ref.file}:{ref.entry}`)",
                )
            )
    return found


def reading_warnings(content: Content) -> list[Warning_]:
    """Body texts above the grade or SMOG target (English), or below the reading-ease minimum (Spanish)."""
    from . import readability  # textstat and pandas: loaded only when a reading level is asked for

    settings = content.settings
    lines = texts_of(content.root, content.language)
    excepted = {(e.file, e.entry, e.field) for e in settings.reading_exceptions}
    found = []
    for grade in readability.text_grades(content):
        if not grade.body or grade.key in excepted:
            continue
        line = lines.get(grade.key, ("", 0))[1]
        where = f"{content.root.name}/{TEXT_DIR}/{content.language}/{grade.file}" + (f" line {line}" if line else "")
        if readability.uses_ease(grade.language):
            if grade.ease < settings.reading_ease_minimum:
                message = f"reading ease {grade.ease:g} is below the minimum {settings.reading_ease_minimum:g}"
                found.append(Warning_(where, grade.entry, grade.field, message + "; use shorter words and sentences"))
            continue
        if grade.grade > settings.reading_grade_target:
            message = f"reading grade {grade.grade:g} is above the target {settings.reading_grade_target:g}"
            found.append(Warning_(where, grade.entry, grade.field, message + "; use shorter words and sentences"))
        if grade.smog > SMOG_TARGET:
            message = f"SMOG grade {grade.smog:g} is above {SMOG_TARGET:g}; use fewer words of three or more syllables"
            found.append(Warning_(where, grade.entry, grade.field, message))
    return found


def content_warnings(root: str | os.PathLike[str], content: Content | None = None) -> list[Warning_]:
    """Every warning for a valid content folder: out-of-date translations, then reading levels per language."""
    folder = Path(root)
    first = content or load_content(folder)
    found = translation_warnings(folder)
    for language in first.settings.all_languages:
        in_language = first if language == first.language else load_content(folder, language)
        found += reading_warnings(in_language)
    return found
