"""The decision aid in a handout page: key points, the choices side by side, the person's marks, the SURE test,
the step path, the pictures (the reasons chart and the key figure as inline SVG) and "About this guide".

Shared by the full plan (`html.py`) and the short version (`summary.py`). Every content string is escaped;
the SVGs carry a `<title>`, `role="img"` and an `aria-labelledby`, and a text alternative sits beside them.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from html import escape
from typing import TYPE_CHECKING

from secondop.plan.assessment import Assessment, sources_of
from secondop.plan.chart import chart_bars, chart_summary
from secondop.plan.marks import LEANINGS, Marks, sure_result

if TYPE_CHECKING:
    from secondop.content.collection import Content
    from secondop.content.model import KeyFigure, Source, Step


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def refs(sources: tuple[Source, ...], numbers: dict[str, int]) -> str:
    """`[n]` links to the plan's reference list, one per cited source that the list holds."""
    return " ".join(f'<a href="#source-{_e(s.id)}">[{numbers[s.id]}]</a>' for s in sources if s.id in numbers)


def cite(content: Content, entry: object, numbers: dict[str, int]) -> str:
    """The markers of an entry's own sources (in the plan's language), with a leading space; empty if none."""
    markers = refs(sources_of(content, getattr(entry, "sources", ())), numbers)
    return f' <span class="cites">{markers}</span>' if markers else ""


def section(key: str, heading: str, body: list[str]) -> list[str]:
    return [f'<section aria-labelledby="h-{key}">', f'<h2 id="h-{key}">{_e(heading)}</h2>', *body, "</section>"]


def wait_summary(text: str) -> str:
    """The key point of "when not to wait": the block's first two sentences and its last (the emergency and what
    to do in one, and "ask how long it is safe to wait"); the whole block follows a little further down."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return " ".join(sentences) if len(sentences) <= 3 else f"{sentences[0]} {sentences[1]} … {sentences[-1]}"


def key_step(assessment: Assessment) -> tuple[object | None, str]:
    """The first thing to do: the first of "what to do this week" when time is short, else the step after
    deciding on the step path. Returns the entry (for its sources) and its text."""
    urgent = getattr(assessment, "first_steps", ())
    if urgent:
        return urgent[0], f"{urgent[0].text}."  # its "how" is in "what to do this week", shown in full above
    step = assessment.path_step
    return (step, f"{step.title}. {step.text}") if step is not None else (None, "")


def key_points(content: Content, assessment: Assessment, numbers: dict[str, int], with_wait: bool = True) -> list[str]:
    """The purpose, then three or four key points: the decision, the strongest reason, the first step, when not
    to wait."""
    labels = content.labels.decision
    items = [f"<li>{_e(labels.key_decision)}</li>"]
    safety = assessment.safety if with_wait else None  # the short version gives the whole block instead
    if safety is not None:
        marker = cite(content, safety, numbers)
        wait = wait_summary(safety.text)
        items.append(f'<li><span class="term">{_e(labels.key_wait)}:</span> {_e(wait)}{marker}</li>')
    strongest = assessment.strongest
    if strongest is not None:
        marker = cite(content, strongest.reason, numbers)
        items.append(
            f'<li><span class="term">{_e(labels.key_reason)}:</span> {_e(strongest.reason.title)}{marker}</li>'
        )
    step, text = key_step(assessment)
    if step is not None:
        items.append(
            f'<li><span class="term">{_e(labels.key_step)}:</span> {_e(text)}{cite(content, step, numbers)}</li>'
        )
    return [
        f'<p class="purpose">{_e(labels.purpose)}</p>',
        '<section class="key-points" aria-labelledby="h-key">',
        f'<h2 id="h-key">{_e(labels.key_points)}</h2>',
        '<ul class="key-list">',
        *items,
        "</ul>",
        "</section>",
    ]


def choices_table(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    """The choices side by side: a real table (headers for screen readers) that stacks into cards on a phone."""
    labels = content.labels.decision
    rows = []
    for choice in assessment.choices:
        rows += [
            f'<tr id="choice-{_e(choice.id)}">',
            f'<th scope="row" data-label="{_e(labels.choice)}"><span class="choice-name">{_e(choice.name)}</span>'
            f'<span class="what">{_e(choice.what_happens)}</span>{cite(content, choice, numbers)}</th>',
            f'<td data-label="{_e(labels.good)}">{_e(choice.good)}</td>',
            f'<td data-label="{_e(labels.hard)}">{_e(choice.hard)}</td>',
            "</tr>",
        ]
    table = [
        f"<p>{_e(labels.choices_intro)}</p>",
        '<table class="choices">',
        f'<caption class="visually-hidden">{_e(labels.choices)}</caption>',
        "<thead><tr>",
        f'<th scope="col">{_e(labels.choice)}</th><th scope="col">{_e(labels.good)}</th>'
        f'<th scope="col">{_e(labels.hard)}</th>',
        "</tr></thead>",
        "<tbody>",
        *rows,
        "</tbody>",
        "</table>",
    ]
    return section("choices", labels.choices, table)


def values_part(content: Content, assessment: Assessment, marks: Marks, numbers: dict[str, int]) -> list[str]:
    """The values exercise on paper: each statement with the person's mark (or boxes to tick by hand)."""
    labels = content.labels.decision
    head = "".join(f'<th scope="col">{_e(level)}</th>' for level in labels.value_levels)
    rows = []
    for value in assessment.values:
        chosen = marks.values.get(value.id)
        cells = "".join(
            f'<td class="{"marked" if chosen == level else "box"}">'
            + ("✔" if chosen == level else "☐" if chosen is None else "")
            + "</td>"
            for level in range(len(labels.value_levels))
        )
        statement = f"{_e(value.statement)}{cite(content, value, numbers)}"
        rows.append(f'<tr id="value-{_e(value.id)}"><th scope="row">{statement}</th>{cells}</tr>')
    leaning = [
        f'<li class="{"marked" if chosen else "box"}">{"✔" if chosen else "☐"} {_e(text)}</li>'
        for chosen, text in zip((marks.leaning == key for key in LEANINGS), labels.leaning_options, strict=True)
    ]
    body = [
        f"<p>{_e(labels.values_intro)}</p>",
        f'<table class="values"><caption class="visually-hidden">{_e(labels.values)}</caption>',
        f"<thead><tr><td></td>{head}</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
        f'<h3 id="h-leaning">{_e(labels.leaning)}</h3>',
        '<ul class="leaning" aria-labelledby="h-leaning">',
        *leaning,
        "</ul>",
    ]
    if not marks.is_empty:
        body.append(f'<p class="marks-note">{_e(labels.marks_note)}</p>')
    return section("values", labels.values, body)


def sure_part(content: Content, assessment: Assessment, marks: Marks, numbers: dict[str, int]) -> list[str]:
    """The SURE test: the four questions with the person's answers, the score and, under 4, what to do next."""
    labels = content.labels.decision
    result = sure_result(assessment.sure_questions, marks.sure)
    items = []
    for question in assessment.sure_questions:
        answer = marks.sure.get(question.id)
        shown = labels.yes if answer is True else labels.no if answer is False else f"☐ {labels.yes}  ☐ {labels.no}"
        items.append(
            f'<li id="sure-{_e(question.id)}">{_e(question.question)}{cite(content, question, numbers)} '
            f'<span class="answer">{_e(shown)}</span></li>'
        )
    body = [f"<p>{_e(labels.sure_intro)}</p>", '<ol class="sure">', *items, "</ol>"]
    if result.answered:
        score = labels.sure_score.replace("{score}", str(result.score)).replace("{total}", str(result.total))
        body.append(f'<p class="sure-score"><strong>{_e(score)}</strong></p>')
        if result.ready:
            body.append(f"<p>{_e(labels.sure_ready)}</p>")
    elif marks.sure:
        body.append(f"<p>{_e(labels.sure_unanswered)}</p>")
    if result.not_sure:
        body.append(f"<p>{_e(labels.sure_not_ready)}</p>")
        body += ['<ul class="next-steps">', *(f"<li>{_e(q.if_no)}</li>" for q in result.next_steps), "</ul>"]
    body.append(f'<p class="credit">{_e(labels.sure_credit)}</p>')
    return section("sure", labels.sure, body)


def step_path(content: Content, path: Iterable[Step], numbers: dict[str, int]) -> list[str]:
    """The titled step path, decide -> compare, as a numbered list drawn as a path, with how to use it (the same
    in every plan: the handouts pass `assessment.steps`, the dashboard the content's steps)."""
    labels = content.labels.decision
    steps = [
        f'<li id="path-{_e(step.id)}"><span class="step-title">{_e(step.title)}</span> '
        f"{_e(step.text)}{cite(content, step, numbers)}</li>"
        for step in path
    ]
    return section(
        "steps",
        labels.steps,
        [
            f'<p class="how-to-use"><span class="term">{_e(labels.how_to_use)}:</span> {_e(labels.steps_use)}</p>',
            '<ol class="path">',
            *steps,
            "</ol>",
        ],
    )


#: Size of the reasons chart, in SVG user units (it scales to the page's width).
#: Narrow on purpose: on a 320 px phone the drawing shrinks to about 0.7 of this, and its text must stay legible.
_CHART_WIDTH, _LINE, _SMALL_LINE, _BAR_HEIGHT, _ROW_GAP = 400, 20, 18, 18, 16
#: Characters per line of a reason's title and of its "because you ticked" line (SVG text does not wrap).
_TITLE_CHARS, _BECAUSE_CHARS = 40, 46


def _svg_lines(text: str, width: int, top: float, step: int, size: int, colour: str) -> tuple[list[str], float]:
    """`text` wrapped into SVG text lines from `top`; returns the elements and the height used."""
    lines = textwrap.wrap(text, width) or [text]
    elements = [
        f'<text x="0" y="{top + step * (n + 1) - 4}" font-size="{size}" fill="{colour}">{_e(line)}</text>'
        for n, line in enumerate(lines)
    ]
    return elements, step * len(lines)


def reasons_svg(content: Content, assessment: Assessment) -> str:
    """The reasons chart as inline SVG: a bar per reason as long as its strength, in its theme's colour, each
    with its title, its strength in words (colour is never the only signal) and the boxes that made it apply.
    Valid XML, with a title and a description that say the same as the text alternative beside it."""
    labels = content.labels.dashboard
    bars = chart_bars(content, assessment)
    because = {r.id: ", ".join(c.label for c in r.because) for r in assessment.reasons}
    body: list[str] = []
    top = 0.0
    for bar in bars:
        title, used = _svg_lines(bar.title, _TITLE_CHARS, top, _LINE, 16, "#1a1a1a")
        body += title
        top += used
        if because.get(bar.reason_id):
            note, used = _svg_lines(
                f"{labels.because}: {because[bar.reason_id]}", _BECAUSE_CHARS, top, _SMALL_LINE, 14, "#333333"
            )
            body += note
            top += used
        width = round((_CHART_WIDTH - 150) * bar.strength / 3)
        body += [
            f'<rect x="0" y="{top + 3}" width="{width}" height="{_BAR_HEIGHT}" fill="{_e(bar.colour)}"/>',
            f'<text x="{width + 8}" y="{top + 17}" font-size="15" fill="#1a1a1a">{_e(bar.strength_name)}</text>',
        ]
        top += _BAR_HEIGHT + _ROW_GAP
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="reasons-chart" viewBox="0 0 {_CHART_WIDTH} '
            f'{round(max(top, _LINE))}" role="img" aria-labelledby="chart-title chart-desc" width="100%">',
            f'<title id="chart-title">{_e(labels.chart_title)}</title>',
            f'<desc id="chart-desc">{_e(chart_summary(content, assessment))}</desc>',
            *body,
            "</svg>",
        ]
    )


def reasons_figure(content: Content, assessment: Assessment) -> list[str]:
    """The chart with its caption, its text alternative and how to use it."""
    labels = content.labels
    if not assessment.reasons:
        return [f"<p>{_e(labels.dashboard.chart_empty)}</p>"]
    return [
        '<figure class="chart">',
        reasons_svg(content, assessment),
        f"<figcaption><strong>{_e(labels.dashboard.chart_title)}.</strong> "
        f"{_e(chart_summary(content, assessment))}</figcaption>",
        "</figure>",
        f'<p class="how-to-use"><span class="term">{_e(labels.decision.how_to_use)}:</span> '
        f"{_e(labels.decision.chart_use)}</p>",
    ]


#: Icon fills: the low end (dark), the rest of the range (light, with a dark outline), the others (white).
_ICON_STYLES = (("#0a3d75", "#0a3d75"), ("#a9c4e4", "#0a3d75"), ("#ffffff", "#6b6b6b"))


def _person(x: int, y: int, fill: str, stroke: str) -> str:
    return (
        f'<g transform="translate({x} {y})"><circle cx="20" cy="10" r="8" fill="{fill}" stroke="{stroke}" '
        f'stroke-width="2"/><path d="M6 54 V30 Q6 20 20 20 Q34 20 34 30 V54 Z" fill="{fill}" stroke="{stroke}" '
        'stroke-width="2"/></g>'
    )


def icon_array_svg(figure: KeyFigure, label: str) -> str:
    """`out_of` person icons in rows of ten: the first `low` dark, up to `high` light, the rest white."""
    icons = []
    for index in range(figure.out_of):
        style = 0 if index < figure.low else 1 if index < figure.high else 2
        icons.append(_person((index % 10) * 44, (index // 10) * 60, *_ICON_STYLES[style]))
    rows = (figure.out_of + 9) // 10
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="icon-array" viewBox="0 0 440 {rows * 60}" role="img" '
        f'aria-labelledby="figure-title-{_e(figure.id)}" width="100%">'
        f'<title id="figure-title-{_e(figure.id)}">{_e(label)}</title>' + "".join(icons) + "</svg>"
    )


def key_figure(content: Content, assessment: Assessment, numbers: dict[str, int]) -> list[str]:
    """The key figure: its text (percentages and plain frequencies side by side) and its icon array."""
    figure = assessment.key_figure
    if figure is None:
        return []
    labels = content.labels.decision
    legend = [
        f'<li><span class="swatch swatch-{n}" aria-hidden="true"></span>{_e(text)}</li>'
        for n, text in enumerate((labels.figure_marked, labels.figure_maybe, labels.figure_rest))
    ]
    return [
        f'<figure class="key-figure" id="figure-{_e(figure.id)}">',
        f"<figcaption><strong>{_e(figure.title)}</strong></figcaption>",
        icon_array_svg(figure, f"{figure.title}. {figure.text}"),
        f"<p>{_e(figure.text)}{cite(content, figure, numbers)}</p>",
        '<ul class="legend">',
        *legend,
        "</ul>",
        "</figure>",
        f'<p class="how-to-use"><span class="term">{_e(labels.how_to_use)}:</span> {_e(labels.figure_use)}</p>',
    ]


def about_texts(content: Content) -> tuple[str, ...]:
    """ "About this guide", line by line: who makes it, funding, conflicts, sources, reading level, updates,
    testing (IPDAS asks a decision aid to say all of them)."""
    labels = content.labels.decision
    settings = content.settings
    return (
        labels.about_who,
        labels.about_funding,
        labels.about_conflicts,
        labels.about_sources,
        labels.about_reading.replace("{grade}", f"{settings.reading_grade_target:g}"),
        labels.about_updates.replace("{days}", str(settings.source_max_age_days)),
        labels.about_testing,
    )


def about(content: Content) -> list[str]:
    items = [f"<li>{_e(text)}</li>" for text in about_texts(content)]
    return section("about", content.labels.decision.about, ['<ul class="about">', *items, "</ul>"])
