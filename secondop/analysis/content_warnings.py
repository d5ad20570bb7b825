"""Warnings about valid content: things an analyst should fix, that do not stop the content being used.

`secondop validate` prints them after "Content is valid", so an analyst sees them without running the
tests: translations whose English text changed since they were made, and texts harder to read than
the project's targets (US grade above `reading_grade_target`, Spanish reading ease below
`reading_ease_minimum`, SMOG above `readability.SMOG_LIMIT` in each language's own measure), each with
its figure: the same rules the tests hold (`readability.over_target`, `readability.smog_over_limit`). A
text named in `settings.reading_exceptions` is not warned about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.content.schema import TEXT_DIR
from secondop.content.translations import all_statuses, texts_of

if TYPE_CHECKING:
    from .readability import TextGrade


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
    """Body texts above the grade target (English) or below the reading-ease minimum (Spanish), and body texts
    above the SMOG limit (English SMOG, Spanish SOL), each with its figure: the tests' own checks, as warnings."""
    from . import readability  # textstat and pandas: loaded only when a reading level is asked for

    settings = content.settings
    lines = texts_of(content.root, content.language)
    folder = f"{content.root.name}/{TEXT_DIR}/{content.language}"
    found = []
    for grade in readability.over_target(content):
        if readability.uses_ease(grade.language):
            message = f"reading ease {grade.ease:g} is below the minimum {settings.reading_ease_minimum:g}"
        else:
            message = f"reading grade {grade.grade:g} is above the target {settings.reading_grade_target:g}"
        found.append(_at(folder, lines, grade, message + "; use shorter words and sentences"))
    measure = "SMOG grade (SOL)" if readability.uses_ease(content.language) else "SMOG grade"
    for grade in readability.smog_over_limit(content):
        message = f"{measure} {grade.smog:g} is above {readability.SMOG_LIMIT:g}; use fewer long words"
        found.append(_at(folder, lines, grade, message))
    return sorted(found, key=lambda warning: (warning.file, warning.entry, warning.field))


def _at(folder: str, lines: dict[tuple[str, str, str], tuple[str, int]], grade: TextGrade, message: str) -> Warning_:
    line = lines.get(grade.key, ("", 0))[1]
    return Warning_(f"{folder}/{grade.file}" + (f" line {line}" if line else ""), grade.entry, grade.field, message)


def content_warnings(root: str | os.PathLike[str], content: Content | None = None) -> list[Warning_]:
    """Every warning for a valid content folder: out-of-date translations, then reading levels per language."""
    folder = Path(root)
    first = content or load_content(folder)
    found = translation_warnings(folder)
    for language in first.settings.all_languages:
        in_language = first if language == first.language else load_content(folder, language)
        found += reading_warnings(in_language)
    return found
