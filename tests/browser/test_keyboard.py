"""Keyboard alone (Tab, Space, Enter, arrows) operates every control of the dashboard."""

from __future__ import annotations

import pytest
from dom import changing_circumstance, checkbox, expected, wait_for_shown

pytestmark = pytest.mark.browser

#: Upper bound on Tab presses to reach one control (the page has well under this many stops).
MAX_TABS = 400
CONTROLS = "input, select, button, textarea, a[href], summary, [tabindex]:not([tabindex='-1'])"


def tab_to(page, selector: str) -> int:
    """Press Tab until the focused element matches `selector`; return the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"Tab never reached {selector} in {MAX_TABS} presses")


def test_space_on_a_tabbed_to_checkbox_changes_the_reasons(app_page, data):
    page = app_page.open()
    circumstance = changing_circumstance(data)
    tab_to(page, checkbox(circumstance))
    page.keyboard.press("Space")
    wait_for_shown(page, expected(data, [circumstance]))


def test_enter_on_the_reset_button_clears_a_scenario(app_page, data):
    scenario = next(iter(data.scenarios.values()))
    page = app_page.open(f"scenario={scenario.id}")
    wait_for_shown(page, expected(data, scenario.circumstances, scenario.concerns))
    tab_to(page, ".secondop-reset")
    page.keyboard.press("Enter")
    wait_for_shown(page, expected(data))
    assert page.locator(".secondop-circumstances input:checked").count() == 0


def test_scenario_dropdown_works_by_keyboard(app_page, data):
    page = app_page.open()
    first = next(iter(data.scenarios.values()))
    tab_to(page, ".secondop-scenario select")
    page.keyboard.press("ArrowDown")  # from "none" to the first example patient
    wait_for_shown(page, expected(data, first.circumstances, first.concerns))
    for circumstance in first.circumstances:
        assert page.locator(checkbox(circumstance)).is_checked()


def test_large_text_switch_and_checklist_ticks_work_by_keyboard(app_page):
    page = app_page.open()
    tab_to(page, ".secondop-large-text input")
    page.keyboard.press("Space")
    page.wait_for_selector(".secondop-app.secondop-large", timeout=15_000)
    progress = page.locator(".secondop-progress").inner_text()
    tab_to(page, ".secondop-checklist input[type=checkbox]")
    page.keyboard.press("Space")
    page.wait_for_function(
        "before => document.querySelector('.secondop-progress').innerText !== before", arg=progress, timeout=15_000
    )


def test_every_visible_control_is_reachable_with_tab(app_page, data):
    """No control a mouse can use is skipped by Tab (a tabindex=-1 or a div posing as a button)."""
    page = app_page.open()
    total = page.evaluate(
        """sel => {
          const all = [...document.querySelectorAll('.secondop-app ' + sel.split(', ').join(', .secondop-app '))]
            .filter(e => e.checkVisibility() && !e.disabled);
          all.forEach((e, i) => e.dataset.kbd = String(i));
          return all.length;
        }""",
        CONTROLS,
    )
    assert total >= len(data.circumstances) + len(data.concerns) + 2, "too few controls found: selector broken?"
    reached: set[str] = set()
    for _ in range(total * 3 + 50):
        page.keyboard.press("Tab")
        index = page.evaluate("() => document.activeElement && document.activeElement.dataset.kbd")
        if index is not None:
            reached.add(index)
        if len(reached) == total:
            break
    missed = page.evaluate(
        "r => [...document.querySelectorAll('[data-kbd]')].filter(e => !r.includes(e.dataset.kbd))"
        ".map(e => e.outerHTML.slice(0, 120))",
        sorted(reached),
    )
    assert not missed, f"{len(missed)} controls Tab never reaches: {missed[:5]}"
