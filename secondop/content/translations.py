"""Which translated texts are out of date: their English text changed since they were translated.

Change an English text and its Spanish twin silently stays the old one; the validator cannot tell,
because both are still valid. So, as translation tools do (gettext's "fuzzy", Weblate's "needs
editing"), each translation records which English text it was made from: a fingerprint of that text,
kept beside the translation in `data/text/<lang>/translated_from.yaml`. The file is written by
`secondop translations --mark <lang>` (after a translator has brought the texts up to date), never by
hand. A text is then:

- out of date: its English text's fingerprint is not the one recorded (the English changed since);
- untranslated: the translation lacks the text, or it is the English text word for word;
- not marked: no fingerprint is recorded for it (added since the last `--mark`);
- up to date: otherwise.

Only the YAML is read (no pydantic): this works on any folder, valid or not, and fast.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .schema import KINDS, LABELS_FILE, LETTER_FILE, SETTINGS_FILE, TEXT_DIR
from .yaml_reader import read_yaml

FINGERPRINT_FILE = "translated_from.yaml"
_HEADER = """\
# Which English text each text in this folder was translated from: per wording file, entry and
# field, a fingerprint of the English text (the first 12 hex digits of its SHA-256, spaces folded).
# `secondop translations` compares them with today's English to find translations that are out of date.
# Written by `secondop translations --mark {language}`; never edit it by hand.
"""
#: The wording files of a language: one per kind with texts, then the labels and the letter.
WORDING_FILES: tuple[str, ...] = (*(kind.file for kind in KINDS if kind.text_model), LABELS_FILE, LETTER_FILE)
LETTER_ENTRY = "letter"  # letter.yaml has no entries: its fields are listed under this name


@dataclass(frozen=True, order=True)
class TextRef:
    """One translatable text: wording file, entry id, field (a dotted path for nested labels), line."""

    file: str
    entry: str
    field: str
    line: int = 0

    @property
    def key(self) -> tuple[str, str, str]:
        return self.file, self.entry, self.field

    def __str__(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        return f"{self.file}{where}, entry `{self.entry}`, field `{self.field}`"


@dataclass
class TranslationStatus:
    """Where one language's translations stand against the reference (English) texts."""

    language: str
    reference: str
    out_of_date: list[TextRef] = field(default_factory=list)
    untranslated: list[TextRef] = field(default_factory=list)
    not_marked: list[TextRef] = field(default_factory=list)
    up_to_date: int = 0
    marked: bool = False  # a fingerprint file exists

    @property
    def total(self) -> int:
        return self.up_to_date + len(self.out_of_date) + len(self.untranslated) + len(self.not_marked)


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a text; reflowing its lines does not change it."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """(dotted field path, text) of every text in a (nested) mapping; lists such as glossary forms are skipped."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))


def texts_of(root: Path, language: str) -> dict[tuple[str, str, str], tuple[str, int]]:
    """Every text of one language: (file, entry, field) -> (text, line). Unreadable files give nothing."""
    found: dict[tuple[str, str, str], tuple[str, int]] = {}
    for file in WORDING_FILES:
        document, _ = read_yaml(root / TEXT_DIR / language / file, file)
        if document is None or not isinstance(document.data, dict):
            continue
        for key, value in document.data.items():
            line = document.lines.get(key, 0)
            if file == LETTER_FILE:
                for path, text in _strings(value, str(key)):
                    found[(file, LETTER_ENTRY, path)] = (text, line)
            else:
                for path, text in _strings(value, ""):
                    if path:
                        found[(file, str(key), path)] = (text, line)
    return found


def shipped_languages(root: Path) -> tuple[str, list[str]]:
    """(reference language, the other languages) from settings.yaml; ("en", []) if it cannot be read."""
    document, _ = read_yaml(root / SETTINGS_FILE, SETTINGS_FILE)
    data = document.data if document is not None and isinstance(document.data, dict) else {}
    reference = str(data.get("language") or "en")
    listed = data.get("languages")
    codes = [str(code) for code in listed] if isinstance(listed, list) else []
    return reference, [code for code in dict.fromkeys(codes) if code != reference]


def read_fingerprints(root: Path, language: str) -> dict[tuple[str, str, str], str] | None:
    """The recorded fingerprints of a language, or None when it has no fingerprint file (or an unreadable one)."""
    document, problems = read_yaml(root / TEXT_DIR / language / FINGERPRINT_FILE, FINGERPRINT_FILE)
    if document is None or problems or not isinstance(document.data, dict):
        return None
    recorded: dict[tuple[str, str, str], str] = {}
    for file, entries in document.data.items():
        for entry, fields in (entries or {}).items() if isinstance(entries, dict) else ():
            for path, value in _strings(fields, ""):
                recorded[(str(file), str(entry), path)] = value
    return recorded


def _same_words(a: str, b: str) -> bool:
    """The translation is the English word for word, and says something (not a name such as `HMO`)."""
    words = a.split()
    return len(words) >= 3 and words == b.split()


def translation_status(root: str | os.PathLike[str], language: str, reference: str | None = None) -> TranslationStatus:
    """Compare one language's texts with the reference language's texts and the recorded fingerprints."""
    folder = Path(root)
    reference = reference or shipped_languages(folder)[0]
    originals = texts_of(folder, reference)
    translated = texts_of(folder, language)
    recorded = read_fingerprints(folder, language)
    status = TranslationStatus(language, reference, marked=recorded is not None)
    for key, (english, english_line) in originals.items():
        text, line = translated.get(key, ("", english_line))
        ref = TextRef(*key, line)
        if key not in translated or _same_words(english, text):
            status.untranslated.append(ref)
        elif recorded is None or key not in recorded:
            status.not_marked.append(ref)
        elif recorded[key] != fingerprint(english):
            status.out_of_date.append(ref)
        else:
            status.up_to_date += 1
    return status


def all_statuses(root: str | os.PathLike[str], languages: Iterable[str] | None = None) -> list[TranslationStatus]:
    """The status of every translated language (every shipped language but the reference, unless named)."""
    folder = Path(root)
    reference, others = shipped_languages(folder)
    return [translation_status(folder, code, reference) for code in (languages or others)]


def mark(root: str | os.PathLike[str], language: str, only: Iterable[tuple[str, str]] = ()) -> int:
    """Record that `language`'s texts are translated from today's English; return how many were recorded.

    With `only` ((file, entry) pairs), just those entries are marked; the other fingerprints are kept.
    Texts that are untranslated are not marked: they were made from no English text.
    """
    folder = Path(root)
    reference = shipped_languages(folder)[0]
    if language == reference:
        raise ValueError(f"`{language}` is the language others are translated from; name a translation, e.g. es")
    if not (folder / TEXT_DIR / language).is_dir():
        raise ValueError(f"there is no wording folder {folder / TEXT_DIR / language}")
    wanted = set(only)
    originals = texts_of(folder, reference)
    translated = texts_of(folder, language)
    recorded = dict(read_fingerprints(folder, language) or {})
    if wanted:
        known = {(file, entry) for file, entry, _ in originals}
        unknown = sorted(wanted - known)
        if unknown:
            names = ", ".join(f"{file}:{entry}" for file, entry in unknown)
            raise ValueError(
                f"no such entry in the {reference} texts: {names} (write FILE:ENTRY, e.g. reasons.yaml:rare_cancer)"
            )
    count = 0
    for key, (english, _) in originals.items():
        if wanted and key[:2] not in wanted:
            continue
        if key not in translated or _same_words(english, translated[key][0]):
            recorded.pop(key, None)
            continue
        recorded[key] = fingerprint(english)
        count += 1
    recorded = {key: value for key, value in recorded.items() if key in originals}  # drop texts that are gone
    _write(folder / TEXT_DIR / language / FINGERPRINT_FILE, language, recorded)
    return count


def _write(path: Path, language: str, recorded: dict[tuple[str, str, str], str]) -> None:
    order = {file: index for index, file in enumerate(WORDING_FILES)}
    nested: dict[str, dict[str, dict[str, str]]] = {}
    for (file, entry, path_), value in sorted(recorded.items(), key=lambda item: (order.get(item[0][0], 99), item[0])):
        nested.setdefault(file, {}).setdefault(entry, {})[path_] = value
    body = yaml.safe_dump(nested, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(_HEADER.format(language=language) + body, encoding="utf-8")


def status_report(statuses: Iterable[TranslationStatus], root: Path) -> str:
    """What `secondop translations` prints: a count per language, then each text to update."""
    lines = [f"Translations in {root}:"]
    statuses = list(statuses)
    if not statuses:
        lines.append("No translations: settings.yaml lists only one language.")
    for status in statuses:
        counts = (
            f"{len(status.out_of_date)} out of date, {len(status.untranslated)} untranslated, "
            f"{len(status.not_marked)} not marked, {status.up_to_date} up to date (of {status.total} texts)"
        )
        lines += ["", f"{status.language}: {counts}"]
        if not status.marked:
            lines.append(
                f"  No {FINGERPRINT_FILE} yet: once the {status.language} texts are up to date, run "
                f"`secondop translations --mark {status.language}`."
            )
        groups = (
            ("Out of date (the English text changed since it was translated)", status.out_of_date),
            ("Untranslated (missing, or the English text word for word)", status.untranslated),
            (
                "Not marked (no record of which English text it was made from)",
                status.not_marked if status.marked else [],
            ),
        )
        for title, refs in groups:
            if refs:
                lines.append(f"  {title}:")
                lines += [f"  - {TEXT_DIR}/{status.language}/{ref}" for ref in refs]
    return "\n".join(lines) + "\n"
