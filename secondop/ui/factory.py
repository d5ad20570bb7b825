"""Widgets that share their Layout and style models, so a page carries about a quarter of the models.

ipywidgets gives every widget its own `Layout` model (and an `HTMLStyle`/`CheckboxStyle` for HTML and
checkboxes), each one more model for the kernel to open and the browser to build before the app is ready:
the dashboard had 424 models, 263 of them layouts and styles. A layout or style model may be shared by
any number of widgets. Only widgets whose layout never changes get a shared one; a widget that changes
its own layout (the message area's `display`, the chart's `height`) keeps its own.
One factory per app: nothing is shared between two apps (or two kernels' tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_button import ButtonStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle


def _classes(classes: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The widget's CSS classes as a constructor argument: they travel in the message that creates the widget.

    `add_class` after construction sends one more message per widget (about 120 for the dashboard), each
    one serialised, signed and sent by the kernel and read by Voilà while the page is still being made.
    """
    return {"_dom_classes": tuple(dict.fromkeys(classes))}


class WidgetFactory:
    """Makes the app's widgets; all of a kind share one layout and one style model."""

    def __init__(self) -> None:
        self.plain = w.Layout()
        self.full_width = w.Layout(width="100%")
        self.row = w.Layout(flex_flow="row wrap", width="100%")
        self.auto_width = w.Layout(width="auto")
        self.html_style = HTMLStyle()
        self.checkbox_style = CheckboxStyle()
        self.button_style = ButtonStyle()
        #: For a control whose label sits beside or above it at its natural width (the example picker, the radio
        #: groups): "initial" lets a long question wrap instead of being cut at ipywidgets' default 80 px.
        self.description_style = DescriptionStyle(description_width="initial")

    def html(self, value: str = "", *classes: str, layout: w.Layout | None = None) -> w.HTML:
        return w.HTML(value, layout=layout or self.plain, style=self.html_style, **_classes(classes))

    def parts(
        self, parts: Mapping[str, str], *classes: str, layout: w.Layout | None = None, value: str = ""
    ) -> HtmlParts:
        """Pieces of the page drawn by one HTML widget (`HtmlParts`): `parts` maps each piece's name to its class."""
        return HtmlParts(self.html(value, *classes, layout=layout), parts)

    def checkbox(self, description: str, *classes: str, layout: w.Layout | None = None) -> w.Checkbox:
        """An unticked box labelled `description`, not indented (the label starts at the box)."""
        return w.Checkbox(
            value=False,
            description=description,
            indent=False,
            layout=layout or self.full_width,
            style=self.checkbox_style,
            **_classes(classes),
        )

    def button(
        self, description: str, *classes: str, layout: w.Layout | None = None, disabled: bool = False
    ) -> w.Button:
        """A button named `description` (its tooltip too), as wide as its text (or as `layout` says)."""
        return w.Button(
            description=description,
            tooltip=description,
            disabled=disabled,
            layout=layout or self.auto_width,
            style=self.button_style,
            **_classes(classes),
        )

    def vbox(self, children: Iterable[w.Widget], *classes: str, layout: w.Layout | None = None) -> w.VBox:
        return w.VBox(list(children), layout=layout or self.plain, **_classes(classes))

    def hbox(self, children: Iterable[w.Widget], *classes: str, layout: w.Layout | None = None) -> w.HBox:
        return w.HBox(list(children), layout=layout or self.plain, **_classes(classes))

    def row_of(self, *columns: w.Widget) -> w.HBox:
        """Columns side by side that wrap under each other on a narrow screen."""
        return self.hbox(columns, layout=self.row)

    def column(self, *children: w.Widget, classes: Iterable[str] = ()) -> w.VBox:
        return self.vbox(children, "secondop-column", *classes)


@dataclass
class Piece:
    """HTML drawn inside a larger HTML widget; `value` reads like an HTML widget's own."""

    value: str = ""


class HtmlParts:
    """Pieces of the page that sit next to each other and change together, drawn by one HTML widget (`widget`).

    Each widget is one more model for a phone to build before it can tick a box; text beside text needs only one.
    Each piece keeps the class it had as a widget of its own, on a `<div>` around it (the page's styles, scripts
    and tests find it as before); an empty piece leaves nothing. `set` draws the pieces once, however many change,
    and ipywidgets sends the value only when it differs.
    """

    def __init__(self, widget: w.HTML, parts: Mapping[str, str]):
        self.widget = widget
        self._classes = dict(parts)
        self.parts = {name: Piece() for name in parts}
        self._prefix = widget.value  # what stands before the pieces (a heading, the stylesheet)

    def __getitem__(self, name: str) -> Piece:
        return self.parts[name]

    def set(self, **values: str) -> None:
        """Change these pieces and draw the widget."""
        self.put(**values)
        self.draw()

    def put(self, **values: str) -> None:
        """Change these pieces without drawing (a later `set` or `draw` sends them with the others)."""
        for name, value in values.items():
            self.parts[name].value = value

    def draw(self) -> None:
        self.widget.value = self._prefix + "".join(
            f'<div class="{self._classes[name]}">{piece.value}</div>' if self._classes[name] else piece.value
            for name, piece in self.parts.items()
            if piece.value
        )
