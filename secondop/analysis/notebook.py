"""Thin helpers for the analyst's content explorer notebook, so its cells stay one line each.

The notebook is an edge: when the content does not load, every cell prints one plain sentence
instead of a traceback, and the validation report at the top says what to fix.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

import pandas as pd

from secondop.content.collection import Content
from secondop.content.loading import find_problems, load_content
from secondop.content.problems import ContentError, UnknownIdError, count_of
from secondop.paths import data_dir
from secondop.plan.assessment import assess

from . import tables as views
from .findings import find_findings, findings_frame
from .readability import grade_frame, languages_frame

T = TypeVar("T")

NOT_LOADED = "Skipped: the content has problems (see the validation report at the top). Fix them, then run all cells."


#: JupyterLab draws a chart from plotly's own output type; an HTML export (`jupyter nbconvert --execute --to
#: html`, run headless) has no JupyterLab, so each chart also carries HTML, with plotly.js written into the
#: page once (not fetched from a CDN: the export opens offline too).
RENDERERS = "plotly_mimetype+notebook"
#: More rows than any content table has, so a table is never cut to its first and last five rows.
MAX_ROWS = 5000


def setup() -> None:
    """Offline-friendly display settings: charts that survive an HTML export, every table row, readable cells."""
    import plotly.io as pio

    pio.renderers.default = RENDERERS
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", MAX_ROWS)
    pd.set_option("display.min_rows", MAX_ROWS)


def validation_report(path: str | os.PathLike[str] | None = None) -> Content | None:
    """Print every problem (the same check as `secondop validate`), and return the content when it is valid."""
    folder = data_dir(path)
    problems = find_problems(folder)
    if problems:
        for problem in problems:
            print(f"- {problem}")
        count = len(problems)
        print(f"{count_of(count, 'problem')} found in {folder.name}/.")
        return None
    try:
        content = load_content(folder)
    except ContentError as error:  # the files changed between the two reads
        print(error)
        return None
    print(f"Content is valid: no problems found in {folder.name}/.")
    return content


def when_valid(content: Content | None, build: Callable[..., T], *args: Any) -> T | None:
    """`build(content, *args)`, or a one-line note when the content did not load."""
    if content is None:
        print(NOT_LOADED)
        return None
    return build(content, *args)


def findings_table(content: Content | None, today: dt.date) -> pd.DataFrame | None:
    """The findings as a table, after a one-line count per kind."""
    if content is None:
        print(NOT_LOADED)
        return None
    findings = find_findings(content, today)
    frame = findings_frame(findings)
    if frame.empty:
        print(f"No findings on {today.isoformat()}.")
    else:
        counts = frame["kind"].value_counts(sort=False)
        noun = "finding" if len(frame) == 1 else "findings"
        print(f"{len(frame)} {noun} on {today.isoformat()}: " + ", ".join(f"{n} {k}" for k, n in counts.items()))
    return frame


def hardest_texts(content: Content, count: int = 20) -> pd.DataFrame:
    """The `count` texts with the highest reading grade, hardest first."""
    return grade_frame(content).sort_values("grade", ascending=False, kind="stable").head(count)


def what_if(
    content: Content | None, circumstances: Iterable[str], concerns: Iterable[str] = ()
) -> dict[str, pd.DataFrame] | None:
    """The plan for a hand-picked selection, as tables: reasons, checklist, questions, answered worries."""
    if content is None:
        print(NOT_LOADED)
        return None
    try:
        plan = assess(content, circumstances, concerns)
    except UnknownIdError as error:
        print(f"Not in the content: {', '.join(error.unknown)}. Known {error.kind} ids: {', '.join(error.known)}")
        return None
    answers = pd.DataFrame(
        [{"id": c.id, "worry": c.label, "answer": c.answer} for c in plan.answers], columns=["id", "worry", "answer"]
    )
    return {
        "reasons": views.plan_reasons_frame(plan),
        "checklist": views.plan_checklist_frame(plan),
        "questions": views.plan_questions_frame(plan),
        "worries": answers,
    }


def show(tables: dict[str, pd.DataFrame] | None) -> None:
    """Display named tables one after the other, each under its name and row count."""
    from IPython.display import Markdown, display

    for name, table in (tables or {}).items():
        display(Markdown(f"**{name}** ({len(table)})"), table)


def reading_by_language(content: Content) -> pd.DataFrame:
    """Every text's reading measure in every shipped language, side by side (English grade, Spanish ease)."""
    contents = [
        content if code == content.language else load_content(content.root, code)
        for code in content.settings.all_languages
    ]
    return languages_frame(contents)


def plan_changes(
    path: str | os.PathLike[str] | None = None, compare_with: str | os.PathLike[str] | None = None
) -> pd.DataFrame | None:
    """What changed for which example: `secondop diff` as a table, one row per group of plans that change alike.

    `compare_with` is the content folder before the change; None compares with the content as last
    committed in git (HEAD), so the table shows what the uncommitted edits do.
    """
    from .plan_diff import GitError, InvalidFolderError, content_at, diff_folders

    folder = data_dir(path)
    try:
        if compare_with is None:
            with content_at("HEAD", folder) as old:
                diff = diff_folders(old, folder, old_name=f"HEAD:{folder.name}")
        else:
            diff = diff_folders(data_dir(compare_with), folder)
    except InvalidFolderError as error:
        print(f"{error.folder} is not valid content, so its plans cannot be built:")
        for problem in error.problems:
            print(f"- {problem}")
        return None
    except GitError as error:
        print(f"Cannot read the committed content ({error}); set COMPARE_WITH to a content folder instead.")
        return None
    summary = "no plan changes" if not diff.changes else f"{diff.changed_plans} of {diff.compared} plans change"
    print(f"{diff.new} compared with {diff.old}: {summary}.")
    rows = [
        {
            "language": change.language,
            "plans": ", ".join(view.label for view in change.views),
            "entries": ", ".join(change.entries),
            "removed": "\n".join(line.text for line in change.removed),
            "added": "\n".join(line.text for line in change.added),
        }
        for change in diff.changes
    ]
    return pd.DataFrame(rows, columns=["language", "plans", "entries", "removed", "added"])


def translations_table(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every translated text that needs work (out of date, untranslated, not marked), after a count per language."""
    from secondop.content.translations import TextRef, all_statuses

    rows = []
    for status in all_statuses(data_dir(path)):
        print(
            f"{status.language}: {len(status.out_of_date)} out of date, {len(status.untranslated)} untranslated, "
            f"{len(status.not_marked)} not marked, {status.up_to_date} up to date (of {status.total} texts)"
        )
        groups: tuple[tuple[str, list[TextRef]], ...] = (
            ("out of date", status.out_of_date),
            ("untranslated", status.untranslated),
        )
        groups += (("not marked", status.not_marked),) if status.marked else ()
        for state, refs in groups:
            rows += [
                {
                    "language": status.language,
                    "status": state,
                    "file": r.file,
                    "line": r.line,
                    "entry": r.entry,
                    "field": r.field,
                }
                for r in refs
            ]
    return pd.DataFrame(rows, columns=["language", "status", "file", "line", "entry", "field"])
