"""The decision aid in the dashboard: key points, the choices side by side, the key figure, and the person's own
tools: what matters most (a mark per statement), their leaning, and the SURE test with what to do next.

The marks live only in these widgets' values while the page is open: `marks()` hands them to the handouts the
person downloads, and nothing else reads them. They are never put in the page's address, logged or stored.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from ipywidgets.widgets.widget_description import DescriptionStyle

from secondop.plan.assessment import Assessment, sources_of
from secondop.plan.export import decision_html as dh
from secondop.plan.export.phones import link_phones
from secondop.plan.marks import LEANINGS, Marks, sure_result

from . import html_parts as hp
from .factory import WidgetFactory

if TYPE_CHECKING:
    from secondop.content.collection import Content


def _radio(
    make: WidgetFactory,
    style: DescriptionStyle,
    options: Sequence[tuple[str, object]],
    description: str,
    css_class: str,
) -> w.RadioButtons:
    """Radio buttons with nothing chosen: a real group of labelled inputs, usable by keyboard. Every group
    shares one layout and one style model (each model is one more thing the page builds before it is ready)."""
    return w.RadioButtons(
        options=options,
        value=None,
        description=description,
        layout=make.auto_width,
        style=style,
        _dom_classes=("secondop-radio", css_class),
    )


class DecisionView:
    """Built once per language. `top` goes above the reasons, `tools` above the checklist, `about` at the foot.

    `on_change(callback)` is called with no argument whenever a mark changes (the app redraws the downloads).
    """

    def __init__(
        self, content: Content, make: WidgetFactory, guard: Callable[[Callable[..., Any]], Callable[..., Any]]
    ):
        self.content = content
        labels = content.labels.decision
        self.key_points = make.html("", "secondop-key-points")
        self.choices = make.html("", "secondop-choices")  # the choices side by side, then the key figure
        #: Straight in the plan's column, no box around them (one model fewer for a phone to build).
        self.top: tuple[w.Widget, ...] = (self.key_points, self.choices)
        style = make.description_style

        levels = [(name, level) for level, name in enumerate(labels.value_levels)]
        self.value_boxes: dict[str, w.RadioButtons] = {
            value.id: _radio(make, style, levels, value.statement, "secondop-value")
            for value in content.values.values()
        }
        leanings = list(zip(labels.leaning_options, LEANINGS, strict=True))
        self.leaning = _radio(make, style, leanings, labels.leaning, "secondop-leaning")
        answers = [(labels.yes, True), (labels.no, False)]
        self.sure_boxes: dict[str, w.RadioButtons] = {
            question.id: _radio(make, style, answers, question.question, "secondop-sure-question")
            for question in content.sure_questions.values()
        }
        # the score and next steps, then the step path just above the checklist that follows its order: one HTML
        # widget (each widget is one more model for a phone to build before it can tick a box)
        self._after_sure = make.parts({"result": "secondop-sure-result", "steps": "secondop-steps"})
        self.sure_result, self.steps = self._after_sure["result"], self._after_sure["steps"]
        self._after_sure.set(
            steps="".join(dh.step_path(content, content.steps.values(), {}))
            + hp.cited(content, sources_of(content, [s for step in content.steps.values() for s in step.sources]))
        )
        values_head = make.html(hp.heading(2, labels.values) + f"<p>{hp.esc(labels.values_intro)}</p>")
        sure_head = make.html(hp.heading(2, labels.sure) + f"<p>{hp.esc(labels.sure_intro)}</p>")
        self._credit = f'<p class="secondop-cite">{hp.esc(labels.sure_credit)}</p>' + hp.cited(
            content, sources_of(content, _sure_sources(content))
        )
        #: Straight in the plan's column above the checklist, no box around them (one model fewer to build).
        self.tools: tuple[w.Widget, ...] = (
            values_head,
            *self.value_boxes.values(),
            self.leaning,
            sure_head,
            *self.sure_boxes.values(),
            self._after_sure.widget,  # the score, the next steps, the credit to the test's authors; the path
        )
        self.about = make.html(
            hp.heading(2, labels.about)
            + "<ul>"
            + "".join(f"<li>{hp.esc(t)}</li>" for t in dh.about_texts(content))
            + "</ul>",
            "secondop-about",
            "secondop-present-hide",  # a room needs the example's plan, not the guide's colophon
        )
        self._listeners: list[Callable[[], None]] = []
        for box in (*self.value_boxes.values(), self.leaning, *self.sure_boxes.values()):
            box.observe(guard(self._changed), names="value")
        self._show_sure()

    def on_change(self, callback: Callable[[], None]) -> None:
        self._listeners.append(callback)

    def marks(self) -> Marks:
        """The person's marks as they stand: what goes into the handouts, and nowhere else."""
        return Marks(
            values={key: box.value for key, box in self.value_boxes.items() if box.value is not None},
            leaning=self.leaning.value,
            sure={key: box.value for key, box in self.sure_boxes.items() if box.value is not None},
        )

    def set_marks(self, marks: Marks) -> None:
        """Put marks back (the language switch rebuilds the page and keeps them)."""
        for key, box in self.value_boxes.items():
            box.value = marks.values.get(key)
        self.leaning.value = marks.leaning
        for key, box in self.sure_boxes.items():
            box.value = marks.sure.get(key)

    def update(self, assessment: Assessment) -> None:
        """The parts that follow the plan: key points (the strongest reason changes), choices, the key figure."""
        content = self.content
        numbers: dict[str, int] = {}  # the dashboard cites by name under each part, not by number
        self.key_points.value = "".join(dh.key_points(content, assessment, numbers))
        if not self.choices.value:  # the same for every plan: drawn once
            choice_sources = sources_of(content, [s for c in assessment.choices for s in c.sources])
            parts = ["".join(dh.choices_table(content, assessment, numbers)), hp.cited(content, choice_sources)]
            figure = assessment.key_figure
            if figure is not None:
                parts += ["".join(dh.key_figure(content, assessment, numbers))]
                parts += [hp.cited(content, sources_of(content, figure.sources))]
            self.choices.value = "".join(parts)

    def _changed(self, _change: dict[str, Any]) -> None:
        self._show_sure()
        for callback in self._listeners:
            callback()

    def _show_sure(self) -> None:
        labels = self.content.labels.decision
        answers = {key: box.value for key, box in self.sure_boxes.items() if box.value is not None}
        result = sure_result(tuple(self.content.sure_questions.values()), answers)
        parts = []
        if result.answered:
            score = labels.sure_score.replace("{score}", str(result.score)).replace("{total}", str(result.total))
            parts.append(f"<p><strong>{hp.esc(score)}</strong></p>")
            if result.ready:
                parts.append(f"<p>{hp.esc(labels.sure_ready)}</p>")
        else:
            parts.append(f"<p>{hp.esc(labels.sure_unanswered)}</p>")
        if result.not_sure:
            parts.append(f"<p>{hp.esc(labels.sure_not_ready)}</p>")
            steps = "".join(f"<li>{hp.esc(q.if_no)}</li>" for q in result.next_steps)
            parts.append(link_phones(f"<ul>{steps}</ul>"))  # the help lines they name can be tapped to call
        # a live region: a screen reader hears the score and the next steps as they change
        self._after_sure.set(result=f'<div role="status" aria-live="polite">{"".join(parts)}</div>' + self._credit)


def summary_link(content: Content, summary: str, scenario: str = "") -> str:
    """The "Download a short version" link: the two-page handout, carried whole in the link (a data URI), its
    file named like the other downloads (whose example, which language)."""
    labels = content.labels.decision
    name = hp.file_stem(content, labels.summary_file_name, scenario)
    return (
        f'<p class="secondop-summary-link"><a download="{hp.esc(name)}.html" '
        f'href="{hp.data_uri(summary, "text/html")}">{hp.esc(labels.download_summary)}</a></p>'
    )


def _sure_sources(content: Content) -> list[str]:
    """The sources of the SURE test itself (those every question cites), for the credit line."""
    questions = list(content.sure_questions.values())
    shared = set(questions[0].sources).intersection(*(q.sources for q in questions[1:])) if questions else set()
    return [s for s in questions[0].sources if s in shared] if questions else []
