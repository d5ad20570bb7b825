"""The dashboard's stylesheet: readable on a phone (375 px, no sideways scrolling) and on a projector.

Scoped to `.secondop-app`, so nothing leaks into the rest of a Jupyter page.
"""

from __future__ import annotations

CSS = """
.secondop-app {
  --secondop-text: #1a1a1a;
  --secondop-link: #0b4f9c;
  --secondop-focus: #b35900;
  --secondop-border: #6b6b6b;
  --secondop-soft: #f3f6fa;
  color: var(--secondop-text);
  font-size: 16px;
  line-height: 1.45;
  max-width: 1200px;
  width: 100%;
  box-sizing: border-box;
  margin: 0 auto;
  overflow-wrap: anywhere;
}
.secondop-app * { box-sizing: border-box; }
.secondop-app .jupyter-widgets,
.secondop-app .widget-html-content,
.secondop-app .widget-label,
.secondop-app .widget-label-basic,
.secondop-app .widget-label-basic span {
  color: var(--secondop-text);
  font-size: inherit;
  line-height: 1.4;
  white-space: normal;
  overflow: visible;
  height: auto;
}
.secondop-app .widget-html,
.secondop-app .widget-html-content { height: auto; }
.secondop-app .widget-inline-hbox,
.secondop-app .widget-html,
.secondop-app .widget-checkbox,
.secondop-app .widget-dropdown { max-width: 100%; height: auto; min-height: 28px; }
.secondop-app .widget-checkbox { width: 100%; align-items: flex-start; }
.secondop-app .widget-checkbox label { display: flex; align-items: flex-start; gap: 0.5em; cursor: pointer; }
.secondop-app .widget-checkbox input[type=checkbox] { width: 20px; height: 20px; margin: 2px 0 0 0; flex: none; }
.secondop-app .widget-checkbox span { font-weight: 600; }
.secondop-app .widget-dropdown { flex-wrap: wrap; gap: 0.3em; }
.secondop-app .widget-dropdown select {
  font-size: inherit; height: auto; min-height: 2em; flex: 1 1 14em; min-width: 0; max-width: 100%;
}
.secondop-app .widget-dropdown label.widget-label { font-weight: 600; }
.secondop-app h1 { font-size: 1.75em; margin: 0.3em 0; }
.secondop-app h2 { font-size: 1.35em; margin: 0.8em 0 0.3em; }
.secondop-app h3 { font-size: 1.12em; margin: 0.7em 0 0.3em; }
.secondop-app .secondop-circumstances h3 { border-bottom: 2px solid var(--secondop-border); padding-bottom: 0.1em; }
.secondop-app p, .secondop-app li { margin: 0.25em 0; }
.secondop-app a { color: var(--secondop-link); text-decoration: underline; }
.secondop-app :focus-visible,
.secondop-app input:focus,
.secondop-app select:focus,
.secondop-app button:focus,
.secondop-app summary:focus {
  outline: 3px solid var(--secondop-focus);
  outline-offset: 2px;
}
.secondop-app .secondop-column { flex: 1 1 320px; min-width: 0; padding: 0 0.5em; }
/* An entry is a box followed by its note (no wrapper widget): the box opens the gap, the note closes it. */
.secondop-app .widget-checkbox.secondop-entry-box { margin: 0.35em 0 0 0; }
.secondop-app .secondop-entry-note { margin: 0 0 0.6em 0; }
.secondop-app .secondop-explain { margin-left: 1.7em; }
.secondop-app .secondop-term { margin-left: 1.7em; }
/* 24 px: the smallest target WCAG 2.2 (2.5.8, AA) allows for a control that is not inline in text. */
.secondop-app .secondop-term summary { cursor: pointer; color: var(--secondop-link); min-height: 24px; padding: 2px 0; }
.secondop-app .secondop-reason,
.secondop-app .secondop-worry,
.secondop-app .secondop-story {
  border-left: 4px solid var(--secondop-link);
  background: var(--secondop-soft);
  padding: 0.4em 0.8em;
  margin: 0.6em 0;
}
.secondop-app .secondop-block {
  border-left: 4px solid var(--secondop-border);
  padding: 0.2em 0.8em;
  margin: 0.6em 0;
}
/* When not to wait: the one block nobody should scroll past. */
.secondop-app .secondop-block[data-block="safety"] { border-left-width: 8px; background: #fff8e1; }
.secondop-app .secondop-glossary-list dt { font-weight: 700; margin-top: 0.4em; }
.secondop-app .secondop-glossary-list dd { margin: 0.1em 0 0 1em; }
/* The download and share links stand alone (not in a sentence): 24 px targets like the other controls. */
.secondop-app .secondop-download-links a { display: inline-block; min-height: 24px; padding: 2px 0; }
.secondop-app .secondop-strength { font-weight: 700; }
.secondop-app .secondop-cite { font-size: 0.9em; }
.secondop-app .secondop-how { margin-left: 1.7em; }
.secondop-app .secondop-notice p {
  border: 2px solid var(--secondop-border);
  padding: 0.5em 0.8em;
  background: #fff8e1;
}
.secondop-app .secondop-message .widget-html-content:not(:empty) {
  border: 2px solid #8a1c1c;
  background: #fdecea;
  padding: 0.5em 0.8em;
}
.secondop-app progress { width: 100%; max-width: 320px; height: 1em; }
.secondop-app .jupyter-button {
  font-size: inherit;
  height: auto;
  min-height: 2.2em;
  max-width: 100%;
  color: #ffffff;
  background: var(--secondop-link);
  border-radius: 4px;
}
/* Language switch: the language shown is the filled, bold one; the other is an outlined button to press. */
.secondop-app .secondop-language-switch { align-items: center; gap: 0.4em; }
.secondop-app .jupyter-button.secondop-language { width: auto; padding: 0 0.8em; }
.secondop-app .jupyter-button.secondop-language:not(:disabled) {
  color: var(--secondop-link);
  background: #ffffff;
  border: 2px solid var(--secondop-link);
}
.secondop-app .jupyter-button.secondop-language:disabled {
  opacity: 1;
  color: #ffffff;
  background: var(--secondop-link);
  font-weight: 700;
  cursor: default;
}
.secondop-app button.secondop-print {
  font-size: inherit;
  padding: 0.4em 1em;
  border: 2px solid var(--secondop-link);
  background: #ffffff;
  color: var(--secondop-link);
  border-radius: 4px;
  cursor: pointer;
}
.secondop-app .secondop-chart { width: 100%; min-width: 0; }
/* The reasons chart (secondop/ui/chart_html.py): sized in em, so it grows with the large-text mode. */
.secondop-app .secondop-legend {
  list-style: none; padding: 0; margin: 0.2em 0 0.6em; display: flex; flex-wrap: wrap; gap: 0.2em 1.2em;
}
.secondop-app .secondop-legend li { margin: 0; display: flex; align-items: center; gap: 0.4em; }
.secondop-app .secondop-swatch {
  display: inline-block; width: 1em; height: 1em; flex: none; border: 1px solid transparent;
}
.secondop-app .secondop-bars { list-style: none; padding: 0; margin: 0; }
.secondop-app .secondop-bar-row { margin: 0 0 0.7em; display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.1em; }
.secondop-app .secondop-bar-title { font-weight: 600; }
/* Grid lines where each strength ends (a third, two thirds, the end). */
.secondop-app .secondop-bar-track {
  display: block; height: 1.2em;
  background: linear-gradient(to right,
    transparent calc(33.333% - 1px), #8c8c8c calc(33.333% - 1px), #8c8c8c 33.333%, transparent 33.333%,
    transparent calc(66.667% - 1px), #8c8c8c calc(66.667% - 1px), #8c8c8c 66.667%, transparent 66.667%);
  border-left: 2px solid #4d4d4d;
}
/* The border shows the bar where forced colours (Windows contrast themes) drop backgrounds. */
.secondop-app .secondop-bar { display: block; height: 100%; border: 1px solid transparent; }
.secondop-app .secondop-bar-value { font-size: 0.9em; }
.secondop-app .secondop-axis { border-top: 2px solid #4d4d4d; padding-top: 0.2em; font-size: 0.9em; }
.secondop-app .secondop-axis-ticks { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); text-align: end; }
.secondop-app .secondop-axis-ticks span { padding-left: 0.3em; }
.secondop-app .secondop-axis-title { text-align: center; margin-top: 0.2em; }
.secondop-app .secondop-print-only { display: none; }

/* Projector mode: everything larger, controls included. */
.secondop-app.secondop-large { font-size: 24px; }
.secondop-app.secondop-large .widget-checkbox input[type=checkbox] { width: 30px; height: 30px; }
.secondop-app.secondop-large h1 { font-size: 1.6em; }

/* Presenter mode (secondop/ui/presenter.py): large type, projector contrast, only what a room needs. */
.secondop-app:not(.secondop-presenting) .secondop-stage,
.secondop-app:not(.secondop-presenting) .secondop-qr { display: none; }
.secondop-app.secondop-presenting {
  --secondop-text: #000000;
  --secondop-link: #003a80;
  --secondop-border: #000000;
  --secondop-soft: #ffffff;
  font-size: 26px;
  background: #ffffff;
  max-width: none;
}
.secondop-app.secondop-presenting .widget-checkbox input[type=checkbox] { width: 32px; height: 32px; }
.secondop-app.secondop-presenting h1 { font-size: 1.5em; }
.secondop-app.secondop-presenting .secondop-present-hide,
.secondop-app.secondop-presenting .secondop-intro,
.secondop-app.secondop-presenting .secondop-scenario,
.secondop-app.secondop-presenting .secondop-large-text,
.secondop-app.secondop-presenting.secondop-plan-hidden .secondop-plan-part { display: none; }
.secondop-app.secondop-presenting .secondop-story { border-left-width: 8px; border-color: #000000; }
.secondop-app .secondop-stage-nav { flex-flow: row wrap; align-items: center; gap: 0.5em 1em; }
.secondop-app .jupyter-button.secondop-present-button { width: auto; padding: 0 0.8em; border: 2px solid #000000; }
.secondop-app .secondop-ask { font-weight: 700; }
.secondop-app .secondop-qr { display: flex; flex-flow: row wrap; align-items: center; gap: 0.5em 1em; }
.secondop-app .secondop-qr svg { flex: none; width: 8em; height: 8em; }
.secondop-app .secondop-qr p { flex: 1 1 12em; min-width: 0; }

@media (max-width: 480px) {
  .secondop-app { font-size: 16px; }
  .secondop-app .secondop-column { padding: 0; }
}

@media print {
  /* Voila scrolls the page inside #rendered_cells; on paper it must flow over every page. */
  html, body, #main, #jp-main-content-panel, #rendered_cells {
    contain: none !important; overflow: visible !important; height: auto !important; position: static !important;
  }
  .secondop-app .secondop-no-print,
  .secondop-app .secondop-circumstances,
  .secondop-app .secondop-concerns,
  .secondop-app .secondop-downloads,
  .secondop-app .secondop-chart { display: none !important; }
  .secondop-app .secondop-print-only { display: block !important; }
  .secondop-app .secondop-column { flex: 1 1 100% !important; }
  .secondop-app.secondop-large { font-size: 12pt; }
  .secondop-app .secondop-reason { break-inside: avoid; }
  .secondop-app a::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  .secondop-app .secondop-downloads a::after { content: ""; }
}
"""


def style_tag() -> str:
    """The stylesheet as an HTML snippet for an ipywidgets.HTML."""
    return f"<style>{CSS}</style>"
