"""The app's first view as plain HTML, painted before Voilà's scripts have loaded.

A served page shows nothing but a spinner until the browser has loaded and run Voilà's front end (about
4.7 MiB of JavaScript) and drawn every widget from the kernel: 2.7 s on a desktop, 11 s on a slow phone,
for text that is already known on the server. This module draws the same widget tree as static HTML, with
the class names ipywidgets 8 gives its views, so the page's own stylesheet lays it out the way the live app
will be laid out. Its controls are disabled (nothing can react yet); the page template shows it in place of
the spinner and `secondop-first-view.js` swaps it for the live app once every widget is drawn.

Nothing here writes text of its own: every word comes from the widgets, that is from data/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import ipywidgets as w

from .html_parts import esc, without_file_targets

#: The element's id (the page's script finds the view by it).
ELEMENT_ID = "secondop-first-view"
#: Classes that mean "the live app is here" (tests, the benchmark and scripts wait for them): not on the view.
LIVE_ONLY_CLASSES = {"secondop-ready"}

#: Widgets whose ipywidgets 8 view has neither `jupyter-widgets` nor `widget-inline-hbox` (a block, its label
#: inline above its box of options).
UNMARKED_VIEWS = (w.RadioButtons,)
#: Layout traits that are not CSS properties.
_NOT_CSS = {"keys", "comm", "log"}


def _state(widget: w.Widget, key: str) -> Any:
    """One field of the widget's model state, as the browser's widget manager receives it.

    Public API only (`Widget.get_state`): fields such as `_dom_classes` and `_options_labels` are the widget
    protocol's documented model state, not attributes to reach into (tests/test_first_view.py records the
    ipywidgets version this was checked against).
    """
    return widget.get_state(key)[key]


def _classes(widget: w.DOMWidget, *base: str, marked: bool = True) -> str:
    """The view's classes: ipywidgets' own, `jupyter-widgets` where its view carries it (`marked`), the app's."""
    own = [name for name in _state(widget, "_dom_classes") if name not in LIVE_ONLY_CLASSES]
    return esc(" ".join(["lm-Widget", *base, *(["jupyter-widgets"] if marked else []), *own]))


def _style(widget: w.DOMWidget) -> str:
    """The widget's Layout as an inline style, as ipywidgets' LayoutView applies it (trait `a_b` → `a-b`)."""
    layout = widget.layout
    rules = []
    for name in layout.keys:
        if name.startswith("_") or name in _NOT_CSS:
            continue
        value = getattr(layout, name)
        if value is not None and value != "":
            rules.append(f"{name.replace('_', '-')}: {value}")
    return f' style="{esc("; ".join(rules))}"' if rules else ""


class _Renderer:
    """Renders one widget tree; ids for label/select pairs are numbered per tree."""

    def __init__(self) -> None:
        self.count = 0
        self._ids = 0
        self._renderers: dict[type, Callable[[w.DOMWidget], str]] = {
            w.Box: self._box,
            w.HTML: self._html,
            w.Checkbox: self._checkbox,
            w.Button: self._button,
            w.Dropdown: self._dropdown,
            w.RadioButtons: self._radio,
        }

    def render(self, widget: w.DOMWidget) -> str:
        for kind, render in self._renderers.items():
            if isinstance(widget, kind):
                # the page's script counts the live app's `.jupyter-widgets`: count only views that carry it
                self.count += not isinstance(widget, UNMARKED_VIEWS)
                return render(widget)
        raise TypeError(f"the first view cannot draw a {type(widget).__name__} widget")

    def _box(self, box: w.Box) -> str:
        kind = "widget-vbox" if isinstance(box, w.VBox) else "widget-hbox" if isinstance(box, w.HBox) else ""
        inner = "".join(self.render(child) for child in box.children)
        classes = _classes(box, "lm-Panel", "widget-container", "widget-box", kind)
        return f'<div class="{classes}"{_style(box)}>{inner}</div>'

    def _html(self, html: w.HTML) -> str:
        # The value is HTML the app built from escaped content (html_parts): drawn as the HTML widget draws it.
        classes = _classes(html, "widget-inline-hbox", "widget-html")
        # a link to a file made in the page (the plan's downloads): tens of kilobytes each, and clickable only
        # once the live app is there, so the first view shows the link's text without its target
        value = without_file_targets(html.value)
        return f'<div class="{classes}"{_style(html)}><div class="widget-html-content">{value}</div></div>'

    def _checkbox(self, box: w.Checkbox) -> str:
        checked = " checked" if box.value else ""
        label = esc(box.description)
        classes = _classes(box, "widget-inline-hbox", "widget-checkbox")
        return (
            f'<div class="{classes}"{_style(box)}><label class="widget-label-basic">'
            f'<input type="checkbox" disabled{checked}><span title="{label}">{label}</span></label></div>'
        )

    def _button(self, button: w.Button) -> str:
        classes = ["jupyter-button", "widget-button"]
        if button.button_style:
            classes.append(f"mod-{button.button_style}")
        title = f' title="{esc(button.tooltip)}"' if button.tooltip else ""
        # as the live button (the current language's is disabled, and styled so); none does anything yet
        disabled = " disabled" if button.disabled else ""
        return (
            f'<button type="button" class="{_classes(button, *classes)}"{title}{disabled}{_style(button)}>'
            f"{esc(button.description)}</button>"
        )

    def _dropdown(self, dropdown: w.Dropdown) -> str:
        self._ids += 1
        ident = f"{ELEMENT_ID}-select-{self._ids}"
        width = dropdown.style.description_width
        label_style = f' style="width: {esc(width)};"' if width else ""
        options = "".join(
            f"<option{' selected' if index == dropdown.index else ''}>{esc(label)}</option>"
            for index, label in enumerate(_state(dropdown, "_options_labels"))
        )
        classes = _classes(dropdown, "widget-inline-hbox", "widget-dropdown")
        return (
            f'<div class="{classes}"{_style(dropdown)}><label class="widget-label" for="{ident}"{label_style}>'
            f'{esc(dropdown.description)}</label><select id="{ident}" disabled>{options}</select></div>'
        )

    def _radio(self, radio: w.RadioButtons) -> str:
        # as ipywidgets' RadioButtonsView: a block with the description's label, then a box of labels each ending
        # in its input
        self._ids += 1
        name = f"{ELEMENT_ID}-radio-{self._ids}"
        width = radio.style.description_width
        hidden = f' style="width: {esc(width)};"' if width else ""
        hidden = hidden if radio.description else ' style="display: none;"'
        orientation = "vertical" if radio.orientation == "vertical" else "horizontal"
        options = "".join(
            f'<label>{esc(label)}<input type="radio" name="{name}" value="{index}" disabled'
            f"{' checked' if index == radio.index else ''}></label>"
            for index, label in enumerate(_state(radio, "_options_labels"))
        )
        classes = _classes(radio, "widget-radio", marked=False)
        return (
            f'<div class="{classes}"{_style(radio)}><label class="widget-label"{hidden}>{esc(radio.description)}'
            f'</label><div class="widget-radio-box widget-radio-box-{orientation}">{options}</div></div>'
        )


def first_view_html(root: w.DOMWidget) -> str:
    """The widget tree under `root` as static HTML in one element, which says how many widgets it stands for.

    The count lets the page's script wait until the live app has drawn as many before it swaps them.
    `aria-busy` tells screen readers the page is still getting ready.
    """
    renderer = _Renderer()
    body = renderer.render(root)
    return (
        f'<div id="{ELEMENT_ID}" class="secondop-first-view" role="main" aria-busy="true" '
        f'data-secondop-widgets="{renderer.count}">{body}</div>'
    )


def widget_tree(root: w.Widget) -> list[w.Widget]:
    """Every widget reachable from `root` through its synced traits: children, layouts, styles, and so on."""
    found: dict[int, w.Widget] = {}
    waiting = [root]
    while waiting:
        widget = waiting.pop()
        if id(widget) in found:
            continue
        found[id(widget)] = widget
        for name in widget.keys:
            value = getattr(widget, name, None)
            for item in value if isinstance(value, (list, tuple)) else (value,):
                if isinstance(item, w.Widget):
                    waiting.append(item)
    return list(found.values())


@contextmanager
def closing_widget_tree(root: w.Widget) -> Iterator[w.Widget]:
    """Yield `root`; then close it and every widget (layout and style models included) it reaches.

    A first view is drawn in the server's own process, where no page ever displays these widgets: closed,
    they leave ipywidgets' registry and are freed. Every widget the app makes is reachable from its root
    (tests/test_first_view.py counts the open widgets before and after).
    """
    try:
        yield root
    finally:
        for widget in widget_tree(root):
            widget.close()
