"""Checks across files: references, triggers, orphans and scenario outcomes."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from .problems import Problem
from .raw import RawEntries
from .rules import applies, outranking_everyone
from .schema import KIND_BY_NAME, SETTINGS_FILE, structure

#: Blocks every plan shows, whatever is ticked (design: safety first, then balance and scope).
REQUIRED_BLOCKS = ("safety", "downsides", "opinions_differ", "scope")


class _Checker:
    def __init__(self, raws: dict[str, RawEntries], shown: Callable[..., str]):
        self.raws = raws
        self.shown = shown
        self.problems: list[Problem] = []

    def refs(self, owner: str, entry_id: str, field: str, ids: Iterable[str], *targets: str) -> None:
        """Report each id in `ids` that is not an entry of any of the `targets` kinds."""
        raw = self.raws[owner]
        for ref in ids:
            if not any(self.raws[target].known(ref) for target in targets):
                files = " or ".join(self.raws[target].shown_as for target in targets)
                self.problems.append(Problem(raw.shown_as, raw.name(entry_id), field, f"`{ref}` is not in {files}"))

    def needs_trigger(self, owner: str, entry: Any, field: str) -> None:
        raw = self.raws[owner]
        triggers = getattr(entry, field)
        if entry.always and triggers:
            message = f"has `always: true`, so `{field}` must be empty"
        elif not entry.always and not triggers:
            message = f"is empty, so this {raw.kind.noun} would never be shown (or set `always: true`)"
        else:
            return
        self.problems.append(Problem(raw.shown_as, raw.name(entry.id), field, message))

    def orphans(self, kind_name: str, used: set[str]) -> None:
        raw = self.raws[kind_name]
        for entry_id in raw.entries:
            if entry_id not in used:
                self.problems.append(
                    Problem(raw.shown_as, raw.name(entry_id), None, f"nothing refers to this {raw.kind.noun}")
                )

    def entries(self, kind_name: str) -> Iterable[Any]:
        return self.raws[kind_name].entries.values()


def triggered_reasons(reasons: Iterable[structure.Reason], circumstances: set[str]) -> list[str]:
    """Ids of the reasons the circumstances make apply, in file order."""
    return [r.id for r in reasons if applies(r, circumstances)]


def cross_check(
    raws: dict[str, RawEntries],
    settings: structure.Settings | None,
    shown: Callable[..., str],
    also_cited: Iterable[str] = (),
) -> list[Problem]:
    """Every cross-file problem; `also_cited` are source ids cited outside the kinds (the records letter)."""
    check = _Checker(raws, shown)
    cited: set[str] = set(also_cited)
    for name, raw in raws.items():
        if name == "sources":
            continue
        for entry in raw.entries.values():
            check.refs(name, entry.id, "sources", entry.sources, "sources")
            cited.update(entry.sources)

    cited.update(e.summarised_in for e in check.entries("sources") if e.summarised_in)
    # a version in another language is used wherever the source it translates is cited
    cited.update(e.id for e in check.entries("sources") if e.version_of in cited)
    for entry in check.entries("sources"):
        if entry.version_of is not None:
            check.refs("sources", entry.id, "version_of", [entry.version_of], "sources")
    _check_summaries(check)
    _check_blocks(check)
    for entry in check.entries("circumstances"):
        check.refs("circumstances", entry.id, "glossary", entry.glossary, "glossary")
    for entry in check.entries("first_steps"):
        check.refs("first_steps", entry.id, "shown_when", entry.shown_when, "circumstances", "concerns")
    for entry in check.entries("experts"):
        check.refs("experts", entry.id, "links", entry.links, "sources")
        cited.update(entry.links)
        for link in entry.links:
            source = raws["sources"].entries.get(link)
            if source is not None and source.url is None:
                check.problems.append(
                    Problem(
                        raws["experts"].shown_as,
                        raws["experts"].name(entry.id),
                        "links",
                        f"source `{link}` has no `url`, so it cannot be a link",
                    )
                )
    for entry in check.entries("reasons"):
        check.refs("reasons", entry.id, "triggered_by", entry.triggered_by, "circumstances")
        check.refs("reasons", entry.id, "theme", [entry.theme], "themes")
        check.refs("reasons", entry.id, "expert", [entry.expert], "experts")
        check.needs_trigger("reasons", entry, "triggered_by")
    reasons = raws["reasons"]
    if reasons.entries and not reasons.failed and not any(r.always for r in check.entries("reasons")):
        check.problems.append(
            Problem(reasons.shown_as, None, None, "no reason has `always: true`: every plan needs one for everyone")
        )
    for entry in outranking_everyone(check.entries("reasons")):
        check.problems.append(
            Problem(
                reasons.shown_as,
                reasons.name(entry.id),
                "strength",
                f"is {entry.strength}, but a reason for everyone must have the lowest strength of all reasons: "
                "it applies whatever is ticked, so it may not outrank a situation the person ticked",
            )
        )
    for entry in check.entries("checklist"):
        check.refs("checklist", entry.id, "group", [entry.group], "review_points")
        check.refs("checklist", entry.id, "added_by", entry.added_by, "circumstances", "concerns")
        check.needs_trigger("checklist", entry, "added_by")
    for entry in check.entries("questions"):
        check.refs("questions", entry.id, "asked_when", entry.asked_when, "circumstances", "concerns")
        check.needs_trigger("questions", entry, "asked_when")
    for entry in check.entries("scenarios"):
        check.refs("scenarios", entry.id, "circumstances", entry.circumstances, "circumstances")
        check.refs("scenarios", entry.id, "concerns", entry.concerns, "concerns")
        check.refs("scenarios", entry.id, "expected_reasons", entry.expected_reasons, "reasons")
        produced = triggered_reasons(check.entries("reasons"), set(entry.circumstances))
        if set(entry.expected_reasons) <= set(raws["reasons"].entries) and set(produced) != set(entry.expected_reasons):
            check.problems.append(
                Problem(
                    raws["scenarios"].shown_as,
                    raws["scenarios"].name(entry.id),
                    "expected_reasons",
                    f"lists {sorted(entry.expected_reasons)} but its circumstances produce {sorted(produced)}",
                )
            )

    # An entry that broke its model may be the one that refers to something: judge orphans once all entries load.
    if all(raw.readable and not raw.failed for raw in raws.values()):
        check.orphans("sources", cited)
        check.orphans("themes", {r.theme for r in check.entries("reasons")})
        check.orphans("experts", {r.expert for r in check.entries("reasons")})
        check.orphans("review_points", {i.group for i in check.entries("checklist")})
    if settings is not None:
        check.problems.extend(_check_exceptions(raws, settings, shown))
    return check.problems


def _check_summaries(check: _Checker) -> None:
    """`summarised_in` names a source whose own text was read: a chain of summaries proves nothing."""
    raw = check.raws["sources"]
    for entry in check.entries("sources"):
        target_id = entry.summarised_in
        if target_id is None:
            continue
        target = raw.entries.get(target_id)
        if target is None and not raw.known(target_id):
            message = f"`{target_id}` is not in {raw.shown_as}"
        elif target is not None and target.checked is None:
            message = f"`{target_id}` was not read itself (it has no `checked` date), so it cannot vouch for this one"
        elif target_id == entry.id:
            message = "a source cannot be summarised in itself"
        else:
            continue
        check.problems.append(Problem(raw.shown_as, raw.name(entry.id), "summarised_in", message))


def _check_blocks(check: _Checker) -> None:
    raw = check.raws["always_shown"]
    if not raw.readable:
        return
    for block_id in REQUIRED_BLOCKS:
        if not raw.known(block_id):
            check.problems.append(
                Problem(raw.shown_as, None, None, f"the block `{block_id}` is missing: every plan must show it")
            )


def _check_exceptions(
    raws: dict[str, RawEntries], settings: structure.Settings, shown: Callable[..., str]
) -> list[Problem]:
    problems = []
    by_file = {kind.file: kind for kind in KIND_BY_NAME.values() if kind.text_model}
    listed = [("reading exception", e) for e in settings.reading_exceptions]
    listed += [("figure exception", e) for e in settings.figure_exceptions]  # type: ignore[misc]
    counters: dict[str, int] = {}
    for label, exception in listed:
        counters[label] = counters.get(label, 0) + 1
        where = f"{label} {counters[label]} (`{exception.entry}`)"
        kind = by_file.get(exception.file)
        if kind is None:
            problems.append(Problem(shown(SETTINGS_FILE), where, "file", f"`{exception.file}` is not a wording file"))
        elif exception.entry not in raws[kind.name].entries:
            problems.append(
                Problem(shown(SETTINGS_FILE), where, "entry", f"there is no {kind.noun} `{exception.entry}`")
            )
        elif exception.field not in kind.text_model.model_fields:  # type: ignore[union-attr]
            problems.append(
                Problem(shown(SETTINGS_FILE), where, "field", f"{kind.noun}s have no text field `{exception.field}`")
            )
    return problems
