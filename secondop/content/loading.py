"""Load the content folder into typed objects, collecting every problem before failing."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..paths import data_dir
from . import error_wording
from .checks import cross_check
from .collection import Content
from .decision_checks import decision_problems, derived_problems
from .figure_checks import figure_problems, label_figure_problems, parity_problems
from .letter_checks import letter_figure_problems, letter_parity_problems, letter_source_problems, record_name_problems
from .model import MERGED, Letter
from .problems import ContentError, Problem
from .raw import RawEntries
from .schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR, Kind, structure, wording
from .yaml_reader import read_yaml

M = TypeVar("M", bound=BaseModel)


class _Reader:
    def __init__(self, root: Path, language: str | None):
        self.root = root
        self.language_override = language
        self.problems: list[Problem] = []
        self.wording_lines: dict[str, dict[str, dict[Any, int]]] = {}  # language -> file -> entry id -> line

    def shown(self, *parts: str) -> str:
        return "/".join((self.root.name, *parts))

    def validate(self, model: type[M], data: Any, shown_as: str, entry: str | None) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for field_path, message in error_wording.describe(error):
                self.problems.append(Problem(shown_as, entry, field_path, message))
            return None

    def read_mapping_file(self, relative: tuple[str, ...], model: type[M]) -> M | None:
        shown_as = self.shown(*relative)
        document, problems = read_yaml(self.root.joinpath(*relative), shown_as)
        self.problems.extend(problems)
        if document is None:
            return None
        if relative[0] == TEXT_DIR:  # labels.yaml, letter.yaml: lines of their groups, for problems in them
            self.wording_lines.setdefault(relative[1], {})[relative[-1]] = document.lines
        return self.validate(model, document.data, shown_as, None)

    def read_structure(self, kind: Kind) -> RawEntries:
        raw = RawEntries(kind, self.shown(kind.file))
        document, problems = read_yaml(self.root / kind.file, raw.shown_as)
        self.problems.extend(problems)
        if document is None:
            raw.readable = False
            return raw
        if not isinstance(document.data, list):
            raw.readable = False
            self.problems.append(
                Problem(raw.shown_as, message="should be a list of entries, each starting with `- id:`")
            )
            return raw
        for index, item in enumerate(document.data):
            line = document.lines.get(index)
            entry_id = item.get("id") if isinstance(item, dict) else None
            label = f"{kind.noun} `{entry_id}` (line {line})" if isinstance(entry_id, str) else f"entry at line {line}"
            if isinstance(entry_id, str) and entry_id in raw.entries:
                first = raw.lines[entry_id]
                self.problems.append(
                    Problem(raw.shown_as, label, "id", f"the id `{entry_id}` is already used at line {first}")
                )
                continue
            model: Any = self.validate(kind.model, item, raw.shown_as, label)
            if model is not None:
                raw.entries[model.id] = model
                raw.lines[model.id] = line or 0
            elif isinstance(entry_id, str):
                raw.failed.add(entry_id)
        return raw

    def read_wording(self, kind: Kind, raw: RawEntries, language: str) -> dict[str, BaseModel]:
        relative = (TEXT_DIR, language, kind.file)
        shown_as = self.shown(*relative)
        document, problems = read_yaml(self.root.joinpath(*relative), shown_as)
        self.problems.extend(problems)
        if document is None:
            return {}
        self.wording_lines.setdefault(language, {})[kind.file] = document.lines
        if not isinstance(document.data, dict):
            self.problems.append(
                Problem(shown_as, message="should map each entry id to its texts (`some_id:` then fields)")
            )
            return {}
        for key, line in document.duplicate_keys:
            first = document.lines.get(key)
            message = f"the id `{key}` is already used at line {first}"
            self.problems.append(Problem(shown_as, f"{kind.noun} `{key}` (line {line})", None, message))
        texts: dict[str, BaseModel] = {}
        for entry_id, item in document.data.items():
            key_line = document.lines.get(entry_id) or document.lines.get(str(entry_id))
            label = f"{kind.noun} `{entry_id}` (line {key_line})"
            if not raw.known(entry_id):
                self.problems.append(
                    Problem(shown_as, label, None, f"there is no {kind.noun} with this id in {raw.shown_as}")
                )
                continue
            model = self.validate(kind.text_model, item, shown_as, label)  # type: ignore[arg-type]
            if model is not None:
                texts[str(entry_id)] = model
        for entry_id in raw.entries:
            if entry_id not in document.data:
                where = f"{raw.shown_as} line {raw.lines[entry_id]}"
                self.problems.append(
                    Problem(
                        shown_as,
                        f"{kind.noun} `{entry_id}`",
                        None,
                        f"the wording for this {kind.noun} ({where}) is missing",
                    )
                )
        return texts

    def read_language(self, language: str, raws: dict[str, RawEntries]) -> tuple[Any, dict[str, Any]]:
        """The labels and every wording file of one language (problems are collected, not raised)."""
        if not self.root.joinpath(TEXT_DIR, language).is_dir():
            self.problems.append(
                Problem(self.shown(TEXT_DIR, language), message=f"there is no wording folder for language `{language}`")
            )
        labels = self.read_mapping_file((TEXT_DIR, language, LABELS_FILE), wording.Labels)
        texts = {kind.name: self.read_wording(kind, raws[kind.name], language) for kind in KINDS if kind.text_model}
        return labels, texts

    def read(self) -> Content | None:
        if not self.root.is_dir():
            what = "is a file; give the content folder instead" if self.root.is_file() else "does not exist"
            self.problems.append(Problem(str(self.root), message=f"this content folder {what}"))
            return None
        settings = self.read_mapping_file((SETTINGS_FILE,), structure.Settings)
        languages = settings.all_languages if settings else ["en"]
        language = self.language_override or languages[0]
        if language not in languages:
            shipped = ", ".join(f"`{code}`" for code in languages)
            self.problems.append(
                Problem(self.shown(SETTINGS_FILE), None, "languages", f"`{language}` is not one of {shipped}")
            )
        raws = {kind.name: self.read_structure(kind) for kind in KINDS}
        letter = self.read_mapping_file((LETTER_FILE,), structure.Letter)
        self.problems.extend(letter_source_problems(letter, raws["sources"], self.shown))
        letter_cited = letter.sources if letter else ()
        self.problems.extend(cross_check(raws, settings, self.shown, also_cited=letter_cited))
        self.problems.extend(derived_problems(settings, raws["sources"], self.shown))
        self.problems.extend(decision_problems(raws, settings, self.shown))
        # every shipped language is checked, whichever one is asked for: content is valid or not as a whole
        read = {code: self.read_language(code, raws) for code in languages}
        letters = {code: self.read_mapping_file((TEXT_DIR, code, LETTER_FILE), wording.LetterText) for code in read}
        reference = languages[0]
        for code, (code_labels, code_texts) in read.items():
            lines = self.wording_lines.get(code)
            self.problems.extend(figure_problems(raws, code_texts, settings, code, self.shown, lines))
            self.problems.extend(label_figure_problems(code_labels, code, self.shown))
            self.problems.extend(letter_figure_problems(letter, letters[code], raws, code, self.shown))
            self.problems.extend(record_name_problems(raws, code_texts, code, self.shown))
            if code != reference:
                ref_labels, ref_texts = read[reference]
                self.problems.extend(
                    parity_problems(reference, code, code_texts, ref_texts, code_labels, ref_labels, self.shown, lines)
                )
                self.problems.extend(
                    letter_parity_problems(reference, code, letters[code], letters[reference], self.shown)
                )
        if language not in read:
            return None
        labels, texts = read[language]
        letter_text = letters[language]
        if self.problems or settings is None or labels is None or letter is None or letter_text is None:
            return None
        merged: dict[str, dict[str, Any]] = {"sources": dict(raws["sources"].entries)}
        for name, cls in MERGED.items():
            merged[name] = {
                entry_id: cls(**entry.model_dump(), **texts[name][entry_id].model_dump())
                for entry_id, entry in raws[name].entries.items()
            }
        merged_letter = Letter(**letter.model_dump(), **letter_text.model_dump())
        return Content(
            root=self.root, language=language, settings=settings, labels=labels, letter=merged_letter, **merged
        )


def load_content(path: str | os.PathLike[str] | None = None, language: str | None = None) -> Content:
    """Load and validate the content; raise ContentError listing every problem found."""
    reader = _Reader(data_dir(path), language)
    content = reader.read()
    if content is None:
        raise ContentError(sorted(set(reader.problems), key=reader.problems.index))
    return content


def find_problems(path: str | os.PathLike[str] | None = None, language: str | None = None) -> list[Problem]:
    """Every problem in the content folder; empty when it is valid."""
    try:
        load_content(path, language)
    except ContentError as error:
        return list(error.problems)
    return []
