"""Checks that need the wording as well as the structure: traceable figures and glossary use.

- Every figure in a patient-facing text must appear in an excerpt of a source that text cites, so a
  changed or invented number is refused before any patient sees it (a figure named in
  `settings.figure_exceptions`, with its reason, is allowed).
- Labels cite no source, so they may carry no figure at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from .decision_checks import derived_by_source
from .figures_in_text import figures
from .problems import Problem
from .raw import RawEntries
from .schema import KINDS, LABELS_FILE, TEXT_DIR, structure, wording

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def text_fields(model: BaseModel) -> Iterator[tuple[str, str]]:
    """The (field, text) pairs of a wording model: its plain-text fields, not lists such as glossary forms."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, str):
            yield name, value


def excerpt_figures(source: structure.Source) -> set[str]:
    return {figure for excerpt in source.excerpts for figure in figures(excerpt, source.language)}


def figure_problems(
    raws: Mapping[str, RawEntries],
    texts: Mapping[str, Mapping[str, BaseModel]],
    settings: structure.Settings | None,
    language: str,
    shown: Callable[..., str],
) -> list[Problem]:
    """Each figure that none of the cited sources' excerpts has, named by file, entry, field and figure."""
    if not raws["sources"].readable:
        return []  # the sources file itself is broken: that one problem is reported already
    sources: dict[str, Any] = raws["sources"].entries
    unknown = raws["sources"].failed  # entries with their own problem: their excerpts are not known
    allowed_figures = {id_: excerpt_figures(source) for id_, source in sources.items()}
    # plain frequencies worked out from a source's percentages (settings.derived_figures, arithmetic checked)
    for id_, derived in derived_by_source(settings).items():
        allowed_figures.get(id_, set()).update(derived)
    excepted = {(e.file, e.entry, e.field, e.figure) for e in (settings.figure_exceptions if settings else ())}
    problems = []
    for kind in KINDS:
        if kind.text_model is None:
            continue
        raw = raws[kind.name]
        for entry_id, text in texts.get(kind.name, {}).items():
            entry = raw.entries.get(entry_id)
            if entry is None:
                continue
            if unknown.intersection(getattr(entry, "sources", [])):
                continue
            cited = [s for s in getattr(entry, "sources", []) if s in allowed_figures]
            # a version of a cited source in another language says the same, in its own words
            cited += [v.id for v in sources.values() if v.version_of in cited and v.id not in cited]
            allowed = set().union(*(allowed_figures[s] for s in cited)) if cited else set()
            for field, value in text_fields(text):
                for figure in dict.fromkeys(figures(value, language)):
                    if figure in allowed or (kind.file, entry_id, field, figure) in excepted:
                        continue
                    names = ", ".join(f"`{s}`" for s in cited) or "none"
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, kind.file),
                            raw.name(entry_id),
                            field,
                            f"the figure `{figure}` is in no excerpt of the sources this entry cites ({names}); "
                            "quote the source's words in its `excerpts`, or correct the figure",
                        )
                    )
    return problems


def label_figure_problems(labels: wording.Labels | None, language: str, shown: Callable[..., str]) -> list[Problem]:
    """Labels cite no source, so a figure in one could never be traced."""
    if labels is None:
        return []
    problems = []
    for group in type(labels).model_fields:
        section = getattr(labels, group)
        for field, value in text_fields(section):
            for figure in dict.fromkeys(figures(value, language)):
                problems.append(
                    Problem(
                        shown(TEXT_DIR, language, LABELS_FILE),
                        f"`{group}`",
                        field,
                        f"the figure `{figure}` cannot be traced: labels cite no source, so put it in a sourced text",
                    )
                )
    return problems


def parity_problems(
    reference: str,
    language: str,
    texts: Mapping[str, Mapping[str, BaseModel]],
    reference_texts: Mapping[str, Mapping[str, BaseModel]],
    labels: wording.Labels | None,
    reference_labels: wording.Labels | None,
    shown: Callable[..., str],
) -> list[Problem]:
    """What a translation must keep: every `{placeholder}`, and every figure of the same text in `reference`.

    (That every entry and field has wording is checked when the files are read.)
    """
    problems = []
    for kind in KINDS:
        for entry_id, text in texts.get(kind.name, {}).items():
            original = reference_texts.get(kind.name, {}).get(entry_id)
            if original is None:
                continue
            for field, value in text_fields(text):
                source_value = getattr(original, field)
                if not isinstance(source_value, str):
                    continue  # an optional text the reference lacks (e.g. `record_name`): reported on its own
                want = sorted(figures(source_value, reference))
                have = sorted(figures(value, language))
                if want != have:
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, kind.file),
                            f"{kind.noun} `{entry_id}`",
                            field,
                            f"has the figures {have or 'none'} but the `{reference}` text has {want or 'none'}; "
                            "a translation keeps every figure",
                        )
                    )
    if labels is not None and reference_labels is not None:
        for group in type(labels).model_fields:
            section, original_section = getattr(labels, group), getattr(reference_labels, group)
            for field, value in text_fields(section):
                want = sorted(_PLACEHOLDER.findall(getattr(original_section, field)))
                have = sorted(_PLACEHOLDER.findall(value))
                if want != have:
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, LABELS_FILE),
                            f"`{group}`",
                            field,
                            f"has the placeholders {have or 'none'} but the `{reference}` label has {want or 'none'}; "
                            "keep every `{placeholder}` exactly",
                        )
                    )
    return problems
