"""Checks of the records-request letter: its sources exist, its figures are traceable, its translations keep
them, and every checklist item marked as a record has a name for the letter (and only those).

The letter is one text (not a kind of entry), so it is checked here, with the same rules as every entry:
every figure must be in an excerpt of a source the letter cites (`data/letter.yaml`), and a translation
keeps every figure and `{placeholder}` of the default language's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from .figure_checks import difference, source_figures, text_fields
from .figures_in_text import Figure, figures, figures_with_units
from .problems import Problem
from .raw import RawEntries
from .schema import KIND_BY_NAME, LETTER_FILE, TEXT_DIR, structure, wording

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
ENTRY = "the letter"


def letter_source_problems(
    letter: structure.Letter | None, sources: RawEntries, shown: Callable[..., str]
) -> list[Problem]:
    """Each source id the letter names that is not in sources.yaml."""
    if letter is None:
        return []
    return [
        Problem(shown(LETTER_FILE), None, "sources", f"`{ref}` is not in {sources.shown_as}")
        for ref in letter.sources
        if not sources.known(ref)
    ]


def letter_figure_problems(
    letter: structure.Letter | None,
    text: wording.LetterText | None,
    raws: Mapping[str, RawEntries],
    language: str,
    shown: Callable[..., str],
) -> list[Problem]:
    """Each figure in the letter's wording that no excerpt of the letter's sources has (no exceptions: the letter
    states the law, so each of its figures must be quoted)."""
    if letter is None or text is None or not raws["sources"].readable:
        return []
    sources: dict[str, Any] = raws["sources"].entries
    if raws["sources"].failed.intersection(letter.sources):
        return []  # a cited source has its own problem: its excerpts are not known
    cited = [s for s in letter.sources if s in sources]
    cited += [v.id for v in sources.values() if v.version_of in cited and v.id not in cited]
    allowed = [figure for s in cited for figure in source_figures(sources[s])]
    problems = []
    names = ", ".join(f"`{s}`" for s in cited) or "no source"
    for field, value in text_fields(text):
        for figure in dict.fromkeys(str(f) for f in figures_with_units(value, language) if not _traced(f, allowed)):
            problems.append(
                Problem(
                    shown(TEXT_DIR, language, LETTER_FILE),
                    ENTRY,
                    field,
                    f"the figure `{figure}` is in no excerpt of the sources the letter cites ({names}, in "
                    f"{LETTER_FILE}); quote the source's words in its `excerpts`, or correct the figure",
                )
            )
    return problems


def letter_parity_problems(
    reference: str,
    language: str,
    text: BaseModel | None,
    reference_text: BaseModel | None,
    shown: Callable[..., str],
) -> list[Problem]:
    """A translation of the letter keeps every figure and every `{placeholder}` of the reference text."""
    if text is None or reference_text is None:
        return []
    problems = []
    for field, value in text_fields(text):
        original = getattr(reference_text, field)
        for what, want, have in (
            ("figures", sorted(figures(original, reference)), sorted(figures(value, language))),
            ("placeholders", sorted(_PLACEHOLDER.findall(original)), sorted(_PLACEHOLDER.findall(value))),
        ):
            if want != have:
                extra = list((Counter(have) - Counter(want)).elements())
                missing = list((Counter(want) - Counter(have)).elements())
                problems.append(
                    Problem(
                        shown(TEXT_DIR, language, LETTER_FILE),
                        ENTRY,
                        field,
                        difference(what[:-1], extra, missing, reference) + "; a translation keeps every one",
                    )
                )
    return problems


def record_name_problems(
    raws: Mapping[str, RawEntries],
    texts: Mapping[str, Mapping[str, BaseModel]],
    language: str,
    shown: Callable[..., str],
) -> list[Problem]:
    """A checklist item with `record: true` needs a `record_name` (the letter lists it); no other item has one.

    A specimen (`specimen: true`: slides, tissue blocks) is never a record: a lab keeps it and lends it to the
    reviewing pathologist on its own release form, so the right of access, and the letter, cannot ask for it.
    """
    raw = raws["checklist"]
    kind = KIND_BY_NAME["checklist"]
    problems = [
        Problem(
            raw.shown_as,
            raw.name(entry.id),
            "record",
            "is true, but the item is a specimen (`specimen: true`): a lab keeps slides and tissue blocks and "
            "sends them on its own release form, not as copies under the right of access; set `record: false`",
        )
        for entry in raw.entries.values()
        if entry.record and entry.specimen
    ]
    for entry_id, text in texts.get("checklist", {}).items():
        entry = raw.entries.get(entry_id)
        if entry is None:
            continue
        named = getattr(text, "record_name", None) is not None
        if entry.record and not named:
            message = (
                f"is missing: {raw.shown_as} marks this item `record: true`, so the records-request letter "
                "needs its name"
            )
        elif named and not entry.record:
            message = f"is given, but {raw.shown_as} does not mark this item `record: true`; remove it, or mark it"
        else:
            continue
        problems.append(
            Problem(shown(TEXT_DIR, language, kind.file), f"{kind.noun} `{entry_id}`", "record_name", message)
        )
    return problems


def _traced(figure: Figure, allowed: list[Figure]) -> bool:
    """The figure, with its unit, is in an excerpt (see `Figure.matches`)."""
    return any(figure.matches(candidate) for candidate in allowed)
