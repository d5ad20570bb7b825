"""Presenter mode in the browser: a clicker's keys build each example like a slide (also keys pressed while the
app starts), the address keeps the state, the reveal is read out, axe finds nothing at 1280x720 and at 200%
zoom, the QR code encodes the example's link, and nothing leaves 127.0.0.1. Serving with `--host` still refuses
code sent to the kernel. The layout on a projector: test_projector_layout.py."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
import segno
from axe_playwright_python.sync_playwright import Axe
from dom import content
from test_hostile import PROBE_JS
from test_page_quality import WCAG_TAGS

from devtools.browser_harness import READY, VoilaServer, page_kernel_id, running_voila
from secondop import load_content
from secondop.content.workshop import facilitator_order
from secondop.paths import PUBLIC_URL_ENV
from secondop.server.command import voila_command
from secondop.ui.qr import BORDER, SCALE

pytestmark = pytest.mark.browser

PUBLIC = "http://192.168.1.20:8866/"
PROJECTOR = {"width": 1280, "height": 720}
#: 1280x720 at 200% zoom: half as many CSS pixels each way.
ZOOMED = {"width": 640, "height": 360}
LIVE = ".secondop-live[role=status][aria-live=polite]"


@pytest.fixture(scope="module")
def public_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The dashboard served as `secondop serve --public-url` serves it: the QR code is drawn."""
    log = tmp_path_factory.mktemp("voila-public") / "voila.log"
    with running_voila(log, env={PUBLIC_URL_ENV: PUBLIC}) as server:
        yield server


def _position(number: int) -> str:
    data = content()
    order = facilitator_order(data)
    name = data.scenarios[order[number - 1]].name
    return data.labels.presenter.position.format(number=number, total=len(order), name=name)


def _wait_for_example(page, number: int, revealed: bool | None = None) -> None:
    """Wait until example `number` is on stage (and, if given, asked or answered) in the live app."""
    state = "" if revealed is None else ":not(.secondop-plan-hidden)" if revealed else ".secondop-plan-hidden"
    page.wait_for_selector(
        f".secondop-app.secondop-ready{state} .secondop-scenario-story h2:has-text({_position(number)!r})",
        timeout=20_000,
    )


def test_clicker_keys_build_each_example_like_a_slide(app_page):
    """Page Down: story, then its answer, then the next example; Page Up walks the same steps back."""
    page = app_page.open("present=1")
    _wait_for_example(page, 1, revealed=False)
    page.locator(".secondop-app.secondop-ready .secondop-story h2").click()  # focus on the page, not a field
    steps = (
        ("PageDown", 1, True),
        ("ArrowRight", 2, False),
        ("PageUp", 1, True),
        ("ArrowLeft", 1, False),
        ("ArrowLeft", 11, True),
    )
    for key, number, revealed in steps:
        page.keyboard.press(key)
        _wait_for_example(page, number, revealed)
    # a checkbox is no text field: the keys still step (from the last answer round to the first example)
    page.locator(".secondop-present-toggle input").focus()
    page.keyboard.press("PageDown")
    _wait_for_example(page, 1, revealed=False)
    assert app_page.blocked == [], f"requests beyond 127.0.0.1: {app_page.blocked}"


def test_nothing_a_clicker_sends_while_the_app_starts_is_lost(app_page):
    """Keys pressed while only the first view is on screen are pressed, in order, once the app is live."""
    page = app_page.page
    page.goto(f"{app_page.server.url}?present=1", wait_until="commit")
    page.wait_for_selector("#secondop-first-view .secondop-presenting", timeout=20_000)
    live_before = page.evaluate("() => !!document.querySelector('.secondop-app.secondop-ready')")
    for key in ("PageDown", "PageDown", "PageDown"):  # answer 1, example 2, answer 2
        page.keyboard.press(key)
    _wait_for_example(page, 2, revealed=True)
    assert not live_before, "the app was live before the keys were pressed: the test did not test the start"
    page.wait_for_timeout(500)
    _wait_for_example(page, 2, revealed=True)  # and no key was pressed twice


def test_the_address_keeps_language_example_and_presenter_mode_across_a_reload(app_page):
    data = content()
    second = facilitator_order(data)[1]
    page = app_page.open("lang=es&present=1")
    page.locator(".secondop-app.secondop-ready button.secondop-present-next").click()
    page.wait_for_function(f"() => location.search.includes('scenario={second}')", timeout=20_000)
    query = page.evaluate("() => location.search")
    assert "lang=es" in query and "present=1" in query
    page.reload()
    page.wait_for_selector(".secondop-ready", timeout=60_000)
    spanish = load_content(None, "es")
    heading = spanish.labels.presenter.position.format(
        number=2, total=len(facilitator_order(spanish)), name=spanish.scenarios[second].name
    )
    page.wait_for_selector(f".secondop-app.secondop-ready .secondop-story h2:has-text({heading!r})", timeout=20_000)
    page.locator(".secondop-app.secondop-ready .secondop-present-leave").click()
    page.wait_for_function("() => !location.search.includes('present')", timeout=20_000)
    assert "lang=es" in page.evaluate("() => location.search")


def test_the_reveal_is_announced_in_a_live_region_and_shows_the_plan(app_page):
    data = content()
    first = data.scenarios[facilitator_order(data)[0]]
    page = app_page.open("present=1")
    _wait_for_example(page, 1)
    assert page.locator(".secondop-plan-part").first.is_hidden()
    assert data.labels.presenter.on in page.locator(LIVE).inner_text()
    button = page.locator("button.secondop-present-answer")
    button.focus()
    page.keyboard.press("Enter")  # reachable by keyboard
    announced = data.labels.presenter.answer_shown.split("{ticked}")[0].strip()
    page.wait_for_selector(f"{LIVE}:has-text({announced!r})", timeout=20_000)
    page.locator(".secondop-plan-part").first.wait_for(state="visible")
    ticked = [data.circumstances[c].label for c in first.circumstances]
    ticked += [data.concerns[c].label for c in first.concerns]
    live = page.locator(LIVE).inner_text()
    assert all(label in live for label in ticked)
    page.locator("button.secondop-present-plan").click()
    page.wait_for_selector(f"{LIVE}:has-text({data.labels.presenter.plan_shown!r})", timeout=20_000)
    page.locator(".secondop-present-toggle input").uncheck()  # leaving restores the normal page
    page.wait_for_selector(".secondop-app:not(.secondop-presenting)", timeout=20_000)
    assert page.locator(".secondop-plan-part").first.is_visible()
    assert page.locator(".secondop-stage").is_hidden()


@pytest.mark.parametrize("viewport", [PROJECTOR, ZOOMED], ids=["1280x720", "200%"])
@pytest.mark.parametrize("revealed", [False, True], ids=["asking", "revealed"])
def test_no_axe_findings_in_presenter_mode(public_server, open_app, viewport, revealed):
    app = open_app(public_server, viewport=viewport)
    page = app.open("present=1")
    _wait_for_example(page, 1)
    page.wait_for_selector(".secondop-qr svg[role=img]")
    if revealed:
        page.locator("button.secondop-present-answer").click()
        page.wait_for_selector(".secondop-app.secondop-presenting:not(.secondop-plan-hidden)", timeout=20_000)
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"
    assert app.requests and app.blocked == [], f"requests beyond 127.0.0.1: {app.blocked}"


def test_the_qr_code_encodes_the_link_that_opens_the_current_example(public_server, open_app):
    data = content()
    app = open_app(public_server, viewport=PROJECTOR)
    page = app.open("present=1&lang=es")
    page.wait_for_selector(".secondop-qr svg[role=img]", timeout=20_000)
    page.locator(".secondop-app.secondop-ready button.secondop-present-next").click()
    second = facilitator_order(data)[1]
    expected = f"{PUBLIC}?scenario={second}&lang=es"
    page.wait_for_selector(f".secondop-qr-link:has-text({expected!r})", timeout=20_000)
    svg = page.locator(".secondop-qr svg")
    assert svg.get_attribute("aria-label")
    drawn = svg.locator("path.qrline").get_attribute("d")
    reference = segno.make(expected, error="m").svg_inline(scale=SCALE, border=BORDER, omitsize=True)
    match = re.search(r'class="qrline"[^>]* d="([^"]+)"', reference)
    assert match and drawn == match.group(1), "the drawn code does not encode the example's link"
    assert page.locator(".secondop-qr-link").get_attribute("href") == expected
    assert app.blocked == [], f"requests beyond 127.0.0.1: {app.blocked}"


def test_with_host_the_kernel_still_refuses_execute_requests(open_app, tmp_path):
    """`secondop serve --host 0.0.0.0`: the room can open the app, never run code in its kernel."""
    command = [p if not p.startswith("--port=") else "--port={port}" for p in voila_command(0, host="0.0.0.0")]
    assert "--Voila.ip=0.0.0.0" in command
    with running_voila(tmp_path / "voila.log", command=command) as server:
        page = open_app(server).open()
        kernel_id = page_kernel_id(page)
        sentinel = tmp_path / "pwned.txt"
        seen = page.evaluate(PROBE_JS, {"kernelId": kernel_id, "code": f"open({str(sentinel)!r}, 'w').write('ran')"})
        assert any(m["parent"] == "probe-info" and m["type"] == "kernel_info_reply" for m in seen), seen
        assert [m for m in seen if m["parent"] in {"probe-execute", "probe-inspect"}] == []
        time.sleep(1)
        assert not sentinel.exists(), "an execute request from the browser ran code in the kernel"
        assert 'Received message of type "execute_request", which is not allowed' in server.log_tail(10**7)
        page.wait_for_selector(READY, state="visible")
