"""What a content change does to the plans people see: `secondop diff OLD NEW`.

A reviewer signing off a content change (a clinician, an advocate) wants the plans before and after,
not a YAML diff. So both folders are loaded, and the same plans are built from each: every example
patient, each circumstance and each worry ticked alone, and the plan with nothing ticked, in every
language. Each plan is a list of lines, one per text it shows, each tagged with the entry it comes
from; the lines added and removed say what a person would see change, the tags say which entries to
review. Plans that change in the same way are reported together, so one edit to a block every plan
shows is one group naming every plan, not fifty copies.

No pandas here: `secondop diff` must answer in a few seconds.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from secondop.content.collection import Content
from secondop.content.loading import load_content
from secondop.content.problems import ContentError, Problem, count_of
from secondop.content.schema import KIND_BY_NAME, LABELS_FILE, SETTINGS_FILE
from secondop.plan.assessment import Assessment, assess


@dataclass(frozen=True)
class PlanLine:
    """One text a plan shows, with the entry it comes from (`reasons.yaml` `rare_cancer`)."""

    entry: str
    text: str


@dataclass(frozen=True)
class View:
    """A plan to compare: what is ticked, and how a reviewer names it."""

    key: str  # "example:maria", "circumstance:rare_cancer", "concern:cost", "nothing"
    label: str  # "example `maria`"


@dataclass(frozen=True)
class PlanChange:
    """How the plans of some views, in one language, change: the same lines removed and added."""

    language: str
    views: tuple[View, ...]
    removed: tuple[PlanLine, ...]
    added: tuple[PlanLine, ...]

    @property
    def entries(self) -> tuple[str, ...]:
        """The entries whose text changed in these plans, in the order they first appear."""
        return tuple(dict.fromkeys(line.entry for line in (*self.removed, *self.added)))


@dataclass
class PlanDiff:
    """Every plan compared between two content folders, and the groups of those that changed."""

    old: str
    new: str
    languages: tuple[str, ...]
    compared: int  # plans compared (views x languages)
    changes: list[PlanChange] = field(default_factory=list)

    @property
    def changed_plans(self) -> int:
        return sum(len(change.views) for change in self.changes)

    def changed_in(self, language: str) -> int:
        return sum(len(change.views) for change in self.changes if change.language == language)


class InvalidFolderError(Exception):
    """A folder given to `diff` is not valid content; carries which folder and its problems."""

    def __init__(self, folder: str, problems: Iterable[Problem]):
        self.folder = folder
        self.problems = tuple(problems)
        super().__init__(f"{folder} is not valid content ({count_of(len(self.problems), 'problem')})")


def _ref(file: str, entry_id: str) -> str:
    return f"{file} `{entry_id}`"


#: Parts of a plan shown as every text of their entries, in this order: (Assessment attribute, kind name).
#: What to do this week opens the plan; the decision aid (the same in every plan) follows the questions.
OPENING_PARTS = (("first_steps", "first_steps"),)
DECISION_PARTS = (
    ("key_figure", "key_figures"),
    ("choices", "choices"),
    ("values", "values"),
    ("sure_questions", "sure_questions"),
    ("steps", "steps"),
)


def _entry_texts(assessment: Assessment, parts: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    """Every text of the entries in these parts of the plan, each tagged with its entry (new kinds included)."""
    lines = []
    for attribute, kind_name in parts:
        kind = KIND_BY_NAME.get(kind_name)
        found = getattr(assessment, attribute, None)
        entries = found if isinstance(found, tuple) else (found,) if found is not None else ()
        if kind is None or kind.text_model is None:
            continue
        for entry in entries:
            ref = _ref(kind.file, entry.id)
            lines += [(ref, v) for name in kind.text_model.model_fields if isinstance(v := getattr(entry, name), str)]
    return lines


def plan_lines(content: Content, assessment: Assessment, view: View) -> list[PlanLine]:
    """The texts a person sees in this plan, in display order, one line each (whitespace folded)."""
    plan = content.labels.plan
    labels = _ref(LABELS_FILE, "plan")
    lines: list[tuple[str, str]] = [(labels, plan.title), (labels, plan.notice)]
    if view.key.startswith("example:"):
        scenario = content.scenarios[view.key.split(":", 1)[1]]
        ref = _ref("scenarios.yaml", scenario.id)
        lines += [(ref, f"Example: {scenario.name}"), (ref, f"Story: {scenario.story}")]
    lines.append((labels, f"## {plan.your_situation}"))
    lines += [(_ref("circumstances.yaml", c.id), f"- {c.label}") for c in assessment.circumstances]
    lines += [(_ref("concerns.yaml", c.id), f"- {c.label}") for c in assessment.concerns]
    if not assessment.circumstances and not assessment.concerns:
        lines.append((labels, plan.nothing_ticked))
    lines += _entry_texts(assessment, OPENING_PARTS)
    lines.append((labels, f"## {plan.always_shown}"))
    for block in assessment.blocks:
        ref = _ref("always_shown.yaml", block.id)
        lines += [(ref, f"### {block.title}"), (ref, block.text)]
    lines.append((labels, f"## {plan.reasons}"))
    for number, applied in enumerate(assessment.reasons, start=1):
        ref, expert = _ref("reasons.yaml", applied.id), _ref("experts.yaml", applied.expert.id)
        lines += [(ref, f"{number}. {applied.reason.title}"), (ref, applied.reason.why)]
        lines += [(expert, f"{plan.expert}: {applied.expert.who}"), (expert, applied.expert.how)]
        lines += [(_ref("sources.yaml", s.id), f"{plan.where_to_look}: {s.title}") for s in applied.expert_links]
        lines.append((ref, f"{plan.source_label}: " + "; ".join(s.title for s in applied.sources)))
    lines.append((labels, f"## {plan.checklist}"))
    for group in assessment.checklist_groups:
        lines.append((_ref("review_points.yaml", group.review_point.id), f"### {group.review_point.title}"))
        for item in group.items:
            ref = _ref("checklist.yaml", item.id)
            lines += [(ref, f"[ ] {item.text}"), (ref, f"{plan.how_to_get}: {item.how_to_get}")]
    if assessment.questions:
        lines.append((labels, f"## {plan.questions}"))
        lines += [(_ref("questions.yaml", q.id), f"- {q.text}") for q in assessment.questions]
    lines += _entry_texts(assessment, DECISION_PARTS)
    decision = getattr(content.labels, "decision", None)  # the decision aid's headings and notes, in every plan
    if decision is not None:
        ref = _ref(LABELS_FILE, "decision")
        lines += [(ref, v) for name in type(decision).model_fields if isinstance(v := getattr(decision, name), str)]
    if assessment.concerns:
        lines.append((labels, f"## {plan.worries}"))
        for concern in assessment.concerns:
            ref = _ref("concerns.yaml", concern.id)
            lines += [(ref, f"### {concern.label}"), (ref, concern.answer)]
    lines.append((labels, f"## {plan.sources}"))
    lines += [(_ref("sources.yaml", s.id), f"- {s.title} — {s.publisher}") for s in assessment.sources]
    lines.append((_ref(SETTINGS_FILE, "content_reviewed"), f"{plan.reviewed}: {assessment.reviewed.isoformat()}"))
    if assessment.glossary:
        lines.append((labels, f"## {plan.glossary}"))
        lines += [(_ref("glossary.yaml", t.id), f"{t.term}: {t.definition}") for t in assessment.glossary]
    return [PlanLine(entry, " ".join(text.split())) for entry, text in lines]


def views_of(content: Content) -> list[View]:
    """The plans a reviewer looks at: nothing ticked, each example, each circumstance and worry alone."""
    views = [View("nothing", "nothing ticked")]
    views += [View(f"example:{s}", f"example `{s}`") for s in content.scenarios]
    views += [View(f"circumstance:{c}", f"circumstance `{c}` alone") for c in content.circumstances]
    views += [View(f"concern:{c}", f"worry `{c}` alone") for c in content.concerns]
    return views


def _selection(content: Content, view: View) -> tuple[set[str], set[str]]:
    kind, _, item = view.key.partition(":")
    if kind == "example":
        scenario = content.scenarios[item]
        return set(scenario.circumstances), set(scenario.concerns)
    if kind == "circumstance":
        return {item}, set()
    if kind == "concern":
        return set(), {item}
    return set(), set()


def _has_view(content: Content, view: View) -> bool:
    kind, _, item = view.key.partition(":")
    known: dict[str, Iterable[str]] = {
        "example": content.scenarios,
        "circumstance": content.circumstances,
        "concern": content.concerns,
    }
    return kind not in known or item in set(known[kind])


def plans_of(content: Content | None, views: Iterable[View]) -> dict[str, list[PlanLine]]:
    """Each view's plan lines; a view this content lacks (e.g. a new example) has an empty plan."""
    plans: dict[str, list[PlanLine]] = {}
    for view in views:
        if content is None or not _has_view(content, view):
            plans[view.key] = []
            continue
        circumstances, concerns = _selection(content, view)
        plans[view.key] = plan_lines(content, assess(content, circumstances, concerns), view)
    return plans


def _load_all(folder: Path, shown_as: str) -> dict[str, Content]:
    """The content in each of its languages; InvalidFolderError with the validator's problems if it is not valid."""
    try:
        first = load_content(folder)
        loaded = {first.language: first}
        for language in first.settings.all_languages[1:]:
            loaded[language] = load_content(folder, language)
    except ContentError as error:  # (a later language too: the files may change while they are read)
        raise InvalidFolderError(shown_as, error.problems) from None
    return loaded


def _changed_lines(old: list[PlanLine], new: list[PlanLine]) -> tuple[tuple[PlanLine, ...], tuple[PlanLine, ...]]:
    """Lines removed and added, from a line diff (so a moved line shows as removed and added)."""
    removed: list[PlanLine] = []
    added: list[PlanLine] = []
    matcher = difflib.SequenceMatcher(a=[line.text for line in old], b=[line.text for line in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed += old[i1:i2]
        if tag in ("replace", "insert"):
            added += new[j1:j2]
    return tuple(removed), tuple(added)


def diff_folders(old: str | os.PathLike[str], new: str | os.PathLike[str], *, old_name: str | None = None) -> PlanDiff:
    """Compare every plan built from `old` with the same plan built from `new`.

    Raises InvalidFolderError (naming the folder) when either is not valid content.
    """
    old_path, new_path = Path(old), Path(new)
    old_content = _load_all(old_path, old_name or str(old_path))
    new_content = _load_all(new_path, str(new_path))
    languages = tuple(dict.fromkeys([*new_content, *old_content]))
    result = PlanDiff(old=old_name or str(old_path), new=str(new_path), languages=languages, compared=0)
    for language in languages:
        before, after = old_content.get(language), new_content.get(language)
        views = list({v.key: v for c in (before, after) if c is not None for v in views_of(c)}.values())
        old_plans, new_plans = plans_of(before, views), plans_of(after, views)
        result.compared += len(views)
        groups: dict[tuple[tuple[PlanLine, ...], tuple[PlanLine, ...]], list[View]] = {}
        for view in views:
            removed, added = _changed_lines(old_plans[view.key], new_plans[view.key])
            if removed or added:
                groups.setdefault((removed, added), []).append(view)
        for (removed, added), group_views in groups.items():
            result.changes.append(PlanChange(language, tuple(group_views), removed, added))
    return result


class GitError(Exception):
    """The content could not be taken from git (not a checkout, an unknown revision); the message says which."""


def _git(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, check=False, timeout=60)
    except FileNotFoundError:
        raise GitError("--against needs git, and git is not installed") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git could not do it ({message[-1] if message else 'no message'})")
    return done.stdout


@contextlib.contextmanager
def content_at(revision: str, folder: Path) -> Iterator[Path]:
    """The content folder `folder` as it is at a git revision, in a temporary folder removed afterwards."""
    if not folder.is_dir():
        raise GitError(f"{folder} is not a folder")
    top = Path(_git(folder, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    relative = folder.resolve().relative_to(top).as_posix()
    archive = _git(top, "archive", "--format=tar", revision, "--", relative)
    with tempfile.TemporaryDirectory(prefix="secondop-diff-") as temporary:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            if hasattr(tarfile, "data_filter"):
                tar.extractall(temporary, filter="data")
            else:  # Python < 3.12 without the backported filter: git's own archive of its own tree
                tar.extractall(temporary)
        yield Path(temporary) / relative


# ---- rendering -------------------------------------------------------------------------------------------


def _plans_change(count: int) -> str:
    return f"{count_of(count, 'plan')} change{'s' if count == 1 else ''}"


def _views_text(views: tuple[View, ...]) -> str:
    return ", ".join(view.label for view in views)


def _summary(diff: PlanDiff) -> str:
    if not diff.changes:
        return f"No plan changes: {diff.compared} plans compared ({', '.join(diff.languages)})."
    per_language = ", ".join(f"{lang}: {diff.changed_in(lang)}" for lang in diff.languages)
    return f"{diff.changed_plans} of {diff.compared} plans change ({per_language})."


def diff_text(diff: PlanDiff) -> str:
    """The comparison as plain text for a terminal."""
    lines = [f"Plans built from {diff.old} compared with {diff.new}.", _summary(diff)]
    for number, change in enumerate(diff.changes, start=1):
        lines += ["", f"[{number}] {change.language}: {_plans_change(len(change.views))} the same way"]
        lines.append(f"    plans: {_views_text(change.views)}")
        lines.append(f"    entries changed: {', '.join(change.entries)}")
        lines += [f"  - {line.text}    ({line.entry})" for line in change.removed]
        lines += [f"  + {line.text}    ({line.entry})" for line in change.added]
        lines += [f"  ~ {a.entry}: {word_changes(a.text, b.text)}" for a, b in _pairs(change)]
    return "\n".join(lines) + "\n"


def _md_code(text: str) -> str:
    """A line inside a fenced block: a fence in the text would end the block early."""
    return text.replace("```", "'''")


def _md_words(old: str, new: str) -> str:
    return "words changed: " + word_changes(old, new).replace("`", "'")


def word_changes(old: str, new: str) -> str:
    """The words that differ between two versions of a line, e.g. `fine. -> OK.` (a long text's edit, found)."""
    before, after = old.split(), new.split()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        edits.append(f"{' '.join(before[i1:i2]) or '(nothing)'} -> {' '.join(after[j1:j2]) or '(nothing)'}")
    return "; ".join(edits)


def _pairs(change: PlanChange) -> list[tuple[PlanLine, PlanLine]]:
    """Removed and added lines that are two versions of one text (same entry, in the same order)."""
    if len(change.removed) != len(change.added):
        return []
    return [(a, b) for a, b in zip(change.removed, change.added, strict=True) if a.entry == b.entry]


#: GitHub refuses a comment longer than 65,536 characters: the Markdown stops before that, and says so.
MARKDOWN_LIMIT = 60_000


def diff_markdown(diff: PlanDiff, limit: int = MARKDOWN_LIMIT) -> str:
    """The comparison as Markdown, for a pull-request comment (cut, with a note, past `limit` characters)."""
    head = ["## What this change does to people's plans", "", _summary(diff)]
    blocks: list[str] = []
    for language in diff.languages:
        changes = [change for change in diff.changes if change.language == language]
        if not changes:
            continue
        heading = f"\n### `{language}`: {_plans_change(diff.changed_in(language))}\n"
        for index, change in enumerate(changes):
            lines = [heading] if index == 0 else []
            lines.append(f"- **Plans:** {_views_text(change.views)}")
            lines.append(f"  **Entries changed:** {', '.join(change.entries)}")
            lines += ["", "```diff"]
            lines += [f"- {_md_code(line.text)}" for line in change.removed]
            lines += [f"+ {_md_code(line.text)}" for line in change.added]
            lines += ["```", ""]
            lines += [f"  - {a.entry}: {_md_words(a.text, b.text)}" for a, b in _pairs(change)]
            lines += [""] if _pairs(change) else []
            blocks.append("\n".join(lines))
    text = "\n".join(head)
    for shown, block in enumerate(blocks):
        if len(text) + len(block) > limit:
            left = len(blocks) - shown
            text += (
                f"\n\n*… and {count_of(left, 'more group')} of changed plans, left out to fit a comment: run "
                "`secondop diff` to see them all.*"
            )
            break
        text += "\n" + block
    return text.rstrip("\n") + "\n"
