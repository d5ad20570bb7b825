"""Hostile input against the served app: script in the content, odd links, and code sent to the kernel.

Content with HTML, script and javascript: links is shown as text (or dropped), never run, on the page and in
the downloaded plan; odd query strings give a friendly note, never a traceback; the standalone server's
kernel websocket refuses execute requests and its HTTP API offers nothing beyond the app.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from dom import checkbox, content, expected, wait_for_shown

from devtools.browser_harness import CHROMIUM, READY, READY_TIMEOUT_MS, page_kernel_id, running_voila
from devtools.content_copies import default_language_only
from secondop import load_content
from secondop.link_limits import LINK_TOO_LONG, MAX_QUERY_CHARS
from secondop.paths import DATA_ENV, PACKAGED_DATA
from secondop.ui.query import MAX_SHOWN_CHARS

pytestmark = pytest.mark.browser

# Every payload marks window.__pwned and opens a dialog if it ever runs.
SCRIPT = "<script>window.__pwned='script';alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned='img';alert('img')\">"
SVG = "<svg onload=\"window.__pwned='svg';alert('svg')\"></svg>"
ANCHOR = "<a href=\"javascript:window.__pwned='anchor';alert('anchor')\">tap here</a>"
MD_LINK = "[tap](javascript:window.__pwned='md';alert('md'))"
IFRAME = "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>"
PAYLOADS = [SCRIPT, IMG, SVG, ANCHOR, MD_LINK, IFRAME]

#: Python exception names and tracebacks that must never reach the page.
EXCEPTION_NAMES = re.compile(r"Traceback|\b\w+(Error|Exception)\b")

# Anything in the live DOM (SVG included) that could run: event-handler attributes, javascript: addresses,
# script elements carrying a payload, frames. Returns a list of findings (empty when clean).
DANGER_JS = r"""() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (tag === 'iframe' || tag === 'frame' || tag === 'object' || tag === 'embed') found.push('element ' + tag);
    if (tag === 'script' && /__pwned/.test(el.textContent)) found.push('script with payload');
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value;
      if (name.startsWith('on') && /__pwned|alert/.test(value)) found.push(tag + ' ' + name);
      if (/^\s*javascript:/i.test(value)) found.push(tag + ' ' + name + '=' + value.slice(0, 40));
    }
  }
  return found;
}"""


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _first(mapping: dict) -> str:
    return next(iter(mapping))


def make_hostile_copy(root: Path) -> Path:
    """A copy of data/ with every payload in wording the dashboard shows: titles, labels, texts, names, sources."""
    shutil.copytree(PACKAGED_DATA, root)
    default_language_only(root)
    text = root / "text" / content().settings.language
    _edit(text / "labels.yaml", lambda d: d["dashboard"].update(app_title=f"Guide {SCRIPT}", intro=f"Hi {IMG}"))
    _edit(text / "reasons.yaml", lambda d: [d[k].update(title=f"{ANCHOR} {SCRIPT}", why=f"{MD_LINK} {SVG}") for k in d])
    _edit(
        text / "circumstances.yaml",
        lambda d: d[_first(d)].update(label=f"{IMG} label", explanation=f"{SCRIPT} {MD_LINK} {IFRAME}"),
    )
    _edit(text / "concerns.yaml", lambda d: d[_first(d)].update(label=f"{SVG} worry", answer=f"{ANCHOR} {MD_LINK}"))
    _edit(text / "checklist.yaml", lambda d: [d[k].update(text=f"{SCRIPT} item", how_to_get=IMG) for k in d])
    _edit(text / "questions.yaml", lambda d: [d[k].update(text=f"{ANCHOR} ask") for k in d])
    # the plain term stays a form, so the texts that use it still do (a term no text uses is refused)
    _edit(
        text / "glossary.yaml",
        lambda d: [
            d[k].update(term=f"{IMG} term", definition=SCRIPT, forms=[*d[k].get("forms", []), d[k]["term"]]) for k in d
        ],
    )
    _edit(text / "scenarios.yaml", lambda d: [d[k].update(name=f"{SCRIPT} name", story=f"{IMG} {ANCHOR}") for k in d])
    _edit(text / "experts.yaml", lambda d: [d[k].update(who=f"{SVG} who", how=MD_LINK) for k in d])
    _edit(root / "sources.yaml", lambda items: [s.update(title=f"{IMG} {SCRIPT}", publisher=ANCHOR) for s in items])
    return root


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory) -> Path:
    root = make_hostile_copy(tmp_path_factory.mktemp("hostile") / "data")
    loaded = load_content(root)  # the payloads must pass validation, or the page would only show the problem list
    assert loaded.labels.dashboard.app_title.endswith(SCRIPT)
    return root


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, hostile_data) -> Iterator[object]:
    if not CHROMIUM.exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    with running_voila(tmp_path_factory.mktemp("voila-hostile") / "voila.log", env={DATA_ENV: str(hostile_data)}) as s:
        yield s


class Watch:
    """Dialogs a page opened (each dismissed at once)."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


def assert_nothing_ran(page, watch: Watch) -> None:
    assert page.evaluate("() => window.__pwned") is None, "a payload ran"
    assert watch.dialogs == [], f"dialogs opened: {watch.dialogs}"
    assert page.evaluate(DANGER_JS) == []


def hover_chart(page) -> None:
    """Hover the first bars of the chart (reason titles, strengths and themes sit beside them as text)."""
    bars = page.locator(".secondop-chart .secondop-bar-row")
    for i in range(min(bars.count(), 4)):
        bars.nth(i).hover(force=True)
        page.wait_for_timeout(50)


def test_hostile_content_is_text_on_the_dashboard(hostile_server, open_app, hostile_data):
    data = load_content(hostile_data)
    app = open_app(hostile_server)
    watch = Watch(app.page)
    query = f"circumstances={','.join(data.circumstances)}&concerns={','.join(data.concerns)}"
    page = app.open(query)
    wait_for_shown(page, expected(data, data.circumstances, data.concerns))
    for details in page.locator("details.secondop-term").all()[:5]:
        details.locator("summary").click()
    hover_chart(page)
    for link in page.get_by_text("tap here").all()[:3]:
        link.click(force=True)  # shown as text: clicking it does nothing
    page.wait_for_timeout(500)
    assert_nothing_ran(page, watch)

    body = page.inner_text("body")
    for payload in [SCRIPT, IMG, SVG, ANCHOR, MD_LINK, IFRAME]:
        assert payload in body, f"payload not shown as text: {payload}"
    assert not EXCEPTION_NAMES.search(body)
    assert page.locator(".secondop-circumstances").count() == 1

    # A scenario shows its story; its name is an option of the picker.
    scenario = _first(data.scenarios)
    page.goto(f"{hostile_server.url}?scenario={scenario}", timeout=READY_TIMEOUT_MS)
    page.wait_for_selector(READY, state="visible", timeout=READY_TIMEOUT_MS)
    wait_for_shown(page, expected(data, data.scenarios[scenario].circumstances, data.scenarios[scenario].concerns))
    page.wait_for_timeout(500)
    assert_nothing_ran(page, watch)
    options = page.locator(".secondop-scenario select").inner_text().replace("\xa0", " ")
    assert data.scenarios[scenario].name in options


OUR_SVG = re.compile(
    r'<svg xmlns="http://www.w3.org/2000/svg" class="(reasons-chart|icon-array)" viewBox="[0-9 ]+" role="img"'
)


def test_hostile_content_is_text_in_the_downloaded_plan(hostile_server, open_app, browser, hostile_data, tmp_path):
    data = load_content(hostile_data)
    app = open_app(hostile_server)
    query = f"circumstances={','.join(data.circumstances)}&concerns={','.join(data.concerns)}"
    page = app.open(query)
    wait_for_shown(page, expected(data, data.circumstances, data.concerns))
    with page.expect_download(timeout=15_000) as info:
        plan_name = data.labels.dashboard.file_name
        page.locator(f".secondop-downloads a[download^='{plan_name}-'][download$='.html']").click()
    saved = tmp_path / info.value.suggested_filename  # named .html, so the browser opens it as a page
    assert saved.suffix == ".html"
    info.value.save_as(saved)
    source = saved.read_text(encoding="utf-8")
    raw = [
        source[max(m.start() - 80, 0) : m.end() + 80]
        for m in re.finditer(r"<(script|img|svg|iframe)\b", source, re.I)
        if not OUR_SVG.match(source, m.start())  # the handout's own pictures: the reasons chart and the icon array
    ]
    assert raw == [], f"raw tags in the saved plan: {raw}"

    # Open the file itself in the browser, with script on, as the person would.
    context = browser.new_context(java_script_enabled=True)
    try:
        plan = context.new_page()
        watch = Watch(plan)
        plan.goto(saved.resolve().as_uri(), timeout=15_000)
        # (the same text also sits, unclickable, in the SVG chart's <desc>: its text alternative)
        shown = [link for link in plan.get_by_text("tap here").all() if link.is_visible()]
        assert shown, "the hostile link text is not shown on the page"
        for link in shown[:3]:
            link.click(force=True, timeout=5_000)
        plan.wait_for_timeout(500)
        assert_nothing_ran(plan, watch)
        assert plan.locator("main").count() == 1, "the saved plan did not open as a web page"
        text = plan.inner_text("body")
        for payload in [SCRIPT, IMG, ANCHOR, MD_LINK]:
            assert payload in text, f"payload not shown as text in the plan: {payload}"
    finally:
        context.close()


# --- query strings -----------------------------------------------------------------------------------------
ODD_QUERIES = {
    "unknown ids": "scenario=no_such_scenario&circumstances=not_a_thing,also_not&concerns=nope",
    "long value (60 kB)": "circumstances=" + "x" * 60_000,
    "many keys (900)": "&".join(f"k{i}=v" for i in range(900)),
    "repeated keys": "circumstances=bogus&circumstances=bogus&circumstance=bogus2&scenario=a&scenario=b",
    "nul and invalid utf-8": "circumstances=%00%FF%C0%AF&scenario=%ff%fe",
    "double encoded": "circumstances=%252C%253Cscript%253E&concerns=%25%25%25",
    "unicode": "circumstances=%E2%80%AEevil%F0%9F%98%80,%E5%A5%BD&concerns=%CC%81",
    "script in the value": (
        "scenario=<script>window.__pwned='q';alert('q')</script>&circumstances=<img src=x onerror=alert(1)>"
    ),
    "bare and empty keys": "&&&==&=x&scenario&circumstances=&%3D%3D",
}


@pytest.mark.parametrize("query", ODD_QUERIES.values(), ids=ODD_QUERIES.keys())
def test_odd_query_strings_give_a_note_not_a_traceback(voila_server, open_app, query):
    data = content()
    app = open_app(voila_server)
    watch = Watch(app.page)
    page = app.open(query)
    wait_for_shown(page, expected(data))  # nothing valid asked for: the plain app
    body = page.inner_text("body")
    assert not EXCEPTION_NAMES.search(body), body[:1500]
    assert page.locator(".secondop-circumstances input[type=checkbox]").count() == len(data.circumstances)
    message = page.locator(".secondop-message")
    if message.is_visible():
        text = message.inner_text()
        note = data.labels.messages.link_too_long if len(query) > MAX_QUERY_CHARS else data.labels.messages.unknown_ids
        assert " ".join(note.split()) in " ".join(text.split())
        shown = message.locator("li").all_inner_texts()
        assert all(len(item) <= MAX_SHOWN_CHARS for item in shown), shown
    assert_nothing_ran(page, watch)


def test_a_link_naming_one_real_id_among_junk_still_ticks_it(voila_server, open_app):
    data = content()
    real = list(data.circumstances)[-1]
    page = open_app(voila_server).open(f"circumstances=%00junk&circumstances={real.upper()}&circumstances={real}")
    wait_for_shown(page, expected(data, [real]))
    assert page.locator(checkbox(real)).is_checked()
    assert page.locator(".secondop-message li").all_inner_texts() == ["junk"]  # the NUL is not printable, so not shown


LONG_LINKS = {
    "100 kB value": "circumstances=" + "y" * 100_000,
    "1.5 MB value": "scenario=robert_prostate_surgeon&circumstances=" + "y" * 1_500_000,
    "3000 keys": "&".join(f"k{i}=v" for i in range(3000)),
}


@pytest.mark.parametrize("query", LONG_LINKS.values(), ids=LONG_LINKS.keys())
def test_oversized_links_open_the_app_with_a_note_and_no_kernel_of_their_own(voila_server, open_app, query):
    """`secondop.server` lets any URL a browser can send through Tornado and sends a query over
    MAX_QUERY_CHARS on to `?link=too-long` before a kernel starts: one kernel, for the page with the note."""
    data = content()
    log = voila_server.log_tail(10**8)
    before, sent_on = log.count("Kernel started"), log.count(f"query string was sent on to ?{LINK_TOO_LONG}")
    app = open_app(voila_server)
    watch = Watch(app.page)
    page = app.open(query)
    assert page.url == f"{voila_server.url}?{LINK_TOO_LONG}"
    wait_for_shown(page, expected(data))  # nothing ticked, not even the scenario the link began with
    message = page.locator(".secondop-message")
    assert message.is_visible()
    assert " ".join(message.inner_text().split()) == " ".join(data.labels.messages.link_too_long.split())
    body = page.inner_text("body")
    assert not EXCEPTION_NAMES.search(body), body[:1500]
    assert_nothing_ran(page, watch)
    log = voila_server.log_tail(10**8)
    assert log.count(f"{len(query)}-character query string was sent on to ?{LINK_TOO_LONG}") >= 1
    assert log.count(f"query string was sent on to ?{LINK_TOO_LONG}") == sent_on + 1
    started = log.count("Kernel started") - before
    assert started == 1, f"{started} kernels started: one is for the page with the note, none for the long link"
    first = next(iter(data.circumstances))
    app.page.locator(checkbox(first)).check()  # and the app works
    wait_for_shown(page, expected(data, [first]))


# --- the kernel and the HTTP API ----------------------------------------------------------------------------
PROBE_JS = r"""async ({kernelId, code}) => {
  const url = location.origin.replace(/^http/, 'ws') + '/api/kernels/' + kernelId + '/channels?session_id=probe';
  const ws = new WebSocket(url);
  const seen = [];
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = () => fail(new Error('websocket refused')); });
  ws.onmessage = (event) => {
    try {
      const msg = JSON.parse(event.data);
      seen.push({type: msg.header.msg_type, parent: (msg.parent_header || {}).msg_id || ''});
    } catch (error) { seen.push({type: 'binary', parent: ''}); }
  };
  const send = (type, content, id) => ws.send(JSON.stringify({
    header: {msg_id: id, msg_type: type, session: 'probe', username: '', version: '5.3',
      date: new Date().toISOString()},
    parent_header: {}, metadata: {}, content, channel: 'shell', buffers: []}));
  send('execute_request', {code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false,
    stop_on_error: true}, 'probe-execute');
  send('inspect_request', {code: 'open', cursor_pos: 4, detail_level: 1}, 'probe-inspect');
  send('kernel_info_request', {}, 'probe-info');
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && !seen.some(m => m.parent === 'probe-info' && m.type === 'kernel_info_reply')) {
    await new Promise(r => setTimeout(r, 100));
  }
  await new Promise(r => setTimeout(r, 2000));  // time for an execute_reply, were the request run
  ws.close();
  return seen;
}"""


def test_kernel_websocket_refuses_execute_requests(voila_server, open_app, tmp_path):
    page = open_app(voila_server).open()
    kernel_id = page_kernel_id(page)
    sentinel = tmp_path / "pwned.txt"
    code = f"open({str(sentinel)!r}, 'w').write('ran')"
    seen = page.evaluate(PROBE_JS, {"kernelId": kernel_id, "code": code})
    assert any(m["parent"] == "probe-info" and m["type"] == "kernel_info_reply" for m in seen), (
        f"the probe's websocket never worked, so the test proves nothing: {seen}"
    )
    answered = [m for m in seen if m["parent"] in {"probe-execute", "probe-inspect"}]
    assert answered == [], f"the kernel handled a request it must refuse: {answered}"
    time.sleep(1)
    assert not sentinel.exists(), "an execute request from the browser ran code in the kernel"
    log = voila_server.log_tail(10**7)
    assert 'Received message of type "execute_request", which is not allowed' in log
    page.wait_for_selector(READY, state="visible")  # the page's own app is unharmed
    assert page.locator(".secondop-connection-lost").is_hidden()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "api/kernels"),
        ("POST", "api/kernels"),
        ("POST", "api/sessions"),
        ("GET", "api/contents"),
        ("PUT", "api/contents/written.txt"),
        ("GET", "api/terminals"),
        ("POST", "api/terminals"),
        ("GET", "api/kernelspecs"),
        ("GET", "lab"),
        ("GET", "tree"),
        ("GET", "voila/files/../pyproject.toml"),
        ("GET", "voila/files/%2e%2e/data/settings.yaml"),
        ("GET", "voila/files/second_opinion.ipynb"),
    ],
)
def test_the_standalone_server_offers_no_code_files_or_terminals(voila_server, method, path):
    body = json.dumps({"name": "python3", "type": "file", "content": "x", "format": "text"}).encode()
    request = urllib.request.Request(
        voila_server.url + path, method=method, data=body if method in {"POST", "PUT"} else None
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status in {403, 404, 405}, f"{method} /{path} answered {status}"
