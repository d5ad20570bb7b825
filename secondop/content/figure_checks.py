"""Checks that need the wording as well as the structure: traceable figures and glossary use.

- Every figure in a patient-facing text must appear in an excerpt of a source that text cites, so a
  changed or invented number is refused before any patient sees it (a figure named in
  `settings.figure_exceptions`, with its reason, is allowed).
- Labels cite no source, so they may carry no figure at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from pydantic import BaseModel

from .decision_checks import derived_by_source
from .figures_in_text import Figure, figures, figures_with_units
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
    """The figure values a source's excerpts state (no units): for checks that compare values only."""
    return {figure for excerpt in source.excerpts for figure in figures(excerpt, source.language)}


def source_figures(source: structure.Source) -> list[Figure]:
    """The figures a source's excerpts state, each with its unit."""
    return [figure for excerpt in source.excerpts for figure in figures_with_units(excerpt, source.language)]


#: Words with which a sentence carries on the source the sentence before it named ("It says", "They list").
_SAYS = (
    r"(?:says|said|lists|reports|found|finds|notes|explains|recommends|advises|writes|suggests|tells"
    r"|dice|dicen|indica|explica|recomienda|aconseja)"
)
_PRONOUN_SAYS = re.compile(
    r"^\W*(?:it|they|the (?:article|guide|site|page|review|study)|(?:el|la) (?:art[ií]culo|gu[ií]a))\b"
    rf".{{0,40}}\b{_SAYS}\b|\b(?:it|they) {_SAYS}\b",
    re.IGNORECASE,
)
#: A sentence ends at . ! or ? followed by a space and a capital (so "Cancer.Net" and "41.5" stay whole).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“¿¡(]?[A-ZÁÉÍÓÚÑ])")


@lru_cache(maxsize=512)
def _names_itself(name: str) -> re.Pattern[str]:
    """A sentence that names `name` ("NCCN says ...", "call the American Cancer Society at ...")."""
    return re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def source_names(source: structure.Source) -> list[str]:
    """How a text names a source: its publisher without the parenthesis or web suffix, a short form, an acronym."""
    head = source.publisher.split("(")[0].split(",")[0].strip().strip('"')
    names = {head, re.sub(r"\.(?:com|gov|org|net)$", "", head)}
    words = head.split()
    if len(words) >= 4:
        names.add(" ".join(words[:3]))  # "Memorial Sloan Kettering"
    names.update(re.findall(r"\(([A-Z]{2,})\)", source.publisher))  # "(NCCN)"
    return sorted((name for name in names if len(name) >= 3), key=len, reverse=True)


def attributed_sources(text: str, names: Mapping[str, list[str]]) -> list[tuple[int, int, set[str]]]:
    """Per sentence, (start, end, the cited sources the sentence names); an empty set: it names none.

    A sentence that names a source the entry cites ("The CancerConnect article says ...", "call the American
    Cancer Society at 1-800-227-2345") takes its figures from that source; "It says ..." in the next sentence
    carries it on. A sentence that names none may take its figures from any source the entry cites.
    """
    spans = []
    current: set[str] = set()
    for start, end in _sentences(text):
        sentence = text[start:end]
        named = {
            source_id
            for source_id, source_names_ in names.items()
            if any(_names_itself(name).search(sentence) for name in source_names_)
        }
        if named:
            current = named
        elif not _PRONOUN_SAYS.search(sentence):
            current = set()
        spans.append((start, end, set(current)))
    return spans


def _wording_label(kind_noun: str, entry_id: str, lines: Mapping[Any, int] | None) -> str:
    line = (lines or {}).get(entry_id)
    return f"{kind_noun} `{entry_id}`" + (f" (line {line})" if line else "")


def figure_problems(
    raws: Mapping[str, RawEntries],
    texts: Mapping[str, Mapping[str, BaseModel]],
    settings: structure.Settings | None,
    language: str,
    shown: Callable[..., str],
    lines: Mapping[str, Mapping[Any, int]] | None = None,
) -> list[Problem]:
    """Each figure that the excerpts of its sources do not state with the same unit, named by wording file,
    entry (with its line in that file), field and figure.

    A figure's sources are those the entry cites, narrowed to the one its sentence names ("Medicare's guide
    says ...", then "It says ..."): a figure cannot borrow its number from another source of the entry.
    `lines` maps each wording file name to its entries' lines.
    """
    if not raws["sources"].readable:
        return []  # the sources file itself is broken: that one problem is reported already
    sources: dict[str, Any] = raws["sources"].entries
    unknown = raws["sources"].failed  # entries with their own problem: their excerpts are not known
    allowed_figures = {id_: source_figures(source) for id_, source in sources.items()}
    # plain frequencies worked out from a source's percentages (settings.derived_figures, arithmetic checked)
    for id_, derived in derived_by_source(settings).items():
        allowed_figures.get(id_, []).extend(Figure(value) for value in derived)
    excepted = {(e.file, e.entry, e.field, e.figure) for e in (settings.figure_exceptions if settings else ())}
    names = {id_: source_names(source) for id_, source in sources.items()}
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
            versions = {s: [s, *(v.id for v in sources.values() if v.version_of == s)] for s in cited}
            cited_names = {s: names[s] for s in cited}
            for field, value in text_fields(text):
                spans = attributed_sources(value, cited_names)
                reported: set[str] = set()
                for figure in figures_with_units(value, language):
                    if (kind.file, entry_id, field, figure.value) in excepted:
                        continue
                    named = next((said for start, end, said in spans if start <= figure.start < end), set())
                    from_sources = sorted(named) if named else cited
                    allowed = [f for s in from_sources for v in versions[s] for f in allowed_figures[v]]
                    if any(figure.matches(candidate) for candidate in allowed) or str(figure) in reported:
                        continue
                    reported.add(str(figure))
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, kind.file),
                            _wording_label(kind.noun, entry_id, (lines or {}).get(kind.file)),
                            field,
                            _untraced(figure, named, cited, allowed),
                        )
                    )
    return problems


def _untraced(figure: Figure, named: set[str], cited: list[str], allowed: list[Figure]) -> str:
    """Why a figure cannot be traced, and what to do."""
    same_value = sorted({str(f) for f in allowed if f.value == figure.value})
    ids = ", ".join(f"`{s}`" for s in sorted(named) or cited)
    if not cited:
        where = "the entry cites no source with excerpts"
    elif named:
        where = f"it is in no excerpt of {ids}, the source its sentence names"
    else:
        where = f"it is in no excerpt of the sources this entry cites ({ids})"
    unit = f"; the excerpts have {', '.join(f'`{f}`' for f in same_value)}, with another unit" if same_value else ""
    return (
        f"the figure `{figure}` cannot be traced: {where}{unit}. Quote the source's words in its `excerpts`, "
        "cite the source it comes from, or correct the figure"
    )


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
    lines: Mapping[str, Mapping[Any, int]] | None = None,
) -> list[Problem]:
    """What a translation must keep: every `{placeholder}`, and every figure of the same text in `reference`,
    with its unit ("58 días" does not translate "58%").

    (That every entry and field has wording is checked when the files are read.) `lines` maps each wording
    file of `language` to its entries' lines, so a problem names the line to fix.
    """
    lines = lines or {}
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
                lacking, added = _unmatched(
                    figures_with_units(source_value, reference), figures_with_units(value, language)
                )
                if lacking or added:
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, kind.file),
                            _wording_label(kind.noun, entry_id, lines.get(kind.file)),
                            field,
                            difference("figure", added, lacking, reference) + "; a translation keeps every figure",
                        )
                    )
    if labels is not None and reference_labels is not None:
        for group in type(labels).model_fields:
            section, original_section = getattr(labels, group), getattr(reference_labels, group)
            for field, value in text_fields(section):
                want = _PLACEHOLDER.findall(getattr(original_section, field))
                have = _PLACEHOLDER.findall(value)
                if sorted(want) != sorted(have):
                    problems.append(
                        Problem(
                            shown(TEXT_DIR, language, LABELS_FILE),
                            _wording_label("label group", group, lines.get(LABELS_FILE)),
                            field,
                            difference(
                                "placeholder",
                                [f"{{{p}}}" for p in (Counter(have) - Counter(want)).elements()],
                                [f"{{{p}}}" for p in (Counter(want) - Counter(have)).elements()],
                                reference,
                            )
                            + "; keep every `{placeholder}` exactly",
                        )
                    )
    return problems


def _unmatched(want: list[Figure], have: list[Figure]) -> tuple[list[str], list[str]]:
    """The figures of `want` that `have` lacks, and those `have` adds: each figure matched once, unit-aware."""
    left = list(have)
    lacking = []
    for figure in sorted(want, key=lambda f: f.unit is None):  # figures with a unit claim their match first
        match = next((candidate for candidate in left if figure.matches(candidate)), None)
        if match is None:
            lacking.append(str(figure))
        else:
            left.remove(match)
    return lacking, [str(figure) for figure in left]


def difference(noun: str, extra: list[str], missing: list[str], reference: str) -> str:
    """What a translation adds and lacks, in words: "lacks the figure `30`, which the `en` text has"."""

    def listed(items: list[str]) -> str:
        names = ", ".join(f"`{item}`" for item in items)
        return f"the {noun}{'s' if len(items) != 1 else ''} {names}"

    parts = [f"lacks {listed(missing)}, which the `{reference}` text has"] if missing else []
    parts += [f"has {listed(extra)}, which the `{reference}` text does not"] if extra else []
    return "; ".join(parts)
