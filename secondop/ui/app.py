"""The dashboard: one state object, views that read it, and one assessment per change.

Every widget is built once per language (`Dashboard._build`); a toggle reassesses and updates parts in
place. Switching the language builds the page again from that language's content and carries the state
over (what is ticked, the example patient, large text). Widgets are reachable by id for tests
(`app.circumstance_boxes["rare_cancer"]`), never by position.

A phone builds and draws every widget model before a box can be ticked, so the page starts with as few as
it can: what no one sees at start (the presenter's control row and notes, the undo bar, checklist items that
do not apply) is built the first time it is needed, in its place; text beside text that changes together
shares one HTML widget (`HtmlParts`); widgets share their layout and style models (`WidgetFactory`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from secondop.plan.assessment import Assessment, assess
from secondop.plan.export import letter_html, plan_html, plan_markdown
from secondop.plan.export.phones import link_phones
from secondop.plan.export.summary import full_plan_address, summary_html
from secondop.plan.marks import Marks
from secondop.plan.plain_text import plan_text_for_phone

from . import html_parts as hp
from .checklist import ChecklistView
from .decision_view import DecisionView, summary_link
from .factory import WidgetFactory
from .messages import MessageView, guard
from .presenter import PresenterView
from .qr import public_base
from .query import QuerySelection, parse_query, selection_query
from .results import ChartView, ReasonsView
from .selection import SelectionView
from .state import DashboardState
from .styles import style_tag
from .undo import UndoView

if TYPE_CHECKING:
    from secondop.content.collection import Content


class Dashboard:
    """The app for one person (one Voilà kernel). `root` is the widget to display.

    `load_language(code)` gives the content in another shipped language; without it there is no switch.
    """

    def __init__(
        self,
        content: Content,
        query_string: str = "",
        load_language: Callable[[str], Content] | None = None,
        *,
        files_when_shown: bool = False,
    ):
        self._load_language = load_language
        self._files_when_shown = files_when_shown
        self._contents: dict[str, Content] = {content.language: content}
        self._make = WidgetFactory()  # one factory: its shared layouts and styles serve every build
        self.root = self._make.vbox([], "secondop-app", layout=self._make.full_width)
        self._build(content)
        self.apply_query(parse_query(query_string, content))
        self._first_refresh()
        self.root.add_class("secondop-ready")

    @property
    def make(self) -> WidgetFactory:
        """The app's widget factory: a widget added to the page shares its layout and style models."""
        return self._make

    def _content_in(self, code: str) -> Content:
        if code not in self._contents:
            if self._load_language is None:
                raise KeyError(code)
            self._contents[code] = self._load_language(code)
        return self._contents[code]

    def _build(self, content: Content, attach: bool = True) -> None:
        """Every view of the page, from this content; the page's children are replaced at the end (or, with
        `attach=False`, by the caller once it has set the state, so the page never shows a half-restored view)."""
        self.content = content
        labels = content.labels
        make = self._make
        self.state = DashboardState(content.circumstances, content.concerns)
        self.message = MessageView(make)
        self.guard = guard(self.message, labels.messages.unexpected)
        self.language_buttons = self._language_switch(content, make)

        self.selection = SelectionView(content, self.state, self.guard, make)
        self.circumstance_boxes = self.selection.circumstance_boxes
        self.concern_boxes = self.selection.concern_boxes
        self.presenter = PresenterView(content, self.state, self.root, self.guard, make)
        self.scenario_picker = self.presenter.scenario_picker
        self.reset_button = self.presenter.reset_button
        self.large_text_toggle = self.presenter.large_text_toggle
        # under the picker and Clear all, where the person just clicked (built when first offered)
        self.undo = UndoView(content, self.state, self.guard, make, self._attach_undo, self.presenter.announce)
        self.present_toggle = self.presenter.present_toggle
        self.reasons = ReasonsView(content, make)
        self.chart = ChartView(content, make)
        self.checklist = ChecklistView(content, self.state, self.guard, make)
        self.checklist_boxes = self.checklist.boxes
        # Pieces of text that sit next to each other and change together share one HTML widget (`HtmlParts`):
        # each widget is one more model for a phone to build before it can tick a box.
        self._lists = make.parts({"questions": "secondop-questions", "worries": "secondop-worries"})
        self.questions, self.worries = self._lists["questions"], self._lists["worries"]
        self.blocks = make.html("", "secondop-always")
        # what to do this week (only when time is short), and what fits the person (on paper only)
        self._lead = make.parts({"first_steps": "secondop-this-week", "situation": "secondop-print-only"})
        self.first_steps, self.situation = self._lead["first_steps"], self._lead["situation"]
        # the page's foot: the downloads, where the guide's words come from, the words to know (not on a projector)
        self._foot = make.parts(
            {
                "downloads": "secondop-downloads",
                "summary": "secondop-summary-download",
                "sources": "secondop-sources",
                "glossary": "secondop-glossary",
            },
            "secondop-column",
            "secondop-present-hide",
        )
        self.downloads, self.summary_download = self._foot["downloads"], self._foot["summary"]
        self.sources, self.glossary = self._foot["sources"], self._foot["glossary"]
        # The downloads carry whole documents as data URIs (~225 KB, half of the page's first state): with
        # `files_when_shown` they go out once a page shows the foot (ipywidgets' view count), not in the
        # state a phone loads before a box works; until then the links have no target, as in the first view.
        self._files_shown = not self._files_when_shown
        if self._files_when_shown:
            self._foot.widget._view_count = 0
            self._foot.widget.observe(self.guard(self._foot_shown), names="_view_count")
        self.decision = DecisionView(content, make, self.guard)  # choices, key figure, values, SURE, about
        self.notice = make.html(hp.notice(content), "secondop-notice")

        title = make.html(  # the page's stylesheet first: in the title's widget, not one of its own
            style_tag() + f'<div data-secondop-lang="{hp.esc(content.language)}" '
            f'data-secondop-title="{hp.esc(labels.dashboard.app_title)}" '
            f'data-secondop-loading="{hp.esc(labels.dashboard.loading)}">'
            + hp.heading(1, labels.dashboard.app_title)
            + f'<p class="secondop-intro">{hp.esc(labels.dashboard.intro)}</p></div>'
        )
        # on paper, the "what fits me" list stands for the boxes
        choose = make.column(self.selection.circumstances, self.selection.concerns, classes=["secondop-no-print"])
        # presenter mode hides the plan until it is revealed, and never shows what a room does not need
        results = make.column(
            self._lead.widget,
            self.blocks,
            *self.decision.top,
            self.chart.widget,
            self.reasons.widget,
            classes=["secondop-plan-part"],
        )
        plan = make.column(
            *self.decision.tools, self.checklist.widget, self._lists.widget, classes=["secondop-plan-part"]
        )
        body = make.row_of(choose, results)
        more = make.row_of(plan, self._foot.widget)
        switch = [self.language_widget] if self.language_widget is not None else []
        self._page = [
            *switch,
            title,
            self.notice,
            self.message.widget,
            self.presenter.widget,
            body,
            more,
            self.decision.about,  # at the foot: who makes the guide, funding, updates, ...
            self.presenter.tools,  # below the plan: out of a patient's way; the undo bar joins it when first needed
        ]
        if attach:
            self.root.children = self._page

        self.assessment: Assessment | None = None
        self._downloads_for: tuple[str, Assessment, Marks] | None = None
        self.state.observe(self.guard(self._selection_changed), names=["circumstances", "concerns"])
        self.state.observe(self.guard(self._scenario_changed), names="scenario")
        self.decision.on_change(self._show_downloads)  # a mark changes what the handouts say, nothing else
        self.state.observe(self.guard(self._large_text_changed), names="large_text")
        self.state.observe(self.guard(lambda _change: self.message.clear()), names="scenario")
        self.reset_button.on_click(self.guard(lambda _button: self.message.clear()))

    def _attach_undo(self, bar: w.Widget) -> None:
        """The undo bar goes last in the presenter's tools, under the picker and Clear all (appended: the views
        already drawn stay as they are; the page's own last child, the connection note, is moved by a script)."""
        tools = self.presenter.tools
        tools.children = (*tools.children, bar)

    def _first_refresh(self) -> None:
        """Draw the plan once a new build has its selection (from the link, or kept across a language switch).

        A selection that changes the state draws it already; the plan is drawn here only when none did, so a
        page opened from a link sends each view once instead of an empty plan first.
        """
        if self.assessment is None:
            self.refresh()

    def _language_switch(self, content: Content, make: WidgetFactory) -> dict[str, w.Button]:
        """One button per shipped language, each named in its own language; none with a single language."""
        self.language_widget: w.Box | None = None
        codes = content.settings.all_languages
        if self._load_language is None or len(codes) < 2:
            return {}
        buttons: dict[str, w.Button] = {}
        for code in codes:
            name = (
                content.labels.language.name
                if code == content.language
                else self._content_in(code).labels.language.name
            )
            # the page script gives it lang="<code>"; its layout and style are the page's shared ones
            button = make.button(
                name, "secondop-language", f"secondop-lang-{code}", layout=make.plain, disabled=code == content.language
            )
            button.on_click(lambda _button, chosen=code: self.guard(self.switch_language)(chosen))
            buttons[code] = button
        label = make.html(f'<span class="secondop-language-label">{hp.esc(content.labels.language.switch)}:</span>')
        self.language_widget = make.hbox([label, *buttons.values()], "secondop-language-switch")
        return buttons

    def switch_language(self, code: str) -> None:
        """Show the page in another shipped language, keeping what is ticked and how the page looks."""
        if code == self.content.language:
            return
        content = self._content_in(code)
        old = self.state
        marks = self.decision.marks()  # the person's marks stay on the page, in the other language too
        self._build(content, attach=False)
        self.decision.set_marks(marks)
        with self.state.hold_trait_notifications():
            self.state.large_text = old.large_text
            self.state.ticked = old.ticked
        if old.scenario:
            self.state.scenario = old.scenario
        self.state.select(old.circumstances, old.concerns)
        if old.present:  # the example on stage and whether its plan is shown, as they were
            with self.state.hold_trait_notifications():
                self.state.presented = old.presented
                self.state.revealed = old.revealed
            self.state.present = True
        self._first_refresh()
        self.root.children = self._page

    # --- reacting to the state -------------------------------------------------------------------
    def _selection_changed(self, _change: dict[str, Any]) -> None:
        key = (self.state.circumstances, self.state.concerns)
        if self.assessment is not None and key == (
            tuple(c.id for c in self.assessment.circumstances),
            tuple(c.id for c in self.assessment.concerns),
        ):
            return  # both traits changed at once: the first notification already did the work
        self.refresh()

    def _large_text_changed(self, _change: dict[str, Any]) -> None:
        if self.assessment is not None:
            self.chart.update(self.assessment, self.state.large_text)

    def _scenario_changed(self, _change: dict[str, Any]) -> None:
        self._show_downloads()

    def refresh(self) -> None:
        """Assess the current selection and update every view from it."""
        self.assessment = assess(self.content, self.state.circumstances, self.state.concerns)
        if not self.blocks.value:  # the same for every plan: drawn once
            self.blocks.value = link_phones(hp.always_shown(self.content, self.assessment))
        self.reasons.update(self.assessment)
        self.decision.update(self.assessment)
        self.chart.update(self.assessment, self.state.large_text)
        self.checklist.update(self.assessment)
        self._lead.set(
            first_steps=link_phones(hp.first_steps(self.content, self.assessment)),
            situation=hp.situation(self.content, self.assessment),
        )
        self._lists.set(
            questions=hp.questions_list(self.content, self.assessment),
            worries=hp.worries(self.content, self.assessment),
        )
        self._foot.put(  # sent with the downloads, once
            sources=hp.sources_list(self.content, self.assessment), glossary=hp.glossary(self.content, self.assessment)
        )
        self._show_downloads()
        self._foot.draw()  # unchanged (nothing sent) when the downloads drew it

    def _foot_shown(self, change: dict[str, Any]) -> None:
        if self._files_shown or not change["new"]:
            return
        self._files_shown = True
        self._downloads_for = None
        self._show_downloads()

    def _show_downloads(self) -> None:
        if self.assessment is None:
            return
        language = "" if self.content.language == self.content.settings.language else self.content.language
        query = selection_query(self.state.circumstances, self.state.concerns, self.state.scenario, language)
        marks = self.decision.marks()  # only the handouts carry them: never the query, never a log
        key = (query, self.assessment, marks)
        if key == self._downloads_for:
            return
        self._downloads_for = key
        address = full_plan_address(public_base(self.content), query)
        files = (lambda html: html) if self._files_shown else hp.without_file_targets
        self._foot.set(
            summary=files(
                summary_link(self.content, summary_html(self.content, self.assessment, address), self.state.scenario)
            ),
            downloads=files(
                hp.downloads(
                    self.content,
                    plan_html(self.content, self.assessment, marks),
                    plan_markdown(self.content, self.assessment, marks),
                    query,
                    letter_html(self.content, self.assessment, self._letter_copy()),
                    plan_text=plan_text_for_phone(self.content, self.assessment, marks),
                    scenario=self.state.scenario,
                )
            ),
        )

    def _letter_copy(self) -> Content | None:
        """The content in the guide's main language: a letter in another language carries a copy in it."""
        main = self.content.settings.language
        if main == self.content.language or self._load_language is None:
            return None
        return self._content_in(main)

    def apply_query(self, selection: QuerySelection) -> None:
        """Preselect what a link asks for; name the ids it did not understand, or say it was too long to read."""
        if selection.too_long:
            self.message.show(self.content.labels.messages.link_too_long)
            return
        scenario = self.content.scenarios.get(selection.scenario)
        if scenario is not None and (set(scenario.circumstances), set(scenario.concerns)) == (
            set(selection.circumstances),
            set(selection.concerns),
        ):
            self.state.scenario = scenario.id
        elif not selection.is_empty:
            self.state.select(selection.circumstances, selection.concerns)
        if selection.present:
            self.state.present = True
        if selection.unknown:
            self.message.show(self.content.labels.messages.unknown_ids, selection.unknown)

    # --- for tests and presenters ----------------------------------------------------------------
    def shown_reason_ids(self) -> list[str]:
        return self.reasons.shown_ids()

    def shown_checklist_ids(self) -> list[str]:
        return self.checklist.shown_ids()

    def progress_counts(self) -> tuple[int, int]:
        return self.checklist.counts()


def build_dashboard(
    content: Content,
    query_string: str | None = "",
    load_language: Callable[[str], Content] | None = None,
    *,
    files_when_shown: bool = False,
) -> Dashboard:
    """Build the app for this content, preselecting what the query string asks for."""
    return Dashboard(content, query_string or "", load_language, files_when_shown=files_when_shown)
