"""The records-request letter: it asks for exactly the records the plan lists, leaves every personal detail
blank, prints well, and its wording obeys the same rules as every text (traceable figures, translations)."""

from __future__ import annotations

import inspect
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from synthetic import write_content

from secondop import load_content
from secondop.cli import main
from secondop.content.collection import Content
from secondop.content.loading import find_problems
from secondop.paths import PACKAGED_DATA
from secondop.plan.assessment import assess, scenario_selection
from secondop.plan.export import letter_html
from secondop.plan.export.letter import letter_sources, requested_records
from secondop.ui import html_parts as hp

LANGUAGES = ("en", "es")
#: What the issue names: pathology report, biomarker results, scan reports and images, the treatment plan.
EVERYONE_ASKS_FOR = {"pathology_report", "biomarker_tests", "staging_and_imaging", "imaging_disc", "treatment_plan"}
VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


def _record_ids() -> set[str]:
    """The checklist items the structure file marks as records, read straight from the YAML."""
    items = yaml.safe_load((PACKAGED_DATA / "checklist.yaml").read_text("utf-8"))
    return {item["id"] for item in items if item.get("record")}


@pytest.fixture(scope="module", params=LANGUAGES)
def lang_content(request) -> Content:
    return load_content(PACKAGED_DATA, request.param)


class _Page(HTMLParser):
    """Collects what the tests look at, and checks that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.records: list[str] = []
        self.blanks = 0
        self.blank_text: list[str] = []
        self.in_blank = False
        self.attrs: list[tuple[str, str | None]] = []
        self.tags: list[str] = []
        self.html_lang: str | None = None
        self.style = ""
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        found = dict(attrs)
        if tag == "html":
            self.html_lang = found.get("lang")
        if tag == "style":
            self.in_style = True
        if "data-record" in found:
            self.records.append(found["data-record"] or "")
        if "blank" in (found.get("class") or "").split():
            self.blanks += 1
            self.in_blank = True
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        self.in_blank = False
        self.in_style = False
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.in_blank and data.strip():
            self.blank_text.append(data)
        if self.in_style:
            self.style += data


def _parse(page: str) -> _Page:
    parser = _Page()
    parser.feed(page)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return parser


def _selections(content: Content) -> list[tuple[str, frozenset[str], frozenset[str]]]:
    cases = [(scenario, *scenario_selection(content, scenario)) for scenario in content.scenarios]
    return [("nothing ticked", frozenset(), frozenset()), *cases]


# --- which records ---------------------------------------------------------------------------------------------


def test_records_are_marked_in_data_and_named_in_every_language(content) -> None:
    records = _record_ids()
    assert records >= EVERYONE_ASKS_FOR
    assert {"surgical_plan", "treatments_tried"} <= records
    for language in LANGUAGES:
        localised = load_content(PACKAGED_DATA, language)
        for item in localised.checklist.values():
            assert (item.record_name is not None) == item.record == (item.id in records), (language, item.id)


def test_the_letter_lists_exactly_the_records_the_plan_lists(lang_content) -> None:
    """For every scenario (and for nothing ticked), in each language: the plan's record items, in its order."""
    records = _record_ids()
    for name, circumstances, concerns in _selections(lang_content):
        assessment = assess(lang_content, circumstances, concerns)
        expected = [item.id for item in assessment.checklist if item.id in records]
        assert [item.id for item in requested_records(assessment)] == expected, name
        assert set(expected) >= EVERYONE_ASKS_FOR, name
        page = letter_html(lang_content, assessment)
        assert _parse(page).records == expected, name
        for item in requested_records(assessment):
            assert item.record_name
            assert hp.esc(item.record_name) in page, (name, item.id)


def test_records_follow_the_circumstances(content) -> None:
    """The surgeon's plan is asked for only before surgery; slides never (a lab keeps them, see below)."""
    plain = [item.id for item in requested_records(assess(content, []))]
    assert "surgical_plan" not in plain
    rare = assess(content, ["rare_cancer", "surgery_primary"])
    assert "surgical_plan" in [item.id for item in requested_records(rare)]
    assert "pathology_slides" in [item.id for item in rare.checklist]  # the plan still says to ask about them
    assert "pathology_slides" not in [item.id for item in requested_records(rare)]


def test_no_record_the_letter_asks_for_is_a_specimen(lang_content) -> None:
    """Slides and tissue blocks are specimens a lab keeps and lends on its own release form: the right of access
    (and so the letter) covers copies of records only. Checked on the data and on every plan's letter."""
    specimens = {item.id for item in lang_content.checklist.values() if item.specimen}
    assert "pathology_slides" in specimens
    assert not any(item.record for item in lang_content.checklist.values() if item.specimen)
    everything = assess(lang_content, set(lang_content.circumstances), set(lang_content.concerns))
    assert specimens <= {item.id for item in everything.checklist}
    assert not specimens & {item.id for item in requested_records(everything)}
    page = letter_html(lang_content, everything)
    for item in lang_content.checklist.values():
        if item.specimen:
            assert f'data-record="{item.id}"' not in page


def test_the_fee_note_says_fees_may_differ_for_copies_sent_to_a_doctor(lang_content) -> None:
    """The fee limit covers copies for the patient only since Ciox v. Azar (2020); the note must not promise more."""
    assert "2020" in lang_content.letter.fee_tip
    assert "ciox_fee_ruling" in lang_content.letter.sources


# --- nothing personal ------------------------------------------------------------------------------------------


def test_personal_details_are_blank_lines_never_filled(lang_content) -> None:
    letter = lang_content.letter
    assessment = assess(lang_content, ["rare_cancer"], ["worried_cost"])
    page = letter_html(lang_content, assessment)
    parsed = _parse(page)
    personal = [letter.name, letter.birth_date, letter.record_number, letter.address, letter.signature, letter.date]
    for label in personal:
        assert f'<span class="label">{hp.esc(label)}:</span><span class="blank"></span>' in page, label
    assert parsed.blanks >= len(personal) + 4  # + recipient, doctor's name and address, the date wanted
    assert parsed.blank_text == []
    assert "input" not in parsed.tags and not any(name == "value" for name, _ in parsed.attrs)


def test_who_signs_and_when_treatment_starts(lang_content) -> None:
    """A caregiver can use the letter: it says who signs (the patient, or a personal representative) and has a
    blank line for the treatment's start date, so the office can hurry (issue 24, item 2)."""
    letter = lang_content.letter
    page = letter_html(lang_content, assess(lang_content, ["treatment_soon"]))
    for label in (letter.treatment_start, letter.signature, letter.representative):
        assert f'<span class="label">{hp.esc(label)}:</span><span class="blank"></span>' in page, label
    assert hp.esc(letter.who_signs) in page
    assert page.index(hp.esc(letter.treatment_start)) < page.index(hp.esc(letter.wanted_by))
    assert page.index(hp.esc(letter.who_signs)) < page.index(f'<span class="label">{hp.esc(letter.signature)}:')
    assert "hhs_personal_representatives" in letter.sources


def test_a_letter_in_another_language_carries_a_copy_in_the_main_language() -> None:
    """Records offices may not read Spanish: the Spanish letter ends with the same letter in English, listing the
    same records; the English letter has no copy (issue 19, item 8)."""
    spanish, english = load_content(PACKAGED_DATA, "es"), load_content(PACKAGED_DATA, "en")
    selection = (["rare_cancer", "surgery_primary"], ["worried_cost"])
    plan = assess(spanish, *selection)
    page = letter_html(spanish, plan, english)
    parsed = _parse(page)
    assert parsed.errors == []
    records = [item.id for item in requested_records(plan)]
    assert parsed.records == records + records  # the letter, then its copy
    assert page.index(hp.esc(spanish.letter.greeting)) < page.index(hp.esc(english.letter.greeting))
    assert hp.esc(english.letter.title) in page and hp.esc(english.letter.treatment_start) in page
    assert hp.esc(spanish.letter.copy_note.format(language=spanish.labels.language.names["en"])) in page
    assert '<section class="copy" lang="en"' in page
    assert spanish.letter.greeting == "A quien corresponda:"
    english_page = letter_html(english, assess(english, *selection), english)
    assert 'class="copy"' not in english_page and english_page == letter_html(english, assess(english, *selection))


def test_the_letter_takes_nothing_from_the_person_but_the_plan(lang_content) -> None:
    """The renderer has no parameter for a personal detail, and two plans' letters differ only in the records."""
    # `copy` is content too (the main language's wording), never a personal detail
    assert list(inspect.signature(letter_html).parameters) == ["content", "assessment", "copy"]
    pages = [letter_html(lang_content, assess(lang_content, c, w)) for _, c, w in _selections(lang_content)]
    without_records = {re.sub(r'<ul class="records">.*?</ul>', "", page, flags=re.S) for page in pages}
    assert len(without_records) == 1


# --- the page --------------------------------------------------------------------------------------------------


def test_html_is_well_formed_self_contained_and_prints(lang_content) -> None:
    page = letter_html(lang_content, assess(lang_content, ["surgery_primary"]))
    parsed = _parse(page)
    assert page.startswith("<!doctype html>")
    assert parsed.html_lang == lang_content.language
    assert "@media print" in parsed.style and "@page" in parsed.style and "break-before: page" in parsed.style
    assert not {"script", "img", "link", "iframe", "object", "input"} & set(parsed.tags)
    assert not any(name.startswith("on") or name == "src" for name, _ in parsed.attrs)
    assert "url(" not in parsed.style and "@import" not in parsed.style
    assert page.count("<h1") == 1 and parsed.tags.count("main") == 1
    assert page == letter_html(lang_content, assess(lang_content, ["surgery_primary"]))  # deterministic


def test_it_cites_the_limit_and_carries_notice_sources_and_review_date(lang_content) -> None:
    page = letter_html(lang_content, assess(lang_content, []))
    letter = lang_content.letter
    assert "30" in letter.deadline and hp.esc(letter.deadline) in page
    assert hp.esc(letter.portal_tip) in page and hp.esc(letter.portal_request) in page
    assert hp.esc(letter.send_to_me) in page and hp.esc(letter.send_to_doctor) in page
    assert page.count('<span class="box"') == 2
    assert hp.esc(lang_content.labels.plan.notice) in page
    reviewed = lang_content.settings.content_reviewed.isoformat()
    assert f'<time datetime="{reviewed}">' in page
    ids = {source.id for source in letter_sources(lang_content)}
    assert {"healthit_your_rights", "hipaa_right_of_access"} <= ids
    for source in letter_sources(lang_content):
        assert hp.esc(source.title) in page


def test_every_text_is_escaped(data_copy: Path) -> None:
    path = data_copy / "text" / "en" / "checklist.yaml"
    texts = yaml.safe_load(path.read_text("utf-8"))
    texts["pathology_report"]["record_name"] = 'My <script>alert("x")</script> report & slides'
    path.write_text(yaml.safe_dump(texts, sort_keys=False, allow_unicode=True), "utf-8")
    content = load_content(data_copy)
    page = letter_html(content, assess(content, []))
    assert "<script>" not in page
    assert "My &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; report &amp; slides" in page


# --- the command and the dashboard -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_cli_writes_the_letter(capsys, tmp_path: Path, language: str) -> None:
    target = tmp_path / f"letter-{language}.html"
    code = main(
        ["export", "--scenario", "maria_told_no_options", "--format", "letter", "--lang", language, "-o", str(target)]
    )
    assert code == 0
    assert "records-request letter" in capsys.readouterr().err
    page = target.read_text("utf-8")
    content = load_content(PACKAGED_DATA, language)
    assert f'<html lang="{language}">' in page
    main_language = load_content(PACKAGED_DATA, content.settings.language)
    plan = assess(content, *scenario_selection(content, "maria_told_no_options"))
    assert page == letter_html(content, plan, main_language)
    assert ('class="copy"' in page) == (language != content.settings.language)


def test_cli_letter_to_the_screen(capsys) -> None:
    assert main(["export", "--format", "letter", "--circumstances", "rare_cancer", "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert 'data-record="pathology_report"' in out and 'data-record="pathology_slides"' not in out


def test_dashboard_download_link(content) -> None:
    page = letter_html(content, assess(content, []))
    links = hp.downloads(content, "<p>plan</p>", "# plan", "circumstances=rare_cancer", page)
    assert hp.esc(content.letter.link) in links
    assert f'download="{hp.esc(content.letter.file_name)}-{content.language}.html"' in links
    assert hp.data_uri(page, "text/html") in links
    assert hp.esc(content.letter.link) not in hp.downloads(content, "<p>plan</p>", "# plan", "")


# --- the validator ---------------------------------------------------------------------------------------------


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")


def _problems_with(problems, *parts: str) -> list[str]:
    return [str(p) for p in problems if all(part in str(p) for part in parts)]


def test_a_changed_figure_in_the_letter_is_refused(data_copy: Path) -> None:
    path = data_copy / "text" / "en" / "letter.yaml"
    _edit_yaml(path, lambda d: d.update(deadline=d["deadline"].replace("within 30 days", "within 31 days")))
    found = _problems_with(find_problems(data_copy), "data/text/en/letter.yaml", "the letter", "deadline", "`31 days`")
    assert found and "healthit_your_rights" in found[0]


def test_a_figure_in_a_letter_label_is_refused(data_copy: Path) -> None:
    _edit_yaml(data_copy / "text" / "en" / "letter.yaml", lambda d: d.update(title="Request 2 for copies"))
    assert _problems_with(find_problems(data_copy), "letter.yaml", "title", "`2`")


def test_a_translation_keeps_the_letters_figures(data_copy_all_languages: Path) -> None:
    path = data_copy_all_languages / "text" / "es" / "letter.yaml"
    _edit_yaml(path, lambda d: d.update(deadline=d["deadline"].replace("30 días más", "más días")))
    found = _problems_with(find_problems(data_copy_all_languages), "data/text/es/letter.yaml", "deadline")
    assert any("a translation keeps every one" in problem for problem in found), found


def test_a_record_needs_a_record_name_and_only_a_record_has_one(data_copy: Path) -> None:
    path = data_copy / "text" / "en" / "checklist.yaml"
    _edit_yaml(
        path, lambda d: (d["pathology_report"].pop("record_name"), d["companion"].update(record_name="A friend"))
    )
    problems = find_problems(data_copy)
    assert _problems_with(problems, "checklist item `pathology_report`", "record_name", "is missing")
    assert _problems_with(problems, "checklist item `companion`", "record_name", "does not mark this item")


def test_a_specimen_is_never_a_record(tmp_path: Path) -> None:
    """On synthetic content, where the rule is the point: an item marked both a specimen and a record is refused."""
    root = write_content(tmp_path / "data")
    assert find_problems(root) == []
    _edit_yaml(root / "checklist.yaml", lambda d: d[0].update(record=True, specimen=True))
    _edit_yaml(root / "text" / "en" / "checklist.yaml", lambda d: d["always_item"].update(record_name="My slides"))
    problems = find_problems(root)
    assert _problems_with(problems, "data/checklist.yaml", "checklist item `always_item`", "record", "specimen")
    _edit_yaml(root / "checklist.yaml", lambda d: d[0].update(specimen=False))
    assert find_problems(root) == []


def test_the_letters_sources_must_exist_and_the_files_must_be_there(data_copy: Path) -> None:
    _edit_yaml(data_copy / "letter.yaml", lambda d: d["sources"].append("no_such_source"))
    assert _problems_with(find_problems(data_copy), "data/letter.yaml", "sources", "`no_such_source`")
    (data_copy / "text" / "en" / "letter.yaml").unlink()
    assert _problems_with(find_problems(data_copy), "data/text/en/letter.yaml")
