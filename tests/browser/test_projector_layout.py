"""Presenter mode on the screens a workshop uses (1280x720 and 1024x768), in English and Spanish: positions,
not timings.

For every example, stepped through with the clicker's key as a room sees it: at its opening the heading, the
story and the question for the room are on screen with no scrolling; after the answer, every ticked box and
the top reasons are. The controls take one slim row; the text stays large; the presenter's notes are small
and marked; the focus is visible; the QR code (with a public address) sits beside the story.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dom import content

from devtools.browser_harness import VoilaServer, running_voila
from secondop import load_content
from secondop.content.collection import Content
from secondop.content.workshop import facilitator_order
from secondop.paths import PUBLIC_URL_ENV

pytestmark = pytest.mark.browser

PUBLIC = "http://192.168.1.20:8866/"
SCREENS = {"1280x720": {"width": 1280, "height": 720}, "1024x768": {"width": 1024, "height": 768}}
#: The top reasons that must be on screen once the answer is shown (all of them when there are fewer).
TOP_REASONS = 2
#: Smallest type the room reads (CSS px): the story, the question, the ticked boxes, the reasons' titles.
LARGE_PX = 20
#: The presenter's notes are small print.
NOTES_MAX_PX = 16

#: Where each part is (viewport coordinates), what is ticked, and the sizes of the type.
MEASURE_JS = """() => {
  const app = document.querySelector('.secondop-app.secondop-ready');
  const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left,
    right: r.right, height: r.height}; };
  const shown = e => e && e.checkVisibility();
  const one = s => { const e = app.querySelector(s); return shown(e) ? box(e) : null; };
  const px = s => { const e = app.querySelector(s); return e ? parseFloat(getComputedStyle(e).fontSize) : 0; };
  const buttons = [...app.querySelectorAll('.secondop-stage-nav button')].filter(shown).map(box);
  const ticked = [...app.querySelectorAll('.secondop-entry-box')]
    .filter(e => e.querySelector('input:checked')).map(e => ({box: box(e), shown: shown(e),
      px: parseFloat(getComputedStyle(e.querySelector('span')).fontSize)}));
  const reasons = [...app.querySelectorAll('.secondop-reasons .secondop-reason h3')].filter(shown).map(box);
  return {
    viewport: {width: innerWidth, height: innerHeight},
    scroll: document.scrollingElement.scrollTop + ((document.getElementById('rendered_cells') || {}).scrollTop || 0),
    hidden: app.classList.contains('secondop-plan-hidden'),
    heading: one('.secondop-story h2'), story: one('.secondop-story-text'), ask: one('.secondop-ask'),
    storyPx: px('.secondop-story-text'), askPx: px('.secondop-ask'), reasonPx: px('.secondop-reason h3'),
    buttons, language: one('.secondop-language-switch'), notes: one('.secondop-presenter-notes'),
    notesPx: px('.secondop-presenter-notes p'),
    notesText: (app.querySelector('.secondop-presenter-notes') || {}).innerText || '',
    storyText: (app.querySelector('.secondop-story') || {}).innerText || '',
    qr: one('.secondop-qr svg'), qrArea: app.querySelectorAll('.secondop-qr').length,
    ticked, reasons,
  };
}"""


@pytest.fixture(scope="module")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Served with a public address, so the QR code takes its place beside the story (the harder layout)."""
    log = tmp_path_factory.mktemp("voila-projector") / "voila.log"
    with running_voila(log, env={PUBLIC_URL_ENV: PUBLIC}) as server:
        yield server


def _on_screen(rect: dict | None, viewport: dict, name: str) -> None:
    assert rect is not None, f"{name} is not shown"
    assert rect["top"] >= 0 and rect["bottom"] <= viewport["height"] + 0.5, (
        f"{name} is off screen: {rect['top']:.0f}–{rect['bottom']:.0f} px of {viewport['height']}"
    )
    assert rect["left"] >= 0 and rect["right"] <= viewport["width"] + 0.5, f"{name} runs off the side: {rect}"


def _wait_for(page, data: Content, number: int, revealed: bool) -> None:
    """Wait until example `number` (in the facilitator's order) is on stage, asked or answered, with every part
    drawn: its heading, and its story (asked) or what it teaches in the presenter's notes (answered)."""
    order = facilitator_order(data)
    scenario = data.scenarios[order[number - 1]]
    heading = data.labels.presenter.position.format(number=number, total=len(order), name=scenario.name)
    hidden = ":not(.secondop-plan-hidden)" if revealed else ".secondop-plan-hidden"
    part, text = (".secondop-presenter-notes", scenario.teaches) if revealed else (".secondop-story", scenario.story)
    try:
        _wait(page, heading, hidden, part, text)
    except Exception as error:
        shown = page.evaluate(
            "s => [...document.querySelectorAll('.secondop-app.secondop-ready ' + s)].map(e => e.innerText)", part
        )
        state = page.evaluate("() => document.querySelector('.secondop-app.secondop-ready').className")
        raise AssertionError(f"example {number} never showed {text!r} in {part}: {shown} ({state})") from error
    page.wait_for_timeout(100)  # one more frame: the widgets' layout follows the classes


def _wait(page, heading: str, hidden: str, part: str, text: str) -> None:
    page.wait_for_function(
        """([heading, hidden, part, text]) => {
          const app = document.querySelector('.secondop-app.secondop-ready.secondop-presenting' + hidden);
          const h2 = app && app.querySelector('.secondop-story h2');
          const shown = app && app.querySelector(part);
          const words = t => t.replace(/\\s+/g, ' ').trim();
          return !!h2 && h2.innerText.includes(heading) && !!shown && words(shown.innerText).includes(words(text));
        }""",
        arg=[heading, hidden, part, text],
        timeout=20_000,
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_example_fits_the_projector_at_its_opening_and_with_its_answer(public_server, open_app, screen, language):
    data = load_content(None, language)
    order = facilitator_order(data)
    labels = data.labels.presenter
    app = open_app(public_server, viewport=SCREENS[screen])
    page = app.open(f"present=1&lang={language}")
    page.locator(".secondop-app.secondop-ready .secondop-story h2").click()  # focus on the page, as a clicker has it
    for number, scenario_id in enumerate(order, start=1):
        scenario = data.scenarios[scenario_id]
        _wait_for(page, data, number, revealed=False)
        seen = page.evaluate(MEASURE_JS)
        where = f"{screen} {language} example {number} ({scenario_id}), opening"
        viewport = seen["viewport"]
        for part in ("heading", "story", "ask"):
            _on_screen(seen[part], viewport, f"{where}: the {part}")
        assert seen["scroll"] == 0, f"{where}: the page was scrolled"
        assert min(seen["storyPx"], seen["askPx"]) >= LARGE_PX, f"{where}: small type on the projector"
        # one slim row of controls, the language switch in the same band
        tops = {round(b["top"]) for b in seen["buttons"]}
        assert len(seen["buttons"]) == 5 and len(tops) == 1, f"{where}: the controls wrap: {seen['buttons']}"
        row_bottom = max(b["bottom"] for b in seen["buttons"])
        assert row_bottom <= 100, f"{where}: the control row ends at {row_bottom:.0f} px"
        assert seen["language"] and seen["language"]["top"] < row_bottom, f"{where}: the language switch is apart"
        # the presenter's notes: marked, small, and never in the room's large type
        assert labels.notes in seen["notesText"] and seen["notesPx"] <= NOTES_MAX_PX, f"{where}: notes"
        assert labels.hidden_hint not in seen["storyText"] and labels.keys not in seen["storyText"]
        # the audience's code beside the story, not under it
        _on_screen(seen["qr"], viewport, f"{where}: the QR code")
        assert seen["qr"]["left"] > seen["story"]["left"], f"{where}: the QR code is not beside the story"

        page.keyboard.press("PageDown")  # the answer
        _wait_for(page, data, number, revealed=True)
        seen = page.evaluate(MEASURE_JS)
        where = f"{screen} {language} example {number} ({scenario_id}), answer"
        ticked = len(scenario.circumstances) + len(scenario.concerns)
        assert len(seen["ticked"]) == ticked, f"{where}: {len(seen['ticked'])} boxes ticked, expected {ticked}"
        for index, box in enumerate(seen["ticked"]):
            assert box["shown"], f"{where}: ticked box {index + 1} is hidden"
            _on_screen(box["box"], viewport, f"{where}: ticked box {index + 1}")
            assert box["px"] >= LARGE_PX, f"{where}: ticked box {index + 1} in small type"
        expected_reasons = min(TOP_REASONS, len(scenario.expected_reasons))
        assert len(seen["reasons"]) >= expected_reasons, f"{where}: reasons missing"
        for index, reason in enumerate(seen["reasons"][:expected_reasons]):
            _on_screen(reason, viewport, f"{where}: reason {index + 1}")
        assert seen["reasonPx"] >= LARGE_PX, f"{where}: the reasons in small type"
        page.keyboard.press("PageDown")  # the next example
    assert app.blocked == [], f"requests beyond 127.0.0.1: {app.blocked}"


def test_without_a_public_address_the_projector_shows_no_code_and_no_how_to(open_app, voila_server):
    data = content()
    app = open_app(voila_server, viewport=SCREENS["1280x720"])
    page = app.open("present=1")
    _wait_for(page, data, 1, revealed=False)
    seen = page.evaluate(MEASURE_JS)
    assert seen["qr"] is None and seen["qrArea"] == 0
    how_to = page.locator(".secondop-app.secondop-ready .secondop-qr-missing")
    assert how_to.count() == 1 and data.labels.presenter.qr_missing.split(",")[0] in how_to.inner_text()
    top = how_to.evaluate("e => e.getBoundingClientRect().top")
    assert top > 720, "the how-to for the QR code is on the projector's screen"


def test_the_focus_is_visible_on_the_controls_and_the_new_example_is_read_out(open_app, voila_server):
    data = content()
    order = facilitator_order(data)
    app = open_app(voila_server, viewport=SCREENS["1024x768"])
    page = app.open("present=1")
    _wait_for(page, data, 1, revealed=False)
    live = ".secondop-live[role=status][aria-live=polite]"
    first = data.scenarios[order[0]].name
    assert first in page.locator(live).inner_text(), "the first example is not read out"
    button = page.locator(".secondop-app.secondop-ready button.secondop-present-next")
    button.focus()
    page.keyboard.press("Enter")
    second = data.scenarios[order[1]].name
    page.wait_for_selector(f"{live}:has-text({second!r})", timeout=20_000)
    focused = page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
          return {next: e.classList.contains('secondop-present-next'), style: s.outlineStyle,
                  width: parseFloat(s.outlineWidth)}; }"""
    )
    assert focused["next"], "the focus left the button that was pressed"
    assert focused["style"] != "none" and focused["width"] >= 2, f"the focus is not visible: {focused}"
    # the live region is read out but not projected
    size = page.locator(live).evaluate("e => { const r = e.getBoundingClientRect(); return r.width * r.height; }")
    assert size <= 1, "the screen reader's status line is drawn on the projector"
