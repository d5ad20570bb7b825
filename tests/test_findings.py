"""Findings: each kind is triggered by an edit to a private copy of data/, and goes away when the edit is undone."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from secondop import Content, find_problems, load_content
from secondop.analysis.findings import (
    KINDS,
    MIN_CITATIONS,
    Finding,
    citation_counts,
    find_findings,
    findings_frame,
)

TODAY = dt.date(2026, 11, 25)
HARD_TEXT = (
    "Multidisciplinary consultations facilitate comprehensive evaluation of histopathological characteristics, "
    "immunohistochemical biomarkers, radiological staging investigations and institutional therapeutic protocols. "
    "Consequently, interdisciplinary deliberation substantially ameliorates diagnostic classification accuracy."
)


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def keys(findings: list[Finding], kind: str) -> set[tuple[str, str | None]]:
    return {(f.entry, f.field) for f in findings if f.kind == kind}


def loaded(folder: Path) -> Content:
    assert find_problems(folder) == [], "the edited copy must stay valid: findings are about valid content"
    return load_content(folder)


def add_circumstance(folder: Path, circumstance_id: str) -> None:
    """A new circumstance that nothing reacts to (yet)."""
    structure = read(folder / "circumstances.yaml")
    structure.append({"id": circumstance_id, "group": "diagnosis", "sources": ["seed_article"]})
    write(folder / "circumstances.yaml", structure)
    wording = read(folder / "text/en/circumstances.yaml")
    wording[circumstance_id] = {"label": "I have a new kind of worry", "explanation": "Tick this if it fits you."}
    write(folder / "text/en/circumstances.yaml", wording)


def add_checklist_item(folder: Path, item_id: str, added_by: list[str]) -> None:
    structure = read(folder / "checklist.yaml")
    group = structure[0]["group"]
    structure.append({"id": item_id, "group": group, "added_by": added_by, "sources": ["seed_article"]})
    write(folder / "checklist.yaml", structure)
    wording = read(folder / "text/en/checklist.yaml")
    wording[item_id] = {"text": "Bring a note", "how_to_get": "Write it down at home."}
    write(folder / "text/en/checklist.yaml", wording)


@pytest.fixture
def baseline(content: Content) -> list[Finding]:
    return find_findings(content, TODAY)


# --- reading grade ---------------------------------------------------------------------------------


def test_hard_text_is_a_reading_finding_unless_excepted(data_copy: Path, baseline: list[Finding]):
    wording = read(data_copy / "text/en/reasons.yaml")
    reason_id = next(iter(wording))
    wording[reason_id]["why"] = HARD_TEXT
    write(data_copy / "text/en/reasons.yaml", wording)
    findings = find_findings(loaded(data_copy), TODAY)

    new = [f for f in findings if f.kind == "reading_grade" and (f.entry, f.field) == (reason_id, "why")]
    assert len(new) == 1
    assert new[0].file == "data/text/en/reasons.yaml"
    assert "above the target of 8" in new[0].message
    assert keys(findings, "reading_grade") - keys(baseline, "reading_grade") == {(reason_id, "why")}

    settings = read(data_copy / "settings.yaml")
    settings["reading_exceptions"] = [
        {"file": "reasons.yaml", "entry": reason_id, "field": "why", "reason": "a test of exceptions"}
    ]
    write(data_copy / "settings.yaml", settings)
    excepted = find_findings(loaded(data_copy), TODAY)
    assert (reason_id, "why") not in keys(excepted, "reading_grade")


# --- circumstances and checklist -------------------------------------------------------------------


def test_circumstance_that_triggers_nothing(data_copy: Path, baseline: list[Finding]):
    assert not keys(baseline, "circumstance_triggers_nothing")
    add_circumstance(data_copy, "idle_case")
    findings = find_findings(loaded(data_copy), TODAY)
    assert keys(findings, "circumstance_triggers_nothing") == {("idle_case", None)}
    [finding] = [f for f in findings if f.kind == "circumstance_triggers_nothing"]
    assert finding.file == "data/circumstances.yaml"


@pytest.mark.parametrize("trigger", ["reasons", "questions"])
def test_a_reason_or_question_makes_a_circumstance_count(data_copy: Path, trigger: str):
    add_circumstance(data_copy, "idle_case")
    field = {"reasons": "triggered_by", "questions": "asked_when"}[trigger]
    entries = read(data_copy / f"{trigger}.yaml")
    entry = next(e for e in entries if not e.get("always"))
    entry[field].append("idle_case")
    write(data_copy / f"{trigger}.yaml", entries)
    assert not keys(find_findings(loaded(data_copy), TODAY), "circumstance_triggers_nothing")


def test_checklist_item_that_no_scenario_shows(data_copy: Path, baseline: list[Finding]):
    assert not keys(baseline, "checklist_in_no_scenario")
    add_circumstance(data_copy, "idle_case")
    add_checklist_item(data_copy, "idle_note", ["idle_case"])
    findings = find_findings(loaded(data_copy), TODAY)
    assert keys(findings, "checklist_in_no_scenario") == {("idle_note", "added_by")}
    # The item makes the circumstance count: it now adds something.
    assert not keys(findings, "circumstance_triggers_nothing")

    scenarios = read(data_copy / "scenarios.yaml")
    scenarios[0]["circumstances"].append("idle_case")
    write(data_copy / "scenarios.yaml", scenarios)
    assert not keys(find_findings(loaded(data_copy), TODAY), "checklist_in_no_scenario")


def test_checklist_item_that_nothing_adds(content: Content, data_copy: Path):
    """The validator refuses it in files, so the finding is a safety net for content built in code."""
    item = next(i for i in content.checklist.values() if not i.always)
    checklist = read(data_copy / "checklist.yaml")
    next(e for e in checklist if e["id"] == item.id)["added_by"] = []
    write(data_copy / "checklist.yaml", checklist)
    assert any(p.entry and item.id in p.entry and p.field == "added_by" for p in find_problems(data_copy))

    broken = dict(content.checklist, **{item.id: item.model_copy(update={"added_by": []})})
    findings = find_findings(dataclasses.replace(content, checklist=broken), TODAY)
    assert keys(findings, "checklist_never_added") == {(item.id, "added_by")}
    assert item.id not in {f.entry for f in findings if f.kind == "checklist_in_no_scenario"}


# --- sources ---------------------------------------------------------------------------------------


def test_source_cited_once_is_thinly_cited(data_copy: Path, baseline: list[Finding]):
    sources = read(data_copy / "sources.yaml")
    sources.append(
        {
            "id": "extra_source",
            "title": "Extra",
            "publisher": "Someone",
            "checked": TODAY,
            "url": "https://x.org",
            "excerpts": ["Some words."],
        }
    )
    write(data_copy / "sources.yaml", sources)
    circumstances = read(data_copy / "circumstances.yaml")
    circumstances[0]["sources"].append("extra_source")
    write(data_copy / "circumstances.yaml", circumstances)

    content = loaded(data_copy)
    assert citation_counts(content)["extra_source"] == 1
    findings = find_findings(content, TODAY)
    assert keys(findings, "thinly_cited_source") - keys(baseline, "thinly_cited_source") == {("extra_source", None)}
    assert "backs 1 entry" in next(f.message for f in findings if f.entry == "extra_source")
    assert not keys(find_findings(content, TODAY, min_citations=1), "thinly_cited_source")

    circumstances[1]["sources"].append("extra_source")
    write(data_copy / "circumstances.yaml", circumstances)
    assert ("extra_source", None) not in keys(find_findings(loaded(data_copy), TODAY), "thinly_cited_source")


def test_citation_counts_cover_every_source(content: Content):
    counts = citation_counts(content)
    assert set(counts) == set(content.sources)
    assert all(count >= 1 for count in counts.values())  # the validator refuses sources nobody cites
    thin = {f.entry for f in find_findings(content, TODAY) if f.kind == "thinly_cited_source"}
    assert thin == {s for s, n in counts.items() if n < MIN_CITATIONS}


def test_source_past_its_review_age(data_copy: Path):
    content = loaded(data_copy)
    limit = content.settings.source_max_age_days
    source = next(iter(content.sources.values()))
    assert source.checked is not None
    on_the_limit = source.checked + dt.timedelta(days=limit)
    assert source.id not in {f.entry for f in find_findings(content, on_the_limit) if f.kind == "stale_source"}
    stale = [f for f in find_findings(content, on_the_limit + dt.timedelta(days=1)) if f.kind == "stale_source"]
    assert source.id in {f.entry for f in stale}
    assert all(f.field == "checked" and f.file == "data/sources.yaml" for f in stale)


def test_review_age_comes_from_settings(data_copy: Path):
    sources = read(data_copy / "sources.yaml")
    for source in sources:
        if "checked" in source:
            source["checked"] = TODAY
    write(data_copy / "sources.yaml", sources)
    assert not keys(find_findings(loaded(data_copy), TODAY), "stale_source")
    sources[0]["checked"] = TODAY - dt.timedelta(days=40)
    write(data_copy / "sources.yaml", sources)
    assert not keys(find_findings(loaded(data_copy), TODAY), "stale_source")

    settings = read(data_copy / "settings.yaml")
    settings["source_max_age_days"] = 30
    write(data_copy / "settings.yaml", settings)
    stale = [f for f in find_findings(loaded(data_copy), TODAY) if f.kind == "stale_source"]
    assert {f.entry for f in stale} == {sources[0]["id"]}
    assert "40 days" in stale[0].message and "limit 30 days" in stale[0].message


# --- the whole list and its table ------------------------------------------------------------------


def test_findings_are_grouped_by_kind_and_tabled(data_copy: Path):
    add_circumstance(data_copy, "idle_case")
    content = loaded(data_copy)
    findings = find_findings(content, TODAY + dt.timedelta(days=10 * 365))
    kinds = [f.kind for f in findings]
    assert {"circumstance_triggers_nothing", "stale_source"} <= set(kinds)
    assert kinds == sorted(kinds, key=list(KINDS).index)

    frame = findings_frame(findings)
    assert list(frame.columns) == ["kind", "file", "entry", "field", "message", "action"]
    assert len(frame) == len(findings)
    assert (frame["action"] == frame["kind"].map(KINDS)).all()
    assert findings_frame([]).empty


def test_finding_reads_like_a_problem():
    finding = Finding("stale_source", "data/sources.yaml", "acs", "checked", "old")
    assert str(finding) == "data/sources.yaml, `acs`, field `checked`: old"


def test_unread_sources_are_findings(content: Content):
    unread = {f.entry for f in find_findings(content, TODAY) if f.kind == "unread_source"}
    assert unread == {s.id for s in content.sources.values() if s.checked is None}
    assert unread  # the real content has a few (a rule and a study known from their summaries)


def test_glossary_term_nobody_sees(data_copy: Path, baseline: list[Finding]):
    path = data_copy / "glossary.yaml"
    write(path, [*read(path), {"id": "orphan_term", "sources": ["seed_article"]}])
    text = data_copy / "text" / "en" / "glossary.yaml"
    wording = read(text)
    wording["orphan_term"] = {"term": "Zebrafish", "definition": "Unused."}
    write(text, wording)
    findings = find_findings(loaded(data_copy), TODAY)
    new = keys(findings, "glossary_term_unused") - keys(baseline, "glossary_term_unused")
    assert new == {("orphan_term", None)}
    wording["orphan_term"]["forms"] = ["second opinions"]  # now a text uses it
    write(text, wording)
    assert ("orphan_term", None) not in keys(find_findings(loaded(data_copy), TODAY), "glossary_term_unused")


# --- reading levels and out-of-date translations as `secondop validate` warnings (#24.16, #23) ---------

HARD = (
    "Multidisciplinary consultations facilitate comprehensive evaluation of therapeutic alternatives. "
    "Institutional variability substantially influences recommendations regarding operability."
)


def _synthetic(tmp_path: Path, spanish: bool = False) -> Path:
    from synthetic import add_translation, write_content

    root = write_content(tmp_path / "data")
    return add_translation(root) if spanish else root


def _set(root: Path, language: str, file: str, entry: str, field: str, text: str) -> None:
    path = root / "text" / language / file
    texts = yaml.safe_load(path.read_text("utf-8"))
    texts[entry][field] = text
    path.write_text(yaml.safe_dump(texts, sort_keys=False, allow_unicode=True), "utf-8")


def test_a_hard_english_text_is_a_warning_with_its_grade(tmp_path: Path, capsys) -> None:
    from secondop import cli
    from secondop.analysis.content_warnings import content_warnings

    root = _synthetic(tmp_path)
    assert content_warnings(root) == []
    _set(root, "en", "reasons.yaml", "strong", "why", HARD)
    warnings = [str(w) for w in content_warnings(root)]
    assert len(warnings) == 2, warnings
    grade, smog = warnings
    assert grade.startswith("data/text/en/reasons.yaml line ") and "entry `strong`, field `why`" in grade
    found = re.search(r"reading grade ([\d.]+) is above the target 8", grade)
    assert found and float(found.group(1)) > 8
    found = re.search(r"SMOG grade ([\d.]+) is above 9", smog)
    assert found and float(found.group(1)) > 9
    assert cli.main(["validate", str(root)]) == 0, "a warning, not a problem"
    out = capsys.readouterr().out
    assert "2 warnings (the content can be used" in out and "reading grade" in out


def test_a_reading_exception_silences_the_warning(tmp_path: Path) -> None:
    from secondop.analysis.content_warnings import content_warnings

    root = _synthetic(tmp_path)
    _set(root, "en", "reasons.yaml", "strong", "why", HARD)
    settings = yaml.safe_load((root / "settings.yaml").read_text("utf-8"))
    settings["reading_exceptions"] = [{"file": "reasons.yaml", "entry": "strong", "field": "why", "reason": "test"}]
    (root / "settings.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    assert content_warnings(root) == []


def test_a_hard_spanish_text_is_a_warning_with_its_ease(tmp_path: Path) -> None:
    from secondop.analysis.content_warnings import content_warnings

    root = _synthetic(tmp_path, spanish=True)
    hard = (
        "Las consultas multidisciplinarias institucionales facilitan evaluaciones extraordinariamente "
        "comprehensivas de alternativas terapéuticas. La variabilidad institucional condiciona considerablemente "
        "las recomendaciones correspondientes."
    )
    _set(root, "es", "reasons.yaml", "strong", "why", hard)
    warnings = [str(w) for w in content_warnings(root) if "text/es/" in w.file]
    ease = next(w for w in warnings if "reading ease" in w)
    found = re.search(r"reading ease (-?[\d.]+) is below the minimum 60", ease)
    assert found and float(found.group(1)) < 60
    assert "entry `strong`, field `why`" in ease
    sol = next(w for w in warnings if "SMOG grade (SOL)" in w)
    found = re.search(r"SMOG grade \(SOL\) ([\d.]+) is above 9", sol)
    assert found and float(found.group(1)) > 9
